// The document's status (draft → submitted for reading and amendment → agreed for
// circulation): who moved it last and when, and for facilitators the allowed next steps.
// Agreeing shows how far each working language is translated by people, and asks for an
// explicit acknowledgement when one is not fully.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { StatusChange, SynthesisDocument } from "../../../shared/schemas/synthesis.js";
import { statusTransitions, synthesisStatuses, type SynthesisStatus } from "../../../shared/synthesis.js";
import type { LanguageProgress } from "../../../shared/schemas/translations.js";
import { errorCodeOf } from "../api.js";
import { useProcess } from "../sequences/ProcessLayout.js";
import { LanguageProgressList } from "../translation/LanguageProgress.js";
import { languageName } from "../translation/Translated.js";
import { translationApi } from "../translation/translationApi.js";
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
  /** Agreeing while a language is not fully translated by people needs this ticked. */
  const [translationsAccepted, setTranslationsAccepted] = useState(false);
  const translations = useAgreeTranslations(document, confirming === "agreed");
  const acknowledgementNeeded = translations.incomplete.length > 0 || translations.failed !== null;
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
              onClick={() => (to === "agreed" ? (setTranslationsAccepted(false), setConfirming(to)) : void change(to))}
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
        message={
          <>
            <p>{t("synthesis:workflow.confirmAgreed")}</p>
            <AgreeTranslations state={translations} accepted={translationsAccepted} onAccept={setTranslationsAccepted} />
          </>
        }
        confirmLabel={t("synthesis:workflow.to.submitted-agreed")}
        busy={busy || translations.loading || (acknowledgementNeeded && !translationsAccepted)}
        onConfirm={() => void change("agreed")}
        onCancel={() => setConfirming(null)}
        testId="confirm-agreed"
      />
    </section>
  );
}

type AgreeTranslationsState = {
  loading: boolean;
  progress: readonly LanguageProgress[];
  /** Working languages not fully translated by people: missing, machine-only or stale passages. */
  incomplete: string[];
  failed: unknown;
};

const loadingTranslations: AgreeTranslationsState = { loading: true, progress: [], incomplete: [], failed: null };

/** The document's translation progress per working language, loaded when the agree dialog opens. */
function useAgreeTranslations(document: SynthesisDocument, asked: boolean): AgreeTranslationsState {
  const { workshopId } = useProcess();
  // Loading until this opening's answer is in: the dialog's first frame never offers to confirm.
  const [state, setState] = useState<AgreeTranslationsState>(loadingTranslations);
  useEffect(() => {
    if (!asked) return;
    let current = true;
    // Asked in the document's own language, the progress covers every other working language.
    translationApi
      .synthesis(workshopId, document.id, document.language)
      .then((found) => current && setState({ loading: false, progress: found.progress, incomplete: found.progress.filter((p) => p.progress < 1).map((p) => p.language), failed: null }))
      .catch((error: unknown) => current && setState({ loading: false, progress: [], incomplete: [], failed: error }));
    return () => {
      current = false;
      // Closed: the next opening starts from nothing rather than from this one's answer.
      setState(loadingTranslations);
    };
  }, [asked, workshopId, document.id, document.language]);
  return state;
}

function AgreeTranslations({ state, accepted, onAccept }: { state: AgreeTranslationsState; accepted: boolean; onAccept: (accepted: boolean) => void }) {
  const { t } = useTranslation("synthesis");
  if (state.loading) return <p className="muted">{t("synthesis:workflow.agreeTranslations.loading")}</p>;
  const needed = state.incomplete.length > 0 || state.failed !== null;
  return (
    <div className="agree-translations" data-testid="agree-translations">
      {state.progress.length > 0 && (
        <>
          <h3 className="small-heading">{t("synthesis:workflow.agreeTranslations.title")}</h3>
          <LanguageProgressList progress={state.progress} textKey="translation:synthesis.progressText" idPrefix="agree-progress" testId="agree-progress" />
        </>
      )}
      <ErrorNotice error={state.failed} />
      {needed && (
        <>
          <p className="notice" data-testid="agree-incomplete">
            {state.failed
              ? t("synthesis:workflow.agreeTranslations.unknown")
              : t("synthesis:workflow.agreeTranslations.incomplete", { languages: state.incomplete.map(languageName).join(", ") })}
          </p>
          <label className="checkbox">
            <input type="checkbox" checked={accepted} onChange={(e) => onAccept(e.target.checked)} data-testid="agree-accept-translations" />
            {t("synthesis:workflow.agreeTranslations.accept")}
          </label>
        </>
      )}
      {!needed && state.progress.length > 0 && <p data-testid="agree-complete">{t("synthesis:workflow.agreeTranslations.complete")}</p>}
    </div>
  );
}
