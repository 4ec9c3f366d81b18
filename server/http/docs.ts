// The interface, documented from the same zod schemas that validate it:
// OpenAPI for HTTP routes, and a JSON list of socket events.
import { OpenApiGeneratorV3, type OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { permissions } from "../../shared/permissions.js";
import { clientEvents, serverEvents } from "../../shared/schemas/live.js";
import { refusalReasons } from "../../shared/synthesis.js";
import type { EventDoc } from "../live/index.js";

/** The app's routes, as they were declared in its registry (see Guard). */
export function openApiDocument(registry: OpenAPIRegistry) {
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: "3.0.3",
    info: {
      title: "Navette API",
      version: "0.1.0",
      description:
        "Authenticate with the session cookie set by /api/auth/login, or with a personal API token as `Authorization: Bearer nvt_…`. " +
        "Errors are `{error:{code,message,issues?}}`. Socket events are listed at /api/events.json; synthesis documents are served over the y-websocket protocol at /yjs/<docName> (see /api/events.json).",
    },
  });
}

export function eventsDocument(eventDocs: EventDoc[]) {
  return {
    transport: "Socket.IO 4 on the same origin, path /socket.io/. Authenticate with the session cookie, or `auth: { token }` in the handshake; add `auth: { workshopId }` to be refused at the handshake if not a member.",
    acknowledgement: "Every client event takes an acknowledgement callback: {ok:true,...} or {ok:false,error:{code,message,issues?}}.",
    clientEvents: eventDocs.map((doc) => ({
      event: doc.event,
      summary: doc.summary,
      permission: doc.action,
      roles: permissions[doc.action],
      errors: ["validation_failed", "not_found", "forbidden", ...doc.errors],
      // What a client sends: input side, before transforms such as rich-text sanitizing.
      payload: z.toJSONSchema(clientEvents[doc.event], { io: "input" }),
    })),
    serverEvents: Object.entries(serverEvents).map(([event, schema]) => ({ event, payload: z.toJSONSchema(schema) })),
    yjs: {
      path: "/yjs/<docName>",
      docNames: {
        "workshop/<workshopId>/synthesis": "a workshop's main synthesis",
        "workshop/<workshopId>/doc/<documentId>": "another document of a workshop (per-sequence notes)",
        "series/<seriesId>/synthesis": "a series' synthesis: members of any of its workshops read it, their facilitators edit it",
      },
      protocol: "y-websocket (sync, awareness); authenticate with the session cookie or an `Authorization: Bearer nvt_…` header on the upgrade request (tokens in the URL are not accepted: URLs end up in logs)",
      serverAwareness:
        "the server's own awareness state holds `navette: {documentId, status, people}`: the live status and who is connected; clients cannot set it, and each client's `user.userId`/`user.name` are stamped with its account",
      closeCodes: { 4400: "a message that is not the y-websocket protocol, or an update that does not decode: refused for good", 4401: "unauthenticated, or the session ended (logout, token revoked)", 4403: "forbidden (also a cross-site Origin)", 4404: "not found or not a member (also after being removed)", 4500: "the document could not be loaded; retry", 4501: "an update could not be stored; retry" },
      readOnlyRoles: "roles without synthesis.edit receive the document and awareness; their updates are dropped (also on connections opened before a demotion)",
      limits: "awareness updates are limited per connection (30 a second, bursts of 60; more are dropped) and a connection controls at most 4 awareness client ids; frames over 16 MiB close the connection",
      agreed:
        "while a document is agreed every update is dropped, on connections opened before too; clients keep them, and when a facilitator reopens the document the server asks every connection to resync, so they merge then",
      refusals: `a connection whose updates were dropped (holding something the document lacks) is told once, until its edits could be taken again, by a y-protocols auth message "permission denied" (message type 2) whose reason is "${refusalReasons.agreed}" (the document is agreed) or "${refusalReasons.readOnly}" (the role may not edit)`,
    },
  };
}
