// Use cases of proposals: writing them, one support per member, amendments decided by the
// proposal's author or a facilitator, and the facilitator's decision on each proposal.
import type { CreateAmendmentBody, CreateProposalBody, EditProposalBody, ProposalStatus } from "../../../shared/schemas/contributions.js";
import { errors } from "../../errors.js";
import { newId, nowIso } from "../../ids.js";
import type { LiveEmitter } from "../../live/index.js";
import type { AmendmentView, ProposalSort, ProposalView, Storage } from "../../storage/port.js";
import { pageRequest } from "../paging.js";
import { requireAuthorOr, type Reader } from "../reader.js";
import type { SequenceService } from "../sequences/service.js";
import type { ContributionTranslation } from "../translatable.js";
import { presentAmendment, presentProposal } from "./presenter.js";

type PageQuery = { cursor?: string; limit: number };

/** Links a proposal merged into the synthesis to its passage; given by app.ts, as contributions do not know the synthesis. */
export type LinkMergedProposal = (link: { workshopId: string; proposalId: string; documentId: string; blockId: string; linkedBy: string }) => Promise<void>;

const noSynthesis: LinkMergedProposal = async () => {
  throw errors.notFound("synthesis document");
};

export function createProposalService(
  storage: Storage,
  live: LiveEmitter,
  sequences: SequenceService,
  written: ContributionTranslation["sourceChanged"] = () => {},
  linkMerged: LinkMergedProposal = noSynthesis,
) {
  const store = storage.proposals;

  async function requireProposal(workshopId: string, proposalId: string): Promise<ProposalView> {
    const proposal = await store.byId(workshopId, proposalId);
    if (!proposal) throw errors.notFound("proposal");
    return proposal;
  }

  /** Supports and amendments are for proposals still under discussion. */
  function requireOpen(proposal: ProposalView): void {
    if (proposal.status !== "open") throw errors.conflict("proposal_decided", `this proposal is ${proposal.status}`);
  }

  async function publish(workshopId: string, proposalId: string): Promise<ProposalView> {
    const proposal = await requireProposal(workshopId, proposalId);
    live.emit(workshopId, "proposal.updated", { workshopId, proposal: presentProposal(proposal) });
    return proposal;
  }

  async function publishAmendment(amendment: AmendmentView): Promise<void> {
    live.emit(amendment.workshopId, "amendment.updated", { workshopId: amendment.workshopId, amendment: presentAmendment(amendment) });
    await publish(amendment.workshopId, amendment.proposalId);
  }

  return {
    requireProposal,

    async create(reader: Reader, workshopId: string, body: CreateProposalBody): Promise<ProposalView> {
      await sequences.requireWritable(workshopId, "proposal");
      const now = nowIso();
      const id = newId();
      await store.create({ id, workshopId, title: body.title, body: body.body, authorId: reader.userId, status: "open", statusDecision: null, version: 1, createdAt: now, updatedAt: now, updatedBy: reader.userId });
      written({ workshopId, targetKind: "proposal", targetId: id });
      return publish(workshopId, id);
    },

    list: (workshopId: string, query: PageQuery & { sort: ProposalSort; status?: ProposalStatus }) =>
      store.list(workshopId, { sort: query.sort, status: query.status }, pageRequest(query)),

    /** Which of these proposals the reader supports. */
    supportedBy: (reader: Reader, proposals: ProposalView[]) => store.supportedBy(reader.userId, proposals.map((p) => p.id)),

    async edit(reader: Reader, workshopId: string, proposalId: string, body: EditProposalBody): Promise<ProposalView> {
      const current = await requireProposal(workshopId, proposalId);
      requireAuthorOr(reader, [current.authorId], null, "proposal");
      requireOpen(current);
      await sequences.requireWritable(workshopId, "proposal");
      // The whole text is replaced, so any change since the writer's version is a conflict.
      const conflict = () => errors.conflict("edit_conflict", `the proposal is at version ${current.version}; reload it and edit again`);
      if (body.baseVersion !== current.version) throw conflict();
      const next = { ...current, title: body.title ?? current.title, body: body.body ?? current.body, version: current.version + 1, updatedAt: nowIso(), updatedBy: reader.userId };
      if (!(await store.revise(next, current.version, null))) throw conflict();
      written({ workshopId, targetKind: "proposal", targetId: proposalId });
      return publish(workshopId, proposalId);
    },

    async support(reader: Reader, workshopId: string, proposalId: string): Promise<ProposalView> {
      requireOpen(await requireProposal(workshopId, proposalId));
      await sequences.requireWritable(workshopId, "support");
      if (!(await store.addSupport(proposalId, reader.userId, nowIso()))) throw errors.conflict("already_supported", "you already support this proposal");
      return publish(workshopId, proposalId);
    },

    async withdrawSupport(reader: Reader, workshopId: string, proposalId: string): Promise<ProposalView> {
      requireOpen(await requireProposal(workshopId, proposalId));
      await sequences.requireWritable(workshopId, "support");
      if (!(await store.removeSupport(proposalId, reader.userId))) throw errors.conflict("not_supported", "you do not support this proposal");
      return publish(workshopId, proposalId);
    },

    /** A facilitator's decision; it stays possible once the propose sequence is closed, which is when it is usually taken. */
    async setStatus(reader: Reader, workshopId: string, proposalId: string, status: ProposalStatus, reason: string, passage?: { documentId: string; blockId: string }): Promise<ProposalView> {
      const current = await requireProposal(workshopId, proposalId);
      // Linking again to another passage is allowed: a merged proposal can be taken in at several places.
      if (current.status === status && !passage) throw errors.conflict("invalid_transition", `this proposal is already ${status}`);
      // The passage is checked first, so a wrong one leaves the status as it was.
      if (passage) await linkMerged({ workshopId, proposalId, ...passage, linkedBy: reader.userId });
      if (current.status === status) return publish(workshopId, proposalId);
      await store.setStatus(proposalId, status, { reason, by: reader.userId, at: nowIso() });
      return publish(workshopId, proposalId);
    },

    async revisions(workshopId: string, proposalId: string, query: PageQuery) {
      await requireProposal(workshopId, proposalId);
      return store.revisions(proposalId, pageRequest(query));
    },

    async amend(reader: Reader, workshopId: string, proposalId: string, body: CreateAmendmentBody): Promise<AmendmentView> {
      const proposal = await requireProposal(workshopId, proposalId);
      requireOpen(proposal);
      await sequences.requireWritable(workshopId, "amendment");
      const id = newId();
      await store.createAmendment({
        id,
        proposalId,
        workshopId,
        authorId: reader.userId,
        title: body.title ?? null,
        body: body.body,
        rationale: body.rationale,
        status: "pending",
        baseVersion: proposal.version,
        decision: null,
        createdAt: nowIso(),
      });
      const amendment = (await store.amendmentById(workshopId, id))!;
      written({ workshopId, targetKind: "amendment", targetId: id });
      await publishAmendment(amendment);
      return amendment;
    },

    async listAmendments(workshopId: string, proposalId: string, query: PageQuery) {
      await requireProposal(workshopId, proposalId);
      return store.listAmendments(proposalId, pageRequest(query));
    },

    async decide(reader: Reader, workshopId: string, amendmentId: string, decision: "accepted" | "rejected", reason: string): Promise<AmendmentView> {
      const amendment = await store.amendmentById(workshopId, amendmentId);
      if (!amendment) throw errors.notFound("amendment");
      const proposal = await requireProposal(workshopId, amendment.proposalId);
      requireAuthorOr(reader, [proposal.authorId], "amendment.decideAny", "proposal");
      requireOpen(proposal);
      await sequences.requireWritable(workshopId, "amendment");
      const result = await store.decideAmendment({ amendmentId, status: decision, reason, by: reader.userId, at: nowIso() });
      if (result === "already_decided") throw errors.conflict("amendment_decided", "this amendment has already been decided");
      if (result === "outdated") throw errors.conflict("amendment_outdated", "the proposal changed since this amendment was written");
      const decided = (await store.amendmentById(workshopId, amendmentId))!;
      // An accepted amendment rewrites the proposal.
      if (decision === "accepted") written({ workshopId, targetKind: "proposal", targetId: proposal.id });
      await publishAmendment(decided);
      return decided;
    },
  };
}

export type ProposalService = ReturnType<typeof createProposalService>;
