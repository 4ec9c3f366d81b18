// Socket.IO on the shared HTTP server: checks the handshake's origin and credentials, and
// gives every event the same steps (rate limit, parse, authorize, run, acknowledge). Events
// are declared once, when the app is built, so the events document lists them all from the
// start; each connection then gets every declared handler.
import type { Server as HttpServer } from "node:http";
import type { Logger } from "pino";
import { Server, type Socket } from "socket.io";
import type { z } from "zod";
import type { ApiError } from "../../shared/errors.js";
import type { Action } from "../../shared/permissions.js";
import { clientEvents, type ClientEventName } from "../../shared/schemas/live.js";
import { authorizeInWorkshop, readCredentials, type Actor, type AuthService } from "../auth/index.js";
import { errors, toApiError } from "../errors.js";
import { isSameOriginRequest, type OriginPolicy } from "../http/origin.js";
import { RateLimiter } from "../http/rate-limit.js";
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

export interface EventContext {
  actor: Actor;
  membership: MembershipRecord;
  socket: Socket;
}

type Handler<E extends ClientEventName> = (payload: z.infer<(typeof clientEvents)[E]>, ctx: EventContext) => Promise<object | void>;

export interface SocketLimits {
  /** Events one connection may send per second, and at once. */
  perSocket: { perSecond: number; burst: number };
  /** Events one account may send per second over all its connections, and at once. */
  perAccount: { perSecond: number; burst: number };
}

export function createSocketServer(
  httpServer: HttpServer,
  storage: Storage,
  auth: AuthService,
  logger: Logger,
  options: { origins: OriginPolicy; limits: SocketLimits; recoveryMs: number },
) {
  const { limits } = options;
  const io = new Server(httpServer, {
    // Upgrades are routed by path in app.ts; Socket.IO must not answer the others.
    destroyUpgrade: false,
    serveClient: false,
    // A connection back within this time is handed the events it missed; a later one joins afresh.
    connectionStateRecovery: { maxDisconnectionDuration: options.recoveryMs },
    // Another site's page must not connect with the visitor's cookie.
    allowRequest: (req, callback) => callback(null, isSameOriginRequest(req, options.origins)),
  });
  const bySocket = new RateLimiter(limits.perSocket.perSecond, limits.perSocket.burst);
  const byAccount = new RateLimiter(limits.perAccount.perSecond, limits.perAccount.burst);
  const docs: EventDoc[] = [];
  const handlers = new Map<string, (socket: Socket, payload: unknown, reply: (response: unknown) => void) => Promise<void>>();
  const disconnectHooks: ((socket: Socket) => void)[] = [];

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

  const failure = (error: unknown, event: string) => {
    const apiError = toApiError(error);
    if (apiError.code === "internal") logger.error({ err: error, event }, "socket event failed");
    return { ok: false, error: { code: apiError.code, message: apiError.message, ...(apiError.issues && { issues: apiError.issues }) } };
  };

  io.on("connection", (socket) => {
    const actor = (socket.data as SocketData).actor;
    socket.onAny((event: string, ...args: unknown[]) => {
      const last = args.at(-1);
      const reply = typeof last === "function" ? (last as (response: unknown) => void) : () => {};
      const payload = args[0];
      // Checked before anything else: a flood costs one map lookup per event.
      if (!bySocket.take(socket.id) || !byAccount.take(actor.user.id)) return reply(failure(errors.rateLimited(), event));
      const handler = handlers.get(event);
      if (!handler) return reply(failure(errors.badRequest(`unknown event: ${String(event).slice(0, 80)}`), event));
      void handler(socket, payload, reply);
    });
    socket.on("disconnect", () => {
      for (const hook of disconnectHooks) hook(socket);
    });
  });

  // A logout or a revoked token ends the connections opened with it, at once.
  auth.onRevoked(({ userId, credentialId }) => {
    for (const socket of io.sockets.sockets.values()) {
      const actor = (socket.data as SocketData).actor;
      if (actor?.user.id === userId && actor.credentialId === credentialId) socket.disconnect(true);
    }
  });

  /**
   * Declares a client event: zod-parses its payload, authorizes it in its workshop, runs it,
   * acknowledges. Declared once, when the app is built; every connection gets it.
   */
  function on<E extends ClientEventName>(event: E, doc: { summary: string; action: Action; errors?: string[] }, handler: Handler<E>): void {
    if (handlers.has(event)) throw new Error(`socket event ${event} is declared twice`);
    docs.push({ event, ...doc, errors: doc.errors ?? [] });
    handlers.set(event, async (socket, payload, reply) => {
      try {
        const parsed = clientEvents[event].safeParse(payload);
        if (!parsed.success) throw errors.validation(zodIssues(parsed.error));
        const actor = (socket.data as SocketData).actor;
        // A read-only token listens in the room; it changes nothing.
        if (actor.readOnly && doc.action !== "live.join") throw errors.readOnlyToken();
        const membership = await authorizeInWorkshop(storage, actor.user.id, parsed.data.workshopId, doc.action);
        const result = await handler(parsed.data as z.infer<(typeof clientEvents)[E]>, { actor, membership, socket });
        reply({ ok: true, ...(result ?? {}) });
      } catch (error) {
        reply(failure(error, event));
      }
    });
  }

  /** Runs when any connection closes (to forget what it held). */
  function onDisconnect(hook: (socket: Socket) => void): void {
    disconnectHooks.push(hook);
  }

  return { io, on, onDisconnect, eventDocs: docs };
}

export type SocketServer = ReturnType<typeof createSocketServer>;
