// Under the author's own contribution: "written in Spanish — change". One step corrects a
// misdetected language (a select and a confirm, from the keyboard too); the server then
// redoes the machine translations from the right language. The author may also make it their
// writing language, which short texts are taken to be written in from then on.
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { contentLanguages, languageNames } from "../../../shared/languages.js";
import { authApi } from "../auth/authApi.js";
import { useSession } from "../auth/session.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { translationApi, type TargetRef } from "./translationApi.js";
import { storeTranslations } from "./useTranslations.js";

/** A language named in the interface's language ("francés" in Spanish), for a sentence. */
export function useLanguageInSentence(): (code: string) => string {
  const { i18n } = useTranslation();
  const names = useMemo(() => new Intl.DisplayNames([i18n.resolvedLanguage ?? "en"], { type: "language" }), [i18n.resolvedLanguage]);
  return (code) => names.of(code) ?? code;
}

type Props = {
  target: TargetRef;
  sourceLanguage: string;
  /** Shown after the sentence, e.g. the toggle to a translation into the author's reading language. */
  toggle?: ReactNode;
};

export function SourceLanguageChoice({ target, sourceLanguage, toggle }: Props) {
  const { t } = useTranslation("translation");
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [choice, setChoice] = useState(sourceLanguage);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [remember, setRemember] = useState(false);
  const { user, updated } = useSession();
  const changeButton = useRef<HTMLButtonElement>(null);
  const select = useRef<HTMLSelectElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (editing) select.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      changeButton.current?.focus();
    }
  }, [editing]);

  // "Spanish" in the interface's language for the sentence; the menu names each language in its own.
  const inInterface = useLanguageInSentence();

  function close() {
    returnFocus.current = true;
    setEditing(false);
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    if (choice === sourceLanguage) return close();
    setBusy(true);
    setFailure(null);
    try {
      storeTranslations(target, await translationApi.setSourceLanguage(target, choice));
      if (remember) updated(await authApi.updateMe({ writingLanguage: choice }));
      setSaved(true);
      close();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  if (!editing) {
    return (
      <p className="translation-note source-language" data-testid="source-language" data-language={sourceLanguage}>
        <span>{t("translation:source.writtenIn", { language: inInterface(sourceLanguage) })}</span>
        {" — "}
        <button
          ref={changeButton}
          type="button"
          className="link-button"
          data-testid="source-language-change"
          aria-label={t("translation:source.changeLabel", { language: inInterface(sourceLanguage) })}
          onClick={() => {
            setChoice(sourceLanguage);
            setRemember(false);
            setSaved(false);
            setEditing(true);
          }}
        >
          {t("translation:source.change")}
        </button>
        {toggle && <> · {toggle}</>}
        {saved && (
          <>
            {" · "}
            <span role="status">
              {t("translation:source.saved")}
            </span>
          </>
        )}
      </p>
    );
  }

  return (
    <form
      className="translation-note source-language-form"
      data-testid="source-language-form"
      onSubmit={(event) => void confirm(event)}
      onKeyDown={(event) => {
        if (event.key === "Escape") close();
      }}
    >
      <label htmlFor={id}>{t("translation:source.label")}</label>
      <select id={id} ref={select} value={choice} onChange={(event) => setChoice(event.target.value)} data-testid="source-language-select">
        {contentLanguages.map((code) => (
          <option key={code} value={code} lang={code}>
            {languageNames[code]}
          </option>
        ))}
      </select>
      {user && choice !== user.writingLanguage && (
        <label className="checkbox">
          <input type="checkbox" checked={remember} onChange={(event) => setRemember(event.target.checked)} data-testid="source-language-remember" />
          {t("translation:source.remember", { language: inInterface(choice) })}
        </label>
      )}
      <button type="submit" className="button small primary" disabled={busy} data-testid="source-language-confirm">
        {t("translation:source.confirm")}
      </button>
      <button type="button" className="button small" onClick={close}>
        {t("translation:source.cancel")}
      </button>
      <ErrorNotice error={failure} />
    </form>
  );
}
