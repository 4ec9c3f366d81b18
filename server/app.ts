// Wires everything on one HTTP server: Express routes, Socket.IO, the Yjs endpoint.
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { pino, type Logger } from "pino";
import { authRoutes, createAuthService, createGuard } from "./auth/index.js";
import type { Config } from "./config.js";
import { contributionRoutes, createContributions, registerContributionEvents } from "./contributions/index.js";
import { errors, toApiError } from "./errors.js";
import { eventsDocument, openApiDocument } from "./http/docs.js";
import { createSocketServer, eventDocs, registerLiveEvents } from "./live/index.js";
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
  const server = createServer(app);
  const auth = createAuthService(storage, { sessionDays: config.sessionDays });
  const guard = createGuard(storage, auth);
  const sockets = createSocketServer(server, storage, auth, logger);
  // Entering the live room is a visit, for "new since my last visit".
  const live = registerLiveEvents(sockets, storage, { onJoin: async (workshopId, userId) => void (await contributions.reading.recordVisit(workshopId, userId)) });
  const translation = createTranslation({
    storage,
    logger,
    config,
    // A translation goes where its target may be seen: the room, or only the members let in.
    emit: ({ audience, ...event }) =>
      audience === "room"
        ? live.emit(event.workshopId, "translation.updated", event)
        : void live.emitTo(event.workshopId, audience, "translation.updated", event).catch((err) => logger.error({ err }, "sending a translation failed")),
  });
  // Called only on a request, once `synthesis` below exists.
  const contributions = createContributions(storage, live, translation, async (link) => void (await synthesis.service.linkProposalToPassage(link)));
  registerContributionEvents(sockets, contributions);
  const workshops = createWorkshopService(storage, (workshopId, event) => void live.notify(workshopId, event));
  const synthesis = createSynthesis({
    storage,
    auth,
    logger,
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
  app.set("trust proxy", "loopback");
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          "default-src": ["'self'"],
          "connect-src": ["'self'", "ws:", "wss:"],
          "style-src": ["'self'", "'unsafe-inline'"],
          "img-src": ["'self'", "data:"],
        },
      },
    }),
  );
  app.use(express.json({ limit: "2mb" }));

  app.get("/api/health", (_req, res) => void res.json({ ok: true, storage: storage.kind }));
  app.get("/api/openapi.json", (_req, res) => void res.json(openApiDocument()));
  app.get("/api/events.json", (_req, res) => void res.json(eventsDocument(eventDocs)));
  app.use(authRoutes(auth, guard, { secureCookies: config.secureCookies, rateLimitPerMinute: config.authRateLimitPerMinute }));
  app.use(workshopRoutes(workshops, guard));
  app.use(contributionRoutes(contributions, guard));
  app.use(synthesisRoutes(synthesis.service, guard));
  app.use(translationRoutes(translation.service, storage, guard));
  app.use(synthesisTranslationRoutes(synthesisTranslation, guard));
  app.use("/api", (_req, _res, next) => next(errors.notFound("route")));

  if (existsSync(join(config.clientDir, "index.html"))) {
    app.use(express.static(config.clientDir, { index: false, maxAge: "1h" }));
    app.get("/{*splat}", (_req, res) => res.sendFile(join(config.clientDir, "index.html")));
  }

  // One error handler: known errors keep their code; anything else is a logged 500 without details.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const body = error as { type?: string; status?: number };
    const apiError =
      body?.type === "entity.parse.failed"
        ? errors.badRequest("the body is not valid JSON")
        : body?.type === "entity.too.large"
          ? errors.badRequest("the body is too large")
          : toApiError(error);
    if (apiError.status >= 500) logger.error({ err: error, path: req.path }, "request failed");
    res.status(apiError.status).json({ error: { code: apiError.code, message: apiError.message, ...(apiError.issues && { issues: apiError.issues }) } });
  });

  server.on("upgrade", (req, socket, head) => {
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
          const address = server.address();
          resolve(typeof address === "object" && address ? address.port : port);
        });
      });
    },
    async close() {
      sockets.io.close();
      await synthesisTranslation.close();
      await translation.close();
      await yjs.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
