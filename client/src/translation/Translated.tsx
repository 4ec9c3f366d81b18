// Contribution text in the reader's language: the stored translation when there is one,
// labelled with what it is (machine, by whom, reviewed, out of date), a toggle back to
// the original, and for untranslated text in another language, a machine-draft request.
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { TranslationTargetKind } from "../../../shared/domain/translations.js";
import { languageNames } from "../../../shared/languages.js";
import type { Translation } from "../../../shared/schemas/translations.js";
import { errorCodeOf } from "../api.js";
import { RichText } from "../ui/RichText.js";
import { translationApi } from "./translationApi.js";
import { useReaderLanguage, useRefreshOnSourceChange, useTranslations } from "./useTranslations.js";
import "./translation.css";

type Props = {
  workshopId: string;
  targetKind: TranslationTargetKind;
  targetId: string;
  /** The field's name on the server; several when its naming may vary (the first one the target lists wins). */
  field: string | readonly string[];
  /** The source text: a string for plain fields, a ProseMirror doc for rich ones. */
  original: unknown;
  /** When known on the client; otherwise the target's detected language. */
  originalLanguage?: string;
  /** Wraps the text shown, e.g. in a heading; the label and buttons follow it. */
  render?: (content: ReactNode, language: string | undefined) => ReactNode;
  /** Whether to offer machine drafts (every member may ask). */
  offerMachine?: boolean;
  className?: string;
};

export function Translated({ workshopId, targetKind, targetId, field, original, originalLanguage, render, offerMachine = true, className = "" }: Props) {
  const { t } = useTranslation("translation");
  const reader = useReaderLanguage();
  const target = useTranslations(workshopId, targetKind, targetId);
  useRefreshOnSourceChange({ workshopId, targetKind, targetId }, original);
  const [showOriginal, setShowOriginal] = useState(false);
  const [requested, setRequested] = useState<"idle" | "pending" | "failed">("idle");
  const [failure, setFailure] = useState<string | null>(null);

  const data = target.data;
  const candidates = typeof field === "string" ? [field] : field;
  const fieldName = (data && candidates.find((name) => data.fields.some((f) => f.field === name))) ?? candidates[0]!;
  const sourceLanguage = originalLanguage ?? data?.sourceLanguage;
  const translation = data?.translations.find((tr) => tr.field === fieldName && tr.language === reader);
  const known = data?.fields.some((f) => f.field === fieldName) ?? false;
  const shown = translation && !showOriginal ? translation : null;
  const shownLanguage = shown ? shown.language : sourceLanguage;

  const content = shown ? textOf(shown.text) : textOf(original);
  const body = render ? render(content, shownLanguage) : <div lang={shownLanguage}>{content}</div>;

  async function requestMachine() {
    setRequested("pending");
    setFailure(null);
    try {
      const result = await translationApi.requestMachine({ workshopId, targetKind, targetId }, [reader]);
      // "refused" means the queue is full or the pair unsupported; the others arrive by translation.updated.
      if (result.jobs.length > 0 && result.jobs.every((job) => job.state === "refused")) {
        setRequested("failed");
        setFailure("translation_unavailable");
      } else target.reload();
    } catch (error) {
      setRequested("failed");
      setFailure(errorCodeOf(error));
    }
  }

  const differs = known && sourceLanguage !== undefined && sourceLanguage !== reader;
  return (
    <div className={`translated ${className}`.trim()} data-testid="translated" data-field={fieldName} data-shown={shown ? "translation" : "original"} data-kind={translation ? kindOf(translation) : "none"}>
      {body}
      {translation ? (
        <p className="translation-note">
          <span className={`translation-label${translation.stale ? " is-stale" : ""}`} data-testid="translation-label">
            {shown ? <TranslationLabel translation={translation} /> : t("translation:reader.originalShown", { language: languageName(sourceLanguage) })}
          </span>{" "}
          <button type="button" className="link-button" data-testid="translation-toggle" aria-pressed={showOriginal} onClick={() => setShowOriginal(!showOriginal)}>
            {showOriginal ? t("translation:reader.showTranslation") : t("translation:reader.showOriginal", { language: languageName(sourceLanguage) })}
          </button>
        </p>
      ) : (
        differs &&
        offerMachine && (
          <p className="translation-note">
            <span className="translation-label">{t("translation:reader.notTranslated", { language: languageName(sourceLanguage) })}</span>{" "}
            {requested === "pending" ? (
              <span className="muted" role="status">
                {t("translation:reader.translating")}
              </span>
            ) : (
              <button type="button" className="link-button" data-testid="translation-request" onClick={() => void requestMachine()}>
                {t("translation:reader.translateAutomatically")}
              </button>
            )}
            {failure && (
              <span className="translation-error" role="alert">
                {" "}
                {t(`errors:${failure}`)}
              </span>
            )}
          </p>
        )
      )}
    </div>
  );
}

/** What kind of translation is shown: machine, a person's draft, reviewed; and whether it is out of date. */
export function TranslationLabel({ translation }: { translation: Translation }) {
  const { t, i18n } = useTranslation("translation");
  const parts: ReactNode[] = [];
  if (translation.stale) parts.push(<strong key="stale">{t("translation:label.stale")}</strong>);
  if (translation.machine) parts.push(<span key="kind">{t("translation:label.machine", { provider: providerName(translation.provider, i18n.resolvedLanguage ?? "en", (language) => t("translation:label.via", { language })) })}</span>);
  else if (translation.status === "reviewed")
    parts.push(
      <span key="kind">
        {t("translation:label.reviewed", { name: translation.translator?.displayName ?? "?", reviewer: translation.reviewedBy?.displayName ?? "?" })}
      </span>,
    );
  else parts.push(<span key="kind">{t("translation:label.human", { name: translation.translator?.displayName ?? "?" })}</span>);
  return <>{parts.flatMap((part, index) => (index ? [" · ", part] : [part]))}</>;
}

export function kindOf(translation: Translation): "machine" | "human" | "reviewed" {
  return translation.machine ? "machine" : translation.status === "reviewed" ? "reviewed" : "human";
}

/** "apertium:fr>es>en" → "Apertium, via Spanish" in the reader's language. */
export function providerName(provider: string | null, uiLanguage: string, via: (language: string) => string): string {
  if (!provider) return "?";
  const [engine = provider, path] = provider.split(":");
  const name = engine === "libretranslate" ? "LibreTranslate" : engine.charAt(0).toUpperCase() + engine.slice(1);
  const hops = path?.split(">") ?? [];
  if (hops.length <= 2) return name;
  const display = new Intl.DisplayNames([uiLanguage], { type: "language" });
  return `${name}, ${hops
    .slice(1, -1)
    .map((code) => via(display.of(code) ?? code))
    .join(", ")}`;
}

/** A language in its own name ("Español"), as the language menus show it. */
export function languageName(code: string | undefined): string {
  return code ? (languageNames[code] ?? code) : "?";
}

function textOf(text: unknown): ReactNode {
  if (typeof text === "string") return <span className="translated-text">{text}</span>;
  return <RichText doc={text} />;
}
