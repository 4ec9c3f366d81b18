// The workshop's synthesis documents (its main synthesis, notes per sequence, its series'
// synthesis), each with its status; facilitators start new notes here, from a template or empty.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, useNavigate } from "react-router";
import { LanguageSelect } from "../ui/LanguageSelect.js";
import type { SynthesisDocument } from "../../../shared/schemas/synthesis.js";
import { synthesisTemplates, type SynthesisTemplate } from "../../../shared/synthesis-templates.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { formatDateTime } from "../ui/format.js";
import { documentName } from "./documentNames.js";
import { StatusBadge } from "./StatusPanel.js";
import { passagePath, synthesisApi } from "./synthesisApi.js";

type ListProps = { workshopId: string; documents: SynthesisDocument[]; compact?: boolean };

export function DocumentList({ workshopId, documents, compact = false }: ListProps) {
  const { t } = useTranslation("synthesis");
  return (
    <ul className={`synthesis-documents${compact ? " is-compact" : ""}`} data-testid="synthesis-documents">
      {documents.map((document) => (
        <li key={document.id} className="synthesis-document" data-testid="synthesis-document" data-kind={document.kind}>
          <NavLink to={passagePath(workshopId, document.id)} className="synthesis-document-link">
            <span className="synthesis-document-name">{documentName(document, t)}</span>
            {!compact && <span className="synthesis-document-kind muted">{t(`synthesis:documents.kinds.${document.kind}`)}</span>}
          </NavLink>
          <span className="synthesis-document-meta">
            <StatusBadge status={document.status} />
            {!compact && <span className="muted">{t("synthesis:documents.updated", { date: formatDateTime(document.updatedAt) })}</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}

type CreateProps = { workshopId: string; languages: string[] };

export function NewDocumentForm({ workshopId, languages }: CreateProps) {
  const { t } = useTranslation("synthesis");
  const navigate = useNavigate();
  const [title, setTitle] = useState("");
  const [template, setTemplate] = useState<SynthesisTemplate | "">("");
  const [language, setLanguage] = useState(languages[0] ?? "");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) return;
    setBusy(true);
    setFailure(null);
    try {
      const document = await synthesisApi.createDocument(workshopId, { title: title.trim(), language: language || undefined, template: template || undefined });
      navigate(passagePath(workshopId, document.id));
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  }

  return (
    <form className="form new-document" onSubmit={(event) => void submit(event)} data-testid="new-document">
      <div className="field">
        <label htmlFor="document-title">{t("synthesis:documents.titleLabel")}</label>
        <input id="document-title" required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} aria-describedby="document-title-hint" />
        <p id="document-title-hint" className="hint">
          {t("synthesis:documents.titleHint")}
        </p>
      </div>
      <div className="new-document-options">
        <div className="field">
          <label htmlFor="document-template">{t("synthesis:templates.label")}</label>
          <select id="document-template" value={template} onChange={(e) => setTemplate(e.target.value as SynthesisTemplate | "")} aria-describedby="document-template-hint">
            <option value="">{t("synthesis:templates.none")}</option>
            {synthesisTemplates.map((name) => (
              <option key={name} value={name}>
                {t(`synthesis:templates.names.${name}`)}
              </option>
            ))}
          </select>
          <p id="document-template-hint" className="hint">
            {template ? t(`synthesis:templates.descriptions.${template}`) : t("synthesis:templates.noneHint")}
          </p>
        </div>
        {languages.length > 1 && (
          <LanguageSelect id="document-language" label={t("synthesis:documents.language")} languages={languages} value={language} onChange={setLanguage} />
        )}
      </div>
      <ErrorNotice error={failure} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy} data-testid="document-create">
          {t("synthesis:documents.create")}
        </button>
      </div>
    </form>
  );
}

/** The way back from a document to the list. */
export function AllDocumentsLink({ workshopId }: { workshopId: string }) {
  const { t } = useTranslation("synthesis");
  return <Link to={`/workshops/${encodeURIComponent(workshopId)}/synthesis`}>{t("synthesis:documents.all")}</Link>;
}
