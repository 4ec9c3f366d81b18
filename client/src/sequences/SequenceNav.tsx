// The three sequences as links (illustrate, debate, propose), each with its status and
// what I have not read yet, then the synthesis; facilitators open and close sequences
// here on the workshop home, and confirm a closing once told what it would cut.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import { sequenceKinds, type SequenceKind } from "../../../shared/domain/sequences.js";
import { can, type Role } from "../../../shared/permissions.js";
import type { SequenceClosing } from "../../../shared/schemas/contributions.js";
import { useWorkshopEvents } from "../live/workshopEvents.js";
import { readingApi } from "../reading/readingApi.js";
import { ConfirmDialog } from "../synthesis/Dialog.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { useResource } from "../ui/useResource.js";
import { sequencesApi } from "./sequencesApi.js";
import { useSequences } from "./sequenceState.js";

const icons: Record<SequenceKind, string> = { illustrate: "▣", debate: "❝", propose: "✦" };

/** `readMarks` changes each time the page below marks a sequence read: the counts reload then. */
export function SequenceNav({ workshopId, role, showControls = false, readMarks = 0 }: { workshopId: string; role: Role; showControls?: boolean; readMarks?: number }) {
  const { t } = useTranslation(["sequences", "synthesis"]);
  const sequences = useSequences();
  const unread = useResource(() => readingApi.unread(workshopId), [workshopId, readMarks]);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  /** The sequence a facilitator is about to close, with what closing it would cut. */
  const [closing, setClosing] = useState<SequenceClosing | null>(null);

  useWorkshopEvents({
    "fiche.updated": unread.reload,
    "post.created": unread.reload,
    "thread.created": unread.reload,
    "proposal.updated": unread.reload,
  });

  async function setStatus(kind: SequenceKind, status: "open" | "closed") {
    setBusy(true);
    setFailure(null);
    try {
      sequences.replace(await sequencesApi.set(workshopId, kind, status));
      setClosing(null);
    } catch (error) {
      setClosing(null);
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  // The toggle stays enabled meanwhile: disabling it would drop the focus the dialog returns to.
  async function askToClose(kind: SequenceKind) {
    setFailure(null);
    try {
      setClosing(await sequencesApi.closing(workshopId, kind));
    } catch (error) {
      setFailure(error);
    }
  }

  const manages = showControls && can(role, "sequence.manage");
  return (
    <nav className="sequence-nav" aria-label={t("sequences:nav.label")} data-testid="sequence-nav">
      <ul>
        {sequenceKinds.map((kind) => {
          const sequence = sequences.data?.find((s) => s.kind === kind);
          const count = unread.data?.[kind] ?? 0;
          return (
            <li key={kind} className="sequence-tab-item">
              <NavLink to={`/workshops/${workshopId}/${kind}`} className="sequence-tab" data-sequence={kind} data-status={sequence?.status}>
                <span className="sequence-icon" aria-hidden="true">
                  {icons[kind]}
                </span>
                <span className="sequence-name">{t(`sequences:kinds.${kind}`)}</span>
                {sequence && <span className={`sequence-status status-${sequence.status}`}>{t(`sequences:status.${sequence.status}`)}</span>}
                {count > 0 && (
                  <span className="unread-badge" data-testid={`unread-${kind}`}>
                    {t("sequences:nav.unread", { count })}
                  </span>
                )}
              </NavLink>
              {manages && sequence && (
                <button
                  type="button"
                  className="button small"
                  disabled={busy}
                  data-testid={`sequence-toggle-${kind}`}
                  onClick={() => void (sequence.status === "open" ? askToClose(kind) : setStatus(kind, "open"))}
                >
                  {t(sequence.status === "open" ? "sequences:nav.close" : "sequences:nav.open", { name: t(`sequences:kinds.${kind}`) })}
                </button>
              )}
            </li>
          );
        })}
        <li className="sequence-tab-item">
          <NavLink to={`/workshops/${workshopId}/synthesis`} className="sequence-tab" data-testid="synthesis-link">
            <span className="sequence-icon" aria-hidden="true">
              ¶
            </span>
            <span className="sequence-name">{t("synthesis:nav.link")}</span>
          </NavLink>
        </li>
      </ul>
      <p className="sequence-links">
        <NavLink to={`/workshops/${workshopId}/new`}>{t("sequences:nav.new")}</NavLink>
        <NavLink to={`/workshops/${workshopId}/search`}>{t("sequences:nav.search")}</NavLink>
      </p>
      <ErrorNotice error={failure ?? sequences.error} />
      <ConfirmDialog
        open={closing !== null}
        title={closing ? t("sequences:closing.title", { name: t(`sequences:kinds.${closing.sequence}`) }) : ""}
        message={closing && <ClosingCounts closing={closing} />}
        confirmLabel={closing ? t("sequences:nav.close", { name: t(`sequences:kinds.${closing.sequence}`) }) : ""}
        busy={busy}
        onConfirm={() => closing && void setStatus(closing.sequence, "closed")}
        onCancel={() => setClosing(null)}
        testId="confirm-close-sequence"
      />
    </nav>
  );
}

function ClosingCounts({ closing }: { closing: SequenceClosing }) {
  const { t } = useTranslation("sequences");
  return (
    <>
      {closing.sequence === "illustrate" && (
        <p data-testid="closing-drafts" data-count={closing.drafts}>
          {t("sequences:closing.drafts", { count: closing.drafts })}
        </p>
      )}
      <p data-testid="closing-open-forms" data-count={closing.openForms}>
        {t("sequences:closing.openForms", { count: closing.openForms })}
        {closing.openForms > 0 && ` ${t("sequences:closing.writers", { count: closing.writers })}`}
      </p>
      <p>{t("sequences:closing.kept")}</p>
    </>
  );
}
