// The public shapes of sequences and agenda slots.
import type { AgendaSlot, Sequence } from "../../../shared/schemas/contributions.js";
import type { AgendaSlotRecord, SequenceRecord } from "../../storage/port.js";

export const presentSequence = (s: SequenceRecord): Sequence => ({
  kind: s.kind,
  status: s.status,
  openedAt: s.openedAt,
  closedAt: s.closedAt,
  updatedBy: s.updatedBy,
});

export const presentAgendaSlot = (s: AgendaSlotRecord): AgendaSlot => ({
  id: s.id,
  startsAt: s.startsAt,
  endsAt: s.endsAt,
  place: s.place,
  title: s.title,
  presenters: s.presenters,
  framingQuestions: s.framingQuestions,
  sequence: s.sequence,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});
