// HTTP routes of reading between meetings: unread counts, read positions, visits, search.
import { Router } from "express";
import { z } from "zod";
import { id, okBody } from "../../../shared/schemas/common.js";
import { markReadBody, page, pageQuery, searchHit, searchQuery, sequenceKind, sinceLastVisitBody, unreadBody } from "../../../shared/schemas/contributions.js";
import { defineRoute, type Guard } from "../../http/route.js";
import { presentPage } from "../paging.js";
import { readerOf, workshopParams } from "../routing.js";
import { presentChange, presentSearchHit } from "./presenter.js";
import type { ReadingService } from "./service.js";

export function readingRoutes(service: ReadingService, guard: Guard): Router {
  const router = Router();
  const tag = "reading";
  const base = "/api/workshops/:workshopId";
  const read = { action: "contribution.read", workshopParam: "workshopId" };

  defineRoute(
    router,
    guard,
    { method: "get", path: `${base}/unread`, tag, summary: "What others wrote that I have not read, per sequence: fiches (illustrate), posts (debate), proposals (propose)", access: read, params: workshopParams, response: unreadBody },
    async ({ params, res }) => ({ sequences: await service.unread(readerOf(res), params.workshopId) }),
  );

  defineRoute(
    router,
    guard,
    {
      method: "post",
      path: `${base}/threads/:threadId/read`,
      tag,
      summary: "I have read a thread up to a post (upToSeq), or to its end; my position never moves back",
      access: read,
      params: workshopParams.extend({ threadId: id }),
      body: markReadBody,
      response: z.object({ lastReadSeq: z.number().int() }),
    },
    async ({ params, body, res }) => ({ lastReadSeq: await service.markThreadRead(readerOf(res), params.workshopId, params.threadId, body.upToSeq) }),
  );

  defineRoute(
    router,
    guard,
    { method: "post", path: `${base}/sequences/:sequence/read`, tag, summary: "I have read everything in a sequence up to now", access: read, params: workshopParams.extend({ sequence: sequenceKind }), response: okBody },
    async ({ params, res }) => {
      await service.markSequenceRead(readerOf(res), params.workshopId, params.sequence);
      return { ok: true as const };
    },
  );

  defineRoute(
    router,
    guard,
    { method: "post", path: `${base}/visit`, tag, summary: "Record a visit (joining the live room does it too)", access: read, params: workshopParams, response: z.object({ since: z.string().nullable() }) },
    async ({ params, res }) => ({ since: (await service.recordVisit(params.workshopId, readerOf(res).userId)).sinceAt }),
  );

  defineRoute(
    router,
    guard,
    {
      method: "get",
      path: `${base}/since-last-visit`,
      tag,
      summary: "Fiches, threads (with their count of new posts) and proposals others changed since my last visit, most recent first. Asking records a visit.",
      access: read,
      params: workshopParams,
      query: pageQuery,
      response: sinceLastVisitBody,
      errors: ["invalid_cursor"],
    },
    async ({ params, query, res }) => {
      const { since, changes } = await service.sinceLastVisit(readerOf(res), params.workshopId, query);
      return { since, ...presentPage(changes, presentChange) };
    },
  );

  defineRoute(
    router,
    guard,
    {
      method: "get",
      path: `${base}/search`,
      tag,
      summary: "Search every contribution of the workshop, case and accent insensitive (each word as a prefix), newest first",
      access: { action: "contribution.search", workshopParam: "workshopId" },
      params: workshopParams,
      query: searchQuery,
      response: page(searchHit),
      errors: ["invalid_cursor"],
    },
    async ({ params, query, res }) => presentPage(await service.search(readerOf(res), params.workshopId, query), presentSearchHit),
  );

  return router;
}
