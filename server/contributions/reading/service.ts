// Reading between meetings: unread counts, read positions, visits and what is new since
// the last one, and full-text search over every contribution of a workshop.
import type { SequenceKind } from "../../../shared/domain/sequences.js";
import { errors } from "../../errors.js";
import { nowIso } from "../../ids.js";
import type { Storage, VisitRecord } from "../../storage/port.js";
import { pageRequest } from "../paging.js";
import { scopeOf, type Reader } from "../reader.js";

/** Coming back after this long is a new visit; within it, the same visit goes on. */
export const newVisitAfterMs = 30 * 60_000;

type PageQuery = { cursor?: string; limit: number };

export function createReadingService(storage: Storage) {
  const store = storage.reading;

  const recordVisit = (workshopId: string, userId: string): Promise<VisitRecord> => store.recordVisit(workshopId, userId, nowIso(), newVisitAfterMs);

  return {
    recordVisit,

    unread: (reader: Reader, workshopId: string) => store.unreadCounts(workshopId, scopeOf(reader)),

    async markThreadRead(reader: Reader, workshopId: string, threadId: string, upToSeq?: number): Promise<number> {
      if (!(await storage.debate.threadById(workshopId, threadId))) throw errors.notFound("thread");
      return store.markThreadRead(workshopId, reader.userId, threadId, upToSeq);
    },

    markSequenceRead: (reader: Reader, workshopId: string, sequence: SequenceKind) => store.markSequenceRead(workshopId, reader.userId, sequence),

    /** Asking is a visit too; "since" stays where it was for the rest of this visit. */
    async sinceLastVisit(reader: Reader, workshopId: string, query: PageQuery) {
      const visit = await recordVisit(workshopId, reader.userId);
      return { since: visit.sinceAt, changes: await store.changesSince(workshopId, scopeOf(reader), visit.sinceSeq, pageRequest(query)) };
    },

    search: (reader: Reader, workshopId: string, query: PageQuery & { q: string }) => store.search(workshopId, scopeOf(reader), query.q, pageRequest(query)),
  };
}

export type ReadingService = ReturnType<typeof createReadingService>;
