// Typed calls for reading between meetings: unread counts, what is new, search.
import type { SequenceKind } from "../../../shared/domain/sequences.js";
import type { Change, SearchHit, UnreadCounts } from "../../../shared/schemas/contributions.js";
import { api, queryString } from "../api.js";
import { workshopBase } from "../sequences/sequencesApi.js";

export const readingApi = {
  unread: (workshopId: string) => api.get<{ sequences: UnreadCounts }>(`${workshopBase(workshopId)}/unread`).then((r) => r.sequences),
  /** I have read everything in this sequence up to now. */
  markSequenceRead: (workshopId: string, sequence: SequenceKind) => api.post<{ ok: true }>(`${workshopBase(workshopId)}/sequences/${sequence}/read`),
  sinceLastVisit: (workshopId: string) =>
    api.get<{ items: Change[]; nextCursor: string | null; since: string | null }>(`${workshopBase(workshopId)}/since-last-visit${queryString({ limit: 100 })}`),
  search: (workshopId: string, q: string) => api.get<{ items: SearchHit[]; nextCursor: string | null }>(`${workshopBase(workshopId)}/search${queryString({ q, limit: 50 })}`),
};
