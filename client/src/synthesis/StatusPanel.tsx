// The document's status (draft → submitted for reading and amendment → agreed for
// circulation): who moved it last and when, and for facilitators the allowed next steps.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { StatusChange, SynthesisDocument } from "../../../shared/schemas/synthesis.js";
import { statusTransitions, synthesisStatuses, type SynthesisStatus } from "../../../shared/synthesis.js";
import { errorCodeOf } from "../api.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { formatDateTime } from "../ui/format.js";
import { ConfirmDialog } from "./Dialog.js";
import { synthesisApi } from "./synthesisApi.js";

type Props = {
  document: SynthesisDocument;
  /** The live status; may be ahead of `document` for a moment. */
  status: SynthesisStatus;
  history: StatusChange[];
  /** After a change here, or a refusal that says the status moved: reload the document. */
  onChanged: () => void;
};

export function StatusBadge({ status }: { status: SynthesisStatus }) {
  const { t } = useTranslation("synthesis");
  return (
    <span className={`doc-status doc-status-${status}`} data-testid="document-status" data-status={status}>
      <span className="doc-status-mark" aria-hidden="true">
        {status === "agreed" ? "✔" : status === "submitted" ? "◐" : "✎"}
      </span>
      {t(`synthesis:workflow.status.${status}`)}
    </span>
  );
}

export function StatusPanel({ document, status, history, onChanged }: Props) {
  const { t } = useTranslation("synthesis");
  const [confirming, setConfirming] = useState<SynthesisStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const last = history.filter((c) => c.to === status).at(-1);
  const step = synthesisStatuses.indexOf(status);

  async function change(to: SynthesisStatus) {
    setBusy(true);
    setFailure(null);
    try {
      await synthesisApi.changeStatus(document.id, to, status);
      setConfirming(null);
      onChanged();
    } catch (error) {
      setFailure(error);
      setConfirming(null);
      // Someone else moved it first: show where it stands now.
      if (errorCodeOf(error) === "synthesis_status_transition") onChanged();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card status-panel" aria-labelledby="status-title" data-testid="status-panel">
      <h2 id="status-title" className="small-heading">
        {t("synthesis:workflow.title")}
      </h2>
      <p className="status-now">
        <StatusBadge status={status} />
        {last ? (
          <span className="muted" data-testid="status-changed-by">
            {t("synthesis:workflow.changedBy", { name: last.changedBy.displayName, date: formatDateTime(last.changedAt) })}
          </span>
        ) : (
          status === "draft" && <span className="muted">{t("synthesis:workflow.neverChanged")}</span>
        )}
      </p>
      <ol className="status-steps" aria-label={t("synthesis:workflow.steps")}>
        {synthesisStatuses.map((s, index) => (
          <li key={s} className={index < step ? "is-done" : index === step ? "is-current" : ""} aria-current={index === step ? "step" : undefined}>
            {t(`synthesis:workflow.status.${s}`)}
          </li>
        ))}
      </ol>
      {status === "agreed" && <p className="hint">{t("synthesis:workflow.agreedExplained")}</p>}
      {document.can.changeStatus && (
        <div className="actions status-actions">
          {statusTransitions[status].map((to) => (
            <button
              key={to}
              type="button"
              className={`button small${to === "agreed" || (status === "draft" && to === "submitted") ? " primary" : ""}`}
              disabled={busy}
              data-testid={`status-to-${to}`}
              onClick={() => (to === "agreed" ? setConfirming(to) : void change(to))}
            >
              {t(`synthesis:workflow.to.${status}-${to}`)}
            </button>
          ))}
        </div>
      )}
      <ErrorNotice error={failure} />
      <ConfirmDialog
        open={confirming === "agreed"}
        title={t("synthesis:workflow.confirmAgreedTitle")}
        message={<p>{t("synthesis:workflow.confirmAgreed")}</p>}
        confirmLabel={t("synthesis:workflow.to.submitted-agreed")}
        busy={busy}
        onConfirm={() => void change("agreed")}
        onCancel={() => setConfirming(null)}
        testId="confirm-agreed"
      />
    </section>
  );
}
