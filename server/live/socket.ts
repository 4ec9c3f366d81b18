// Socket.IO on the shared HTTP server: authenticates the handshake, and gives every
// event the same four steps (parse, authorize, run, acknowledge) through `on`.
import type { Server as HttpServer } from "node:http";
import type { Logger } from "pino";
import { Server, type Socket } from "socket.io";
import type { z } from "zod";
import type { ApiError } from "../../shared/errors.js";
import type { Action } from "../../shared/permissions.js";
import { clientEvents, type ClientEventName } from "../../shared/schemas/live.js";
import { authorizeInWorkshop, readCredentials, type Actor, type AuthService } from "../auth/index.js";
import { errors, toApiError } from "../errors.js";
import { zodIssues } from "../http/route.js";
import type { MembershipRecord, Storage } from "../storage/port.js";

export interface SocketData {
  actor: Actor;
}

export const workshopRoom = (workshopId: string) => `workshop:${workshopId}`;

/** Describes one client event for the generated event documentation. */
export interface EventDoc {
  event: ClientEventName;
  summary: string;
  action: Action;
  errors: string[];
}
export const eventDocs: EventDoc[] = [];

export function createSocketServer(httpServer: HttpServer, storage: Storage, auth: AuthService, logger: Logger) {
  const io = new Server(httpServer, {
    // Upgrades are routed by path in app.ts; Socket.IO must not answer the others.
    destroyUpgrade: false,
    serveClient: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000 },
  });

  io.use(async (socket, next) => {
    try {
      const handshakeAuth = (socket.handshake.auth ?? {}) as { token?: unknown; workshopId?: unknown };
      const token = typeof handshakeAuth.token === "string" ? handshakeAuth.token : null;
      const actor = await auth.actorFrom(readCredentials(socket.handshake.headers, token));
      if (!actor) throw errors.unauthenticated();
      // A client that names its workshop in the handshake is refused there if it is not a member.
      if (typeof handshakeAuth.workshopId === "string") {
        await authorizeInWorkshop(storage, actor.user.id, handshakeAuth.workshopId, "live.join");
      }
      (socket.data as SocketData).actor = actor;
      next();
    } catch (error) {
      const apiError = toApiError(error);
      const refusal = new Error(apiError.message) as Error & { data: ApiError };
      refusal.data = { code: apiError.code, message: apiError.message };
      next(refusal);
    }
  });

  /** Registers a client event: zod-parses its payload, authorizes it in its workshop, runs it, acknowledges. */
  function on<E extends ClientEventName>(
    socket: Socket,
    event: E,
    doc: { summary: string; action: Action; errors?: string[] },
    handler: (payload: z.infer<(typeof clientEvents)[E]>, ctx: { actor: Actor; membership: MembershipRecord; socket: Socket }) => Promise<object | void>,
  ): void {
    if (!eventDocs.some((d) => d.event === event)) eventDocs.push({ event, ...doc, errors: doc.errors ?? [] });
    socket.on(event as string, async (payload: unknown, ack?: unknown) => {
      const reply = typeof ack === "function" ? (ack as (response: unknown) => void) : () => {};
      try {
        const parsed = clientEvents[event].safeParse(payload);
        if (!parsed.success) throw errors.validation(zodIssues(parsed.error));
        const actor = (socket.data as SocketData).actor;
        const membership = await authorizeInWorkshop(storage, actor.user.id, parsed.data.workshopId, doc.action);
        const result = await handler(parsed.data as z.infer<(typeof clientEvents)[E]>, { actor, membership, socket });
        reply({ ok: true, ...(result ?? {}) });
      } catch (error) {
        const apiError = toApiError(error);
        if (apiError.code === "internal") logger.error({ err: error, event }, "socket event failed");
        reply({ ok: false, error: { code: apiError.code, message: apiError.message, ...(apiError.issues && { issues: apiError.issues }) } });
      }
    });
  }

  return { io, on };
}

export type SocketServer = ReturnType<typeof createSocketServer>;
