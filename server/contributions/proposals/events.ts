// Socket events of proposals: supporting from the live room.
import type { SocketServer } from "../../live/index.js";
import { readerOfEvent } from "../reader.js";
import { presentProposalForReader } from "./presenter.js";
import type { ProposalService } from "./service.js";

export function proposalEvents({ on }: SocketServer, service: ProposalService): void {
  const errors = ["already_supported", "not_supported", "proposal_decided", "sequence_closed"];
  on("proposal.support", { summary: "Support a proposal, once per member", action: "proposal.support", errors }, async ({ workshopId, proposalId }, ctx) => ({
    proposal: presentProposalForReader(new Set([proposalId]))(await service.support(readerOfEvent(ctx), workshopId, proposalId)),
  }));
  on("proposal.withdrawSupport", { summary: "Withdraw my support", action: "proposal.support", errors }, async ({ workshopId, proposalId }, ctx) => ({
    proposal: presentProposalForReader(new Set())(await service.withdrawSupport(readerOfEvent(ctx), workshopId, proposalId)),
  }));
}
