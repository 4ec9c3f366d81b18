// Typed calls to proposals, supports and amendments.
import { richTextToPlain, type RichTextDoc } from "../../../shared/richtext.js";
import type { Amendment, ProposalForReader, ProposalStatus } from "../../../shared/schemas/contributions.js";
import { api, queryString } from "../api.js";
import { workshopBase } from "../sequences/sequencesApi.js";
import { writeOrKeep } from "../ui/outbox.js";

type Page<T> = { items: T[]; nextCursor: string | null };
export type ProposalSort = "supports" | "newest" | "oldest";
const proposalPath = (workshopId: string, proposalId: string) => `${workshopBase(workshopId)}/proposals/${encodeURIComponent(proposalId)}`;
type One = { proposal: ProposalForReader };
/** Where a support kept on the device shows: beside its proposal's button. */
export const supportPlace = (proposalId: string) => `support:${proposalId}`;
/** Where an amendment kept on the device shows: above the form to suggest one. */
export const amendmentPlace = (proposalId: string) => `amendment:${proposalId}`;

export const proposalsApi = {
  list: (workshopId: string, query: { sort: ProposalSort; status?: ProposalStatus }) =>
    api.get<Page<ProposalForReader>>(`${workshopBase(workshopId)}/proposals${queryString({ limit: 100, ...query })}`),
  create: (workshopId: string, body: { title: string; body: RichTextDoc }) => api.post<One>(`${workshopBase(workshopId)}/proposals`, body).then((r) => r.proposal),
  get: (workshopId: string, proposalId: string) => api.get<One>(proposalPath(workshopId, proposalId)).then((r) => r.proposal),
  /**
   * Supports the proposal, or withdraws my support; while the connection is down, kept on this
   * device to send when it returns (null then; `text` names it where it waits).
   */
  async setSupport(userId: string, proposal: Pick<ProposalForReader, "workshopId" | "id">, support: boolean, text: string): Promise<ProposalForReader | null> {
    const answer = await writeOrKeep<One>(userId, { method: support ? "POST" : "DELETE", path: `${proposalPath(proposal.workshopId, proposal.id)}/support`, body: {}, place: supportPlace(proposal.id), text });
    return answer?.proposal ?? null;
  },
  /** With "merged", `passage` is the synthesis block that took the proposal in. */
  setStatus: (workshopId: string, proposalId: string, status: ProposalStatus, reason: string, passage?: { documentId: string; blockId: string }) =>
    api.post<One>(`${proposalPath(workshopId, proposalId)}/status`, { status, reason, ...(passage && { passage }) }).then((r) => r.proposal),
  amendments: (workshopId: string, proposalId: string) => api.get<Page<Amendment>>(`${proposalPath(workshopId, proposalId)}/amendments${queryString({ limit: 100 })}`),
  /** Suggests an amendment; while the connection is down, kept on this device to send when it returns (null then; it shows at `amendmentPlace`). */
  async suggest(userId: string, workshopId: string, proposalId: string, body: { title?: string; body: RichTextDoc; rationale: string }): Promise<Amendment | null> {
    const text = [body.title, richTextToPlain(body.body), body.rationale].filter(Boolean).join("\n\n");
    const answer = await writeOrKeep<{ amendment: Amendment }>(userId, { method: "POST", path: `${proposalPath(workshopId, proposalId)}/amendments`, body, place: amendmentPlace(proposalId), text });
    return answer?.amendment ?? null;
  },
  decide: (workshopId: string, amendmentId: string, decision: "accepted" | "rejected", reason: string) =>
    api.post<{ amendment: Amendment }>(`${workshopBase(workshopId)}/amendments/${encodeURIComponent(amendmentId)}/decision`, { decision, reason }).then((r) => r.amendment),
};
