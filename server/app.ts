// Wires everything on one HTTP server: Express routes, Socket.IO, the Yjs endpoint.
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { pino, type Logger } from "pino";
import { authRoutes, createAuthService, createGuard, readCredentials } from "./auth/index.js";
import type { Config } from "./config.js";
import { contributionRoutes, createContributions, registerContributionEvents } from "./contributions/index.js";
import { AppError, errors, toApiError } from "./errors.js";
import { createExporter, exportRoutes } from "./export/index.js";
import { isSameOriginRequest, type OriginPolicy } from "./http/origin.js";
import { eventsDocument, openApiDocument } from "./http/docs.js";
import { idempotentWrites } from "./http/idempotency.js";
import { createSocketServer, registerLiveEvents } from "./live/index.js";
import { createLiveSessionService, createProjector, liveSessionEvents, liveSessionRoutes, roomItems, translateNotes } from "./live-session/index.js";
import type { Storage } from "./storage/port.js";
import { createSynthesis, synthesisRoutes, type Synthesis, type YjsEndpoint } from "./synthesis/index.js";
import { createSynthesisTranslation, synthesisTranslationRoutes, type SynthesisTranslation } from "./synthesis/translatable.js";
import { createTranslation, translationRoutes, type Translation } from "./translation/index.js";
import { createWorkshopService, workshopRoutes } from "./workshops/index.js";

export interface App {
  server: Server;
  storage: Storage;
  logger: Logger;
  yjs: YjsEndpoint;
  synthesis: Synthesis;
  translation: Translation;
  /** Synthesis documents as translation sources: machine drafts that follow edits. */
  synthesisTranslation: SynthesisTranslation;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

export function createApp(config: Config, storage: Storage, logger: Logger = pino({ level: config.logLevel })): App {
  const app = express();
  // Idle keep-alive connections stay open a minute, not Node's 5 s: a client whose own timer runs
  // late (a busy tab, a proxy's 60 s pool) would otherwise send on a socket the server has just
  // closed, and get a reset instead of an answer.
  const server = createServer({ keepAliveTimeout: 65_000, headersTimeout: 66_000 }, app);
  const auth = createAuthService(storage, { sessionDays: config.sessionDays });
  const guard = createGuard(storage, auth);
  const origins: OriginPolicy = { trustProxy: config.trustProxy !== false, allowedOrigins: config.allowedOrigins, https: config.secureCookies };
  const sockets = createSocketServer(server, storage, auth, logger, {
    origins,
    limits: {
      perSocket: { perSecond: config.socketEventsPerSecond, burst: config.socketEventsBurst },
      perAccount: { perSecond: 2 * config.socketEventsPerSecond, burst: 2 * config.socketEventsBurst },
    },
    recoveryMs: config.liveRecoveryMs,
  });
  // Entering the live room is a visit, for "new since my last visit".
  const live = registerLiveEvents(sockets, storage, {
    onJoin: async (workshopId, userId) => void (await contributions.reading.recordVisit(workshopId, userId)),
    // A latecomer or a reconnecting tab gets the running live session in its join answer.
    joinState: async (workshopId, userId, role) => ({ liveSession: await liveSession.view(workshopId, userId, role) }),
  });
  // What may go on every screen, read through the translation service (called once `translation` exists).
  const screenItems = roomItems({ list: (...args) => translation.service.list(...args) });
  const liveSession = createLiveSessionService(storage, live, screenItems);
  liveSessionEvents(sockets, liveSession);
  const projector = createProjector(sockets.io, storage, liveSession, screenItems);
  const translation = createTranslation({
    storage,
    logger,
    config,
    // A translation goes where its target may be seen: the room, or only the members let in.
    emit: ({ audience, ...event }) => {
      if (audience === "room") {
        live.emit(event.workshopId, "translation.updated", event);
        // Only what the room may read is on a projector.
        void projector.translationChanged(event.workshopId, event.targetKind, event.targetId).catch((err) => logger.error({ err }, "refreshing the projector failed"));
      } else {
        void live.emitTo(event.workshopId, audience, "translation.updated", event).catch((err) => logger.error({ err }, "sending a translation failed"));
      }
    },
  });
  translateNotes(liveSession, translation);
  // Called only on a request, once `synthesis` below exists.
  const contributions = createContributions(storage, live, translation, async (link) => void (await synthesis.service.linkProposalToPassage(link)));
  registerContributionEvents(sockets, contributions);
  const workshops = createWorkshopService(storage, (workshopId, event) => {
    void live.notify(workshopId, event);
    // A role changed or a member left: open synthesis connections follow at once.
    if (event === "members.updated") yjs.recheckAccess().catch((err) => logger.error({ err }, "rechecking synthesis connections failed"));
  });
  const synthesis = createSynthesis({
    storage,
    auth,
    logger,
    origins,
    idleMs: config.docIdleMs,
    compactAfter: config.docCompactAfter,
    autoVersionMinutes: config.synthesisAutoSnapshotMinutes,
    emit: (workshopId, event, payload) => {
      live.emit(workshopId, event, payload);
      // A status change or a version: the blocks edited since get their machine drafts now.
      if ("documentId" in payload) synthesisTranslation.settle(payload.documentId);
    },
  });
  const yjs = synthesis.yjs;
  // Synthesis documents as translation sources, block by block; drafts follow edits once typing pauses.
  const synthesisTranslation = createSynthesisTranslation({
    storage,
    logger,
    synthesis,
    translation,
    delayMs: config.synthesisTranslationDelayMs,
    emit: (workshopId, event, payload) => live.emit(workshopId, event, payload),
  });

  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          "default-src": ["'self'"],
          // 'self' covers ws: and wss: to this same host (CSP Level 3).
          "connect-src": ["'self'"],
          "style-src": ["'self'", "'unsafe-inline'"],
          "img-src": ["'self'", "data:"],
          // Over plain HTTP (a venue laptop on the LAN) this would turn every request into a failing https:// one.
          "upgrade-insecure-requests": config.secureCookies ? [] : null,
        },
      },
      // HSTS and COOP only mean something over HTTPS: over HTTP the first would lock a LAN
      // address to https, and browsers ignore the second with a console error.
      strictTransportSecurity: config.secureCookies,
      crossOriginOpenerPolicy: config.secureCookies,
    }),
  );
  // Signed-in answers must not linger in shared caches or the back-forward cache of a shared computer.
  app.use("/api", (_req, res, next) => {
    res.set("Cache-Control", "no-store");
    next();
  });
  // A state-changing request must come from our own pages: another site's form or fetch
  // would carry the visitor's SameSite=Lax cookie on same-site origins.
  app.use((req, _res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS" || isSameOriginRequest(req, origins)) return next();
    next(errors.badOrigin());
  });
  app.use(express.json({ limit: "2mb" }));
  // A write sent again with the same Idempotency-Key is done once (see http/idempotency.ts).
  app.use("/api", idempotentWrites(storage.idempotency, async (headers) => (await auth.actorFrom(readCredentials(headers)))?.user.id ?? null));

  app.get("/api/health", (_req, res) => void res.json({ ok: true, storage: storage.kind }));
  app.get("/api/openapi.json", (_req, res) => void res.json(openApiDocument(guard.registry)));
  app.get("/api/events.json", (_req, res) => void res.json(eventsDocument(sockets.eventDocs)));
  app.use(
    authRoutes(auth, guard, {
      secureCookies: config.secureCookies,
      rateLimitPerMinute: config.authRateLimitPerMinute,
      accountFailures: config.accountFailures,
      accountLockMinutes: config.accountLockMinutes,
    }),
  );
  app.use(workshopRoutes(workshops, guard));
  app.use(contributionRoutes(contributions, guard));
  app.use(synthesisRoutes(synthesis.service, guard));
  app.use(translationRoutes(translation.service, storage, guard));
  app.use(synthesisTranslationRoutes(synthesisTranslation, guard));
  app.use(exportRoutes(createExporter({ storage, synthesis: synthesis.service, synthesisTranslation, translation: translation.service }), guard));
  app.use(liveSessionRoutes(liveSession, guard));
  app.use("/api", (_req, _res, next) => next(errors.notFound("route")));

  if (existsSync(join(config.clientDir, "index.html"))) {
    app.use(express.static(config.clientDir, { index: false, maxAge: "1h" }));
    app.get("/{*splat}", (_req, res) => res.sendFile(join(config.clientDir, "index.html")));
  }

  // One error handler: known errors keep their code; a client's mistake caught by Express or
  // its middleware (a bad percent-escape, a body that is not JSON) is a 400 with no stack trace;
  // anything else is a logged 500 without details.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const apiError = clientMistake(error) ?? toApiError(error);
    if (apiError.status >= 500) logger.error({ err: error, path: req.path }, "request failed");
    res.status(apiError.status).json({ error: { code: apiError.code, message: apiError.message, ...(apiError.issues && { issues: apiError.issues }) } });
  });

  server.on("upgrade", (req, socket, head) => {
    // A reset while the upgrade is being authorized must not become an unhandled error.
    socket.on("error", () => socket.destroy());
    const path = (req.url ?? "").split("?")[0] ?? "";
    if (path.startsWith("/yjs/")) {
      yjs.handleUpgrade(req, socket, head).catch((err) => {
        logger.error({ err }, "yjs upgrade failed");
        socket.destroy();
      });
    } else if (!path.startsWith("/socket.io/")) {
      socket.destroy();
    }
  });

  let sweepTimer: NodeJS.Timeout | undefined;
  return {
    server,
    storage,
    logger,
    yjs,
    synthesis,
    translation,
    synthesisTranslation,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          // Once the first requests are served, every synthesis gets its search index (and missing drafts).
          sweepTimer = setTimeout(() => void synthesisTranslation.sweep().catch((err) => logger.error({ err }, "the start-up pass over the synthesis documents failed")), config.synthesisTranslationDelayMs);
          sweepTimer.unref();
          const address = server.address();
          resolve(typeof address === "object" && address ? address.port : port);
        });
      });
    },
    async close() {
      clearTimeout(sweepTimer);
      sockets.io.close();
      await synthesisTranslation.close();
      await translation.close();
      await yjs.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Errors that Express and its middleware raise for malformed requests, as API errors. */
function clientMistake(error: unknown): AppError | null {
  if (error instanceof AppError) return null;
  const raised = error as { type?: string; status?: number; statusCode?: number } | null;
  if (raised?.type === "entity.parse.failed") return errors.badRequest("the body is not valid JSON");
  if (raised?.type === "entity.too.large") return errors.badRequest("the body is too large");
  if (error instanceof URIError) return errors.badRequest("the path holds a malformed percent-escape");
  const status = raised?.status ?? raised?.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    return status === 404 ? errors.notFound("page") : new AppError("bad_request", "the request is malformed", status);
  }
  return null;
}
