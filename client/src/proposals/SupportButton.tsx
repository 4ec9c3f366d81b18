// Support a proposal, or withdraw my support: a toggle button with the count, disabled
// while the propose sequence is closed (the page's banner says why).
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { can, type Role } from "../../../shared/permissions.js";
import type { ProposalForReader } from "../../../shared/schemas/contributions.js";
import { useSequenceForm } from "../sequences/sequenceState.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { proposalsApi } from "./proposalsApi.js";

export function SupportButton({ proposal, role, onChanged }: { proposal: ProposalForReader; role: Role; onChanged: (p: ProposalForReader) => void }) {
  const { t } = useTranslation("proposals");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const mayToggle = can(role, "proposal.support") && proposal.status === "open";
  const sequence = useSequenceForm("propose");

  async function toggle() {
    setBusy(true);
    setFailure(null);
    try {
      onChanged(await (proposal.supportedByMe ? proposalsApi.withdrawSupport : proposalsApi.support)(proposal.workshopId, proposal.id));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="support">
      {mayToggle ? (
        <button type="button" className={`button small${proposal.supportedByMe ? " primary" : ""}`} aria-pressed={proposal.supportedByMe} disabled={busy || !sequence.writable} onClick={() => void toggle()} data-testid="support-button">
          <span aria-hidden="true">▲</span> {t(proposal.supportedByMe ? "proposals:support.supported" : "proposals:support.support")}
        </button>
      ) : null}
      <span className="support-count" data-testid="support-count">
        {t("proposals:support.count", { count: proposal.supportCount })}
      </span>
      <ErrorNotice error={failure} />
    </div>
  );
}
