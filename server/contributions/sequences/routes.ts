// HTTP routes of sequences and the agenda.
import { Router } from "express";
import { id } from "../../../shared/schemas/common.js";
import { agendaBody, createAgendaSlotBody, sequenceClosingBody, sequenceKind, sequencesBody, setSequenceBody, updateAgendaSlotBody } from "../../../shared/schemas/contributions.js";
import { defineRoute, type Guard } from "../../http/route.js";
import { readerOf, workshopParams } from "../routing.js";
import { presentAgendaSlot, presentSequence } from "./presenter.js";
import type { SequenceService } from "./service.js";

export function sequenceRoutes(service: SequenceService, guard: Guard): Router {
  const router = Router();
  const tag = "sequences";
  const base = "/api/workshops/:workshopId";
  const slotParams = workshopParams.extend({ slotId: id });

  defineRoute(
    router,
    guard,
    { method: "get", path: `${base}/sequences`, tag, summary: "The three sequences (illustrate, debate, propose) and their status", access: { action: "workshop.read", workshopParam: "workshopId" }, params: workshopParams, response: sequencesBody },
    async ({ params }) => ({ sequences: (await service.list(params.workshopId)).map(presentSequence) }),
  );

  defineRoute(
    router,
    guard,
    {
      method: "patch",
      path: `${base}/sequences/:sequence`,
      tag,
      summary: "Open, close or reopen a sequence. upcoming → open → closed → open; a sequence opens only after the earlier ones have.",
      access: { action: "sequence.manage", workshopParam: "workshopId" },
      params: workshopParams.extend({ sequence: sequenceKind }),
      body: setSequenceBody,
      response: sequencesBody,
      errors: ["invalid_transition", "sequence_order"],
    },
    async ({ params, body, res }) => ({ sequences: (await service.set(params.workshopId, params.sequence, body.status, readerOf(res).userId)).map(presentSequence) }),
  );

  defineRoute(
    router,
    guard,
    {
      method: "get",
      path: `${base}/sequences/:sequence/closing`,
      tag,
      summary:
        "What closing the sequence now would cut, for the facilitator's confirmation: its draft fiches (illustrate only) and the forms members have open with unsent text in it (as their browser tabs report them over the live room)",
      access: { action: "sequence.manage", workshopParam: "workshopId" },
      params: workshopParams.extend({ sequence: sequenceKind }),
      response: sequenceClosingBody,
    },
    async ({ params }) => service.closing(params.workshopId, params.sequence),
  );

  defineRoute(
    router,
    guard,
    { method: "get", path: `${base}/agenda`, tag, summary: "The agenda: timed slots with place, title, presenters and framing questions, in time order", access: { action: "agenda.read", workshopParam: "workshopId" }, params: workshopParams, response: agendaBody },
    async ({ params }) => ({ slots: (await service.agenda(params.workshopId)).map(presentAgendaSlot) }),
  );

  defineRoute(
    router,
    guard,
    { method: "post", path: `${base}/agenda`, tag, summary: "Add a slot to the agenda; answers with the whole agenda", access: { action: "agenda.manage", workshopParam: "workshopId" }, params: workshopParams, body: createAgendaSlotBody, response: agendaBody, status: 201 },
    async ({ params, body }) => ({ slots: (await service.addSlot(params.workshopId, body)).map(presentAgendaSlot) }),
  );

  defineRoute(
    router,
    guard,
    { method: "patch", path: `${base}/agenda/:slotId`, tag, summary: "Change a slot of the agenda", access: { action: "agenda.manage", workshopParam: "workshopId" }, params: slotParams, body: updateAgendaSlotBody, response: agendaBody },
    async ({ params, body }) => ({ slots: (await service.updateSlot(params.workshopId, params.slotId, body)).map(presentAgendaSlot) }),
  );

  defineRoute(
    router,
    guard,
    { method: "delete", path: `${base}/agenda/:slotId`, tag, summary: "Remove a slot from the agenda", access: { action: "agenda.manage", workshopParam: "workshopId" }, params: slotParams, response: agendaBody },
    async ({ params }) => ({ slots: (await service.deleteSlot(params.workshopId, params.slotId)).map(presentAgendaSlot) }),
  );

  return router;
}
