// Use cases of sequences and the agenda: a facilitator runs the meeting; every contribution
// asks here whether its sequence takes it now.
import {
  contributionProblem,
  sequenceKinds,
  sequenceOf,
  transitionProblem,
  type ContributionKind,
  type SequenceKind,
  type SequenceStatus,
} from "../../../shared/domain/sequences.js";
import type { CreateAgendaSlotBody, UpdateAgendaSlotBody } from "../../../shared/schemas/contributions.js";
import { errors } from "../../errors.js";
import { newId, nowIso } from "../../ids.js";
import type { LiveEmitter } from "../../live/index.js";
import type { AgendaSlotRecord, SequenceRecord, Storage } from "../../storage/port.js";
import type { ContributionTranslation } from "../translatable.js";
import { presentAgendaSlot, presentSequence } from "./presenter.js";
import { WritingTracker } from "./writing.js";

const refusals = {
  sequence_closed: (kind: SequenceKind) => `the ${kind} sequence is closed; a facilitator may reopen it`,
  sequence_not_open: (kind: SequenceKind) => `the ${kind} sequence has not opened yet`,
  sequence_order: (kind: SequenceKind) => `open the sequences before ${kind} first`,
  invalid_transition: (kind: SequenceKind) => `the ${kind} sequence cannot move to this status from its current one`,
};

export function createSequenceService(storage: Storage, live: LiveEmitter, written: ContributionTranslation["sourceChanged"] = () => {}) {
  const store = storage.sequences;
  const writing = new WritingTracker();

  /** All three, in order; one never moved is upcoming. */
  async function list(workshopId: string): Promise<SequenceRecord[]> {
    const stored = await store.list(workshopId);
    return sequenceKinds.map(
      (kind) => stored.find((s) => s.kind === kind) ?? { workshopId, kind, status: "upcoming", openedAt: null, closedAt: null, updatedBy: null },
    );
  }

  async function statusOf(workshopId: string, kind: SequenceKind): Promise<SequenceStatus> {
    return (await list(workshopId)).find((s) => s.kind === kind)!.status;
  }

  async function publishAgenda(workshopId: string): Promise<AgendaSlotRecord[]> {
    const slots = await store.agenda(workshopId);
    live.emit(workshopId, "agenda.updated", { workshopId, slots: slots.map(presentAgendaSlot) });
    return slots;
  }

  async function requireSlot(workshopId: string, slotId: string): Promise<AgendaSlotRecord> {
    const slot = (await store.agenda(workshopId)).find((s) => s.id === slotId);
    if (!slot) throw errors.notFound("agenda slot");
    return slot;
  }

  async function draftFiches(workshopId: string): Promise<number> {
    // Counted as a facilitator sees them: every draft, not only one's own.
    const scope = { userId: "", seesDrafts: true, seesHidden: false };
    let count = 0;
    let after: number[] | undefined;
    do {
      const page = await storage.fiches.list(workshopId, scope, { status: "draft" }, { limit: 100, after });
      count += page.items.length;
      after = page.next ?? undefined;
    } while (after);
    return count;
  }

  return {
    list,

    async set(workshopId: string, kind: SequenceKind, to: "open" | "closed", by: string): Promise<SequenceRecord[]> {
      const current = await list(workshopId);
      const statuses = Object.fromEntries(current.map((s) => [s.kind, s.status])) as Record<SequenceKind, SequenceStatus>;
      const problem = transitionProblem(statuses, kind, to);
      if (problem) throw errors.conflict(problem, refusals[problem](kind));
      // Two facilitators clicking at once: the second finds the status moved and is told so.
      if (!(await store.transition({ workshopId, kind, from: statuses[kind], to, by, at: nowIso() }))) {
        throw errors.conflict("invalid_transition", refusals.invalid_transition(kind));
      }
      const sequences = await list(workshopId);
      live.emit(workshopId, "sequences.updated", { workshopId, sequences: sequences.map(presentSequence) });
      return sequences;
    },

    /** This tab's forms holding unsent text; see WritingTracker. */
    reportWriting: writing.report.bind(writing),
    forgetWriting: writing.forget.bind(writing),

    /** What closing `kind` now would cut: draft fiches (illustrate), and forms open with unsent text. */
    async closing(workshopId: string, kind: SequenceKind) {
      return { sequence: kind, drafts: kind === "illustrate" ? await draftFiches(workshopId) : 0, ...writing.count(workshopId, kind) };
    },

    /** Throws sequence_closed or sequence_not_open unless this kind of contribution may be written now. */
    async requireWritable(workshopId: string, contribution: ContributionKind, options: { preparation?: boolean } = {}): Promise<void> {
      const kind = sequenceOf[contribution];
      const problem = contributionProblem(await statusOf(workshopId, kind), options);
      if (problem) throw errors.conflict(problem, refusals[problem](kind));
    },

    agenda: (workshopId: string) => store.agenda(workshopId),

    async addSlot(workshopId: string, body: CreateAgendaSlotBody): Promise<AgendaSlotRecord[]> {
      const now = nowIso();
      const id = newId();
      await store.saveAgendaSlot({ id, workshopId, ...body, createdAt: now, updatedAt: now });
      written({ workshopId, targetKind: "agendaItem", targetId: id });
      return publishAgenda(workshopId);
    },

    async updateSlot(workshopId: string, slotId: string, body: UpdateAgendaSlotBody): Promise<AgendaSlotRecord[]> {
      const next = { ...(await requireSlot(workshopId, slotId)), ...body, updatedAt: nowIso() };
      if (Date.parse(next.endsAt) <= Date.parse(next.startsAt)) throw errors.validation([{ path: "endsAt", message: "must end after it starts" }]);
      await store.saveAgendaSlot(next);
      written({ workshopId, targetKind: "agendaItem", targetId: slotId });
      return publishAgenda(workshopId);
    },

    async deleteSlot(workshopId: string, slotId: string): Promise<AgendaSlotRecord[]> {
      if (!(await store.deleteAgendaSlot(workshopId, slotId))) throw errors.notFound("agenda slot");
      return publishAgenda(workshopId);
    },
  };
}

export type SequenceService = ReturnType<typeof createSequenceService>;
