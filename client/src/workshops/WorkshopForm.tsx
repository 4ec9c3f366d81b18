// The form to create a workshop or edit one: title, theme, description,
// working languages and the reading grid (one question per line).
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { languageNames } from "../../../shared/languages.js";
import type { ReadingGridInput, Workshop } from "../../../shared/schemas/workshops.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { gridToLines, linesToGrid } from "./readingGridLines.js";

export type WorkshopFields = {
  title: string;
  theme: string;
  description: string;
  languages: string[];
  readingGrid: ReadingGridInput;
};

type Props = {
  /** The workshop being edited; absent when creating one. */
  workshop?: Workshop;
  defaultLanguage: string;
  submitLabel: string;
  onSubmit: (fields: WorkshopFields) => Promise<void>;
  onCancel?: () => void;
};

export function WorkshopForm({ workshop, defaultLanguage, submitLabel, onSubmit, onCancel }: Props) {
  const { t } = useTranslation(["workshops", "common"]);
  const id = useId();
  const [title, setTitle] = useState(workshop?.title ?? "");
  const [theme, setTheme] = useState(workshop?.theme ?? "");
  const [description, setDescription] = useState(workshop?.description ?? "");
  const [languages, setLanguages] = useState<string[]>(workshop?.languages ?? [defaultLanguage]);
  const [gridLines, setGridLines] = useState(gridToLines(workshop?.readingGrid));
  const [languagesMissing, setLanguagesMissing] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  function toggleLanguage(code: string, checked: boolean) {
    setLanguagesMissing(false);
    // Keep the order of the list so the same choice always gives the same array.
    setLanguages((current) => Object.keys(languageNames).filter((c) => (c === code ? checked : current.includes(c))));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (languages.length === 0) {
      setLanguagesMissing(true);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit({ title, theme, description, languages, readingGrid: linesToGrid(gridLines, workshop?.readingGrid) });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="form workshop-form">
      <div className="field">
        <label htmlFor={`${id}-title`}>{t("workshops:form.title")}</label>
        <input id={`${id}-title`} required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-theme`}>{t("workshops:form.theme")}</label>
        <input
          id={`${id}-theme`}
          maxLength={200}
          aria-describedby={`${id}-theme-hint`}
          value={theme}
          onChange={(e) => setTheme(e.target.value)}
        />
        <p id={`${id}-theme-hint`} className="hint">
          {t("workshops:form.themeHint")}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>{t("workshops:form.description")}</label>
        <textarea id={`${id}-description`} rows={3} maxLength={5000} value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <fieldset className="field" aria-describedby={languagesMissing ? `${id}-languages-error` : undefined}>
        <legend>{t("workshops:form.languages")}</legend>
        <div className="checkbox-grid">
          {Object.entries(languageNames).map(([code, name]) => (
            <label key={code} className="checkbox">
              <input type="checkbox" checked={languages.includes(code)} onChange={(e) => toggleLanguage(code, e.target.checked)} />
              <span lang={code}>{name}</span>
            </label>
          ))}
        </div>
        {languagesMissing && (
          <p id={`${id}-languages-error`} className="field-error" role="alert">
            {t("workshops:form.languagesRequired")}
          </p>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-grid`}>{t("workshops:form.readingGrid")}</label>
        <textarea
          id={`${id}-grid`}
          rows={5}
          aria-describedby={`${id}-grid-hint`}
          value={gridLines}
          onChange={(e) => setGridLines(e.target.value)}
        />
        <p id={`${id}-grid-hint`} className="hint">
          {t("workshops:form.readingGridHint")}
        </p>
      </div>
      <ErrorNotice error={error} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            {t("common:cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
