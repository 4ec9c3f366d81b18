// HTTP routes of live sessions: a workshop's sessions, and one session's timeline as minutes.
import { Router } from "express";
import { id } from "../../shared/schemas/common.js";
import { liveSessionsBody, minutesBody } from "../../shared/schemas/live-session.js";
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
  return router;
}
