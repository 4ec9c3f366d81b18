// HTTP routes of live sessions: a workshop's sessions, and one session's timeline as minutes,
// as JSON or as a file in one language.
import { Router } from "express";
import { id } from "../../shared/schemas/common.js";
import { liveSessionsBody, minutesBody, minutesExportQuery } from "../../shared/schemas/live-session.js";
import { fileRoute } from "../export/index.js";
import { z } from "zod";
import { defineRoute, type Guard } from "../http/route.js";
import type { LiveSessionService } from "./service.js";

const workshopParams = z.object({ workshopId: id });

export function liveSessionRoutes(service: LiveSessionService, guard: Guard): Router {
  const router = Router();
  const tag = "live sessions";
  const base = "/api/workshops/:workshopId/live-sessions";
  const access = { action: "liveSession.minutes", workshopParam: "workshopId" } as const;

  defineRoute(
    router,
    guard,
    { method: "get", path: base, tag, summary: "The workshop's live sessions, the newest first", access, params: workshopParams, response: liveSessionsBody },
    async ({ params }) => ({ sessions: await service.sessions(params.workshopId) }),
  );

  defineRoute(
    router,
    guard,
    {
      method: "get",
      path: `${base}/:sessionId/minutes`,
      tag,
      summary: "A session's timeline as minutes: items shown, turns given and their length, timers, pins, polls and their stored results (who voted, never what)",
      access,
      params: workshopParams.extend({ sessionId: id }),
      response: minutesBody,
    },
    async ({ params }) => service.minutes(params.workshopId, params.sessionId),
  );

  fileRoute(
    router,
    guard,
    {
      path: `${base}/:sessionId/minutes/export`,
      params: workshopParams.extend({ sessionId: id }),
      query: minutesExportQuery,
      access,
      summary: "A session's minutes as Markdown, HTML, DOCX or PDF in one language: items discussed, who spoke and how long, polls and their results, the notes; titles and notes from their stored translations, marked when missing, out of date or by machine",
      description: "Every member (`liveSession.minutes`); non-members get 404. Works with a read-only API token.",
    },
    async ({ params, query }) => ({ model: await service.minutesDocument(params.workshopId, params.sessionId, query.lang), format: query.format }),
  );
  return router;
}
