// Typed calls to a workshop's sequences and agenda.
import type { SequenceKind } from "../../../shared/domain/sequences.js";
import type { AgendaSlot, CreateAgendaSlotBody, Sequence, SequenceClosing, UpdateAgendaSlotBody } from "../../../shared/schemas/contributions.js";
import { api } from "../api.js";

export const workshopBase = (workshopId: string) => `/api/workshops/${encodeURIComponent(workshopId)}`;

export const sequencesApi = {
  list: (workshopId: string) => api.get<{ sequences: Sequence[] }>(`${workshopBase(workshopId)}/sequences`).then((r) => r.sequences),
  set: (workshopId: string, kind: SequenceKind, status: "open" | "closed") =>
    api.patch<{ sequences: Sequence[] }>(`${workshopBase(workshopId)}/sequences/${kind}`, { status }).then((r) => r.sequences),
  /** What closing the sequence now would cut (facilitators). */
  closing: (workshopId: string, kind: SequenceKind) => api.get<SequenceClosing>(`${workshopBase(workshopId)}/sequences/${kind}/closing`),
  agenda: (workshopId: string) => api.get<{ slots: AgendaSlot[] }>(`${workshopBase(workshopId)}/agenda`).then((r) => r.slots),
  addSlot: (workshopId: string, slot: CreateAgendaSlotBody) => api.post<{ slots: AgendaSlot[] }>(`${workshopBase(workshopId)}/agenda`, slot).then((r) => r.slots),
  updateSlot: (workshopId: string, slotId: string, slot: UpdateAgendaSlotBody) =>
    api.patch<{ slots: AgendaSlot[] }>(`${workshopBase(workshopId)}/agenda/${encodeURIComponent(slotId)}`, slot).then((r) => r.slots),
  deleteSlot: (workshopId: string, slotId: string) =>
    api.delete<{ slots: AgendaSlot[] }>(`${workshopBase(workshopId)}/agenda/${encodeURIComponent(slotId)}`).then((r) => r.slots),
};
