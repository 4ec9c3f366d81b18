// Support a proposal, or withdraw my support: a toggle button with the count, disabled
// while the propose sequence is closed (the page's banner says why).
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { can, type Role } from "../../../shared/permissions.js";
import type { ProposalForReader } from "../../../shared/schemas/contributions.js";
import { useSequenceForm } from "../sequences/sequenceState.js";
import { useSession } from "../auth/session.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { KeptWrites } from "../ui/KeptWrites.js";
import { useKeptWrites } from "../ui/outbox.js";
import { proposalsApi, supportPlace } from "./proposalsApi.js";

export function SupportButton({ proposal, role, onChanged }: { proposal: ProposalForReader; role: Role; onChanged: (p: ProposalForReader) => void }) {
  const { t } = useTranslation("proposals");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const mayToggle = can(role, "proposal.support") && proposal.status === "open";
  const sequence = useSequenceForm("propose");
  const { user } = useSession();
  // A support kept offline waits here; another toggle would only cross it.
  const waiting = useKeptWrites(user?.id, supportPlace(proposal.id)).some((write) => !write.refusal);
  // Once it has gone out, the proposal as I now see it (the room's update carries nobody's support).
  const wasWaiting = useRef(false);
  useEffect(() => {
    if (wasWaiting.current && !waiting) void proposalsApi.get(proposal.workshopId, proposal.id).then(onChanged, () => undefined);
    wasWaiting.current = waiting;
  }, [waiting]);

  async function toggle() {
    if (!user) return;
    setBusy(true);
    setFailure(null);
    try {
      const support = !proposal.supportedByMe;
      const text = t(support ? "proposals:support.keptSupport" : "proposals:support.keptWithdraw", { title: proposal.title });
      const changed = await proposalsApi.setSupport(user.id, proposal, support, text);
      if (changed) onChanged(changed);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="support">
      {mayToggle ? (
        <button type="button" className={`button small${proposal.supportedByMe ? " primary" : ""}`} aria-pressed={proposal.supportedByMe} disabled={busy || waiting || !sequence.writable} onClick={() => void toggle()} data-testid="support-button">
          <span aria-hidden="true">▲</span> {t(proposal.supportedByMe ? "proposals:support.supported" : "proposals:support.support")}
        </button>
      ) : null}
      <span className="support-count" data-testid="support-count">
        {t("proposals:support.count", { count: proposal.supportCount })}
      </span>
      <ErrorNotice error={failure} />
      <KeptWrites place={supportPlace(proposal.id)} />
    </div>
  );
}
