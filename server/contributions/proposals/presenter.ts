// The public shapes of proposals, their revisions and amendments.
import type { Amendment, Proposal, ProposalForReader, ProposalRevision } from "../../../shared/schemas/contributions.js";
import type { AmendmentView, PersonRef, ProposalRevisionRecord, ProposalView } from "../../storage/port.js";

/** What every member sees; live events carry this. */
export const presentProposal = (p: ProposalView): Proposal => ({
  id: p.id,
  workshopId: p.workshopId,
  title: p.title,
  body: p.body,
  author: p.author,
  status: p.status,
  statusDecision: p.statusDecision && p.statusBy ? { reason: p.statusDecision.reason, by: p.statusBy, at: p.statusDecision.at } : null,
  supportCount: p.supportCount,
  amendments: p.amendmentCounts,
  version: p.version,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

export const presentProposalForReader = (supportedByMe: ReadonlySet<string>) => (p: ProposalView): ProposalForReader => ({
  ...presentProposal(p),
  supportedByMe: supportedByMe.has(p.id),
});

export const presentProposalRevision = (r: ProposalRevisionRecord & { changedByPerson: PersonRef }): ProposalRevision => ({
  version: r.version,
  title: r.title,
  body: r.body,
  changedBy: r.changedByPerson,
  changedAt: r.changedAt,
  amendmentId: r.amendmentId,
});

export const presentAmendment = (a: AmendmentView): Amendment => ({
  id: a.id,
  proposalId: a.proposalId,
  workshopId: a.workshopId,
  author: a.author,
  title: a.title,
  body: a.body,
  rationale: a.rationale,
  status: a.status,
  baseVersion: a.baseVersion,
  decision: a.decision && a.decidedBy ? { reason: a.decision.reason, by: a.decidedBy, at: a.decision.at } : null,
  createdAt: a.createdAt,
});
