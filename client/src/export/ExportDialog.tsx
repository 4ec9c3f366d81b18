// The export dialog of a synthesis document: format, one language or two side by side, the
// current text or a version, line numbers; the download shows its progress in a progress bar.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { languageNames } from "../../../shared/languages.js";
import { exportFormats, type ExportFormat } from "../../../shared/schemas/export.js";
import type { SynthesisDocument } from "../../../shared/schemas/synthesis.js";
import { errorCodeOf } from "../api.js";
import { Dialog } from "../synthesis/Dialog.js";
import { synthesisApi } from "../synthesis/synthesisApi.js";
import { useResource } from "../ui/useResource.js";
import { downloadExport, exportPath } from "./exportApi.js";
import "./export.css";

type Props = { workshopId: string; document: SynthesisDocument; languages: string[]; readerLanguage: string };

export function ExportButton(props: Props) {
  const { t } = useTranslation("export");
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)} data-testid="export-open">
        {t("dialog.open")}
      </button>
      <Dialog open={open} title={t("dialog.title")} onClose={() => setOpen(false)} testId="export-dialog" className="export-dialog">
        <ExportForm {...props} onDone={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

function ExportForm({ workshopId, document, languages, readerLanguage, onDone }: Props & { onDone: () => void }) {
  const { t } = useTranslation(["export", "errors"]);
  const versions = useResource(() => synthesisApi.versions(document.id), [document.id]);
  const working = [...new Set([document.language, ...languages])];
  const [format, setFormat] = useState<ExportFormat>("pdf");
  const [language, setLanguage] = useState(working.includes(readerLanguage) ? readerLanguage : document.language);
  const [second, setSecond] = useState("");
  const [versionId, setVersionId] = useState("");
  const [lineNumbers, setLineNumbers] = useState(false);
  const [pack, setPack] = useState<"" | "participants" | "workingDocument">("");
  const [progress, setProgress] = useState<number | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const busy = progress !== undefined;

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    setProgress(null);
    try {
      const path = exportPath(workshopId, document.id, { format, languages: second && second !== language ? [language, second] : [language], versionId: versionId || null, lineNumbers, pack: pack || null });
      await downloadExport(path, setProgress);
      onDone();
    } catch (cause) {
      setError(t(`errors:${errorCodeOf(cause)}`));
    } finally {
      setProgress(undefined);
    }
  }

  return (
    <form className="dialog-body export-form" onSubmit={submit}>
      <fieldset>
        <legend>{t("dialog.format")}</legend>
        <div className="export-formats">
          {exportFormats.map((f) => (
            <label key={f}>
              <input type="radio" name="export-format" value={f} checked={format === f} onChange={() => setFormat(f)} data-testid={`export-format-${f}`} /> {t(`dialog.formats.${f}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <label>
        {t("dialog.language")}
        <select value={language} onChange={(e) => setLanguage(e.target.value)} data-testid="export-language">
          {working.map((l) => (
            <option key={l} value={l}>
              {languageNames[l] ?? l}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("dialog.sideBySide")}
        <select value={second} onChange={(e) => setSecond(e.target.value)} data-testid="export-second-language">
          <option value="">{t("dialog.noSecond")}</option>
          {working
            .filter((l) => l !== language)
            .map((l) => (
              <option key={l} value={l}>
                {languageNames[l] ?? l}
              </option>
            ))}
        </select>
      </label>
      <label>
        {t("dialog.version")}
        <select value={versionId} onChange={(e) => setVersionId(e.target.value)} data-testid="export-version">
          <option value="">{t("dialog.current")}</option>
          {(versions.data ?? []).map((v) => (
            <option key={v.id} value={v.id}>
              {v.name || t(`dialog.versionKinds.${v.kind}`, { defaultValue: v.kind })} — {new Date(v.createdAt).toLocaleString()}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("dialog.contents")}
        <select value={pack} onChange={(e) => setPack(e.target.value as typeof pack)} data-testid="export-pack">
          <option value="">{t("dialog.documentOnly")}</option>
          <option value="participants">{t("dialog.packParticipants")}</option>
          <option value="workingDocument">{t("dialog.packWorkingDocument")}</option>
        </select>
      </label>
      <label className="export-check">
        <input type="checkbox" checked={lineNumbers} onChange={(e) => setLineNumbers(e.target.checked)} data-testid="export-line-numbers" /> {t("dialog.lineNumbers")}
      </label>
      <p className="muted small">{t("dialog.marks")}</p>
      {busy && (
        <div className="export-progress" role="status">
          <span>{t("dialog.preparing")}</span>
          <progress max={1} {...(progress !== null && { value: progress })} aria-label={t("dialog.progress")} data-testid="export-progress" />
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions dialog-actions">
        <button type="submit" className="button primary" disabled={busy} data-testid="export-submit">
          {t("dialog.download")}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t("dialog.cancel")}
        </button>
      </div>
    </form>
  );
}
