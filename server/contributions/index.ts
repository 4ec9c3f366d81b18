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
import { createProposalService, type LinkMergedProposal } from "./proposals/service.js";
import { readingEvents } from "./reading/events.js";
import { readingRoutes } from "./reading/routes.js";
import { createReadingService } from "./reading/service.js";
import { sequenceEvents } from "./sequences/events.js";
import { sequenceRoutes } from "./sequences/routes.js";
import { createSequenceService } from "./sequences/service.js";
import { contributionSources, withoutTranslation, type ContributionTranslation } from "./translatable.js";

export { mayCirculate } from "../../shared/domain/fiches.js";
export { presentFicheOutside } from "./fiches/presenter.js";
export type { ContributionTranslation } from "./translatable.js";

/** `translation` (from app.ts) makes fiches, posts, proposals, amendments and the agenda translatable. */
export function createContributions(
  storage: Storage,
  live: LiveEmitter,
  translation: ContributionTranslation = withoutTranslation,
  linkMergedProposal?: LinkMergedProposal,
) {
  for (const source of contributionSources(storage)) translation.registerSource(source);
  const written = translation.sourceChanged;
  const sequences = createSequenceService(storage, live, written);
  const fiches = createFicheService(storage, live, sequences, written);
  return {
    sequences,
    fiches,
    debate: createDebateService(storage, live, sequences, fiches, written),
    proposals: createProposalService(storage, live, sequences, written, linkMergedProposal),
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

export function registerContributionEvents(sockets: SocketServer, c: Contributions): void {
  sequenceEvents(sockets, c.sequences);
  debateEvents(sockets, c.debate);
  proposalEvents(sockets, c.proposals);
  readingEvents(sockets, c.reading);
}
