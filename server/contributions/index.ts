// The contributions capability: the workshop's process as its users run it. Sequences and
// agenda, fiches navettes (illustrate), debate threads (debate), proposals and amendments
// (propose), and reading between meetings (unread, new since my last visit, search).
import { Router } from "express";
import type { Guard } from "../http/route.js";
import type { LiveEmitter, SocketServer } from "../live/index.js";
import type { Storage } from "../storage/port.js";
import { debateEvents } from "./debate/events.js";
import { debateRoutes } from "./debate/routes.js";
import { createDebateService } from "./debate/service.js";
import { ficheRoutes } from "./fiches/routes.js";
import { createFicheService } from "./fiches/service.js";
import { proposalEvents } from "./proposals/events.js";
import { proposalRoutes } from "./proposals/routes.js";
import { createProposalService } from "./proposals/service.js";
import { readingEvents } from "./reading/events.js";
import { readingRoutes } from "./reading/routes.js";
import { createReadingService } from "./reading/service.js";
import { sequenceEvents } from "./sequences/events.js";
import { sequenceRoutes } from "./sequences/routes.js";
import { createSequenceService } from "./sequences/service.js";

export { mayCirculate } from "../../shared/domain/fiches.js";
export { presentFicheOutside } from "./fiches/presenter.js";

export function createContributions(storage: Storage, live: LiveEmitter) {
  const sequences = createSequenceService(storage, live);
  const fiches = createFicheService(storage, live, sequences);
  return {
    sequences,
    fiches,
    debate: createDebateService(storage, live, sequences, fiches),
    proposals: createProposalService(storage, live, sequences),
    reading: createReadingService(storage),
  };
}

export type Contributions = ReturnType<typeof createContributions>;

export function contributionRoutes(c: Contributions, guard: Guard): Router {
  return Router().use(
    sequenceRoutes(c.sequences, guard),
    ficheRoutes(c.fiches, guard),
    debateRoutes(c.debate, guard),
    proposalRoutes(c.proposals, guard),
    readingRoutes(c.reading, guard),
  );
}

export function registerContributionEvents({ io, on }: SocketServer, c: Contributions): void {
  io.on("connection", (socket) => {
    sequenceEvents(on, socket, c.sequences);
    debateEvents(on, socket, c.debate);
    proposalEvents(on, socket, c.proposals);
    readingEvents(on, socket, c.reading);
  });
}
