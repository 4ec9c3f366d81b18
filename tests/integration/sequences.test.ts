// Sequences and agenda, over real HTTP and socket.io-client users in each role.
import { describe, expect, it } from "vitest";
import { emitAck, workshopWithMembers } from "../helpers/clients.js";
import { expectError, inRoom, nextEvent, serverForFile } from "../helpers/contributions.js";

const running = serverForFile();

const statuses = (body: { sequences: { kind: string; status: string }[] }) => Object.fromEntries(body.sequences.map((s) => [s.kind, s.status]));

describe("sequences", () => {
  it("start upcoming, open in order, close and reopen; the whole room sees each change", async () => {
    const { workshopId, facilitator, participant } = await workshopWithMembers(running.server);
    const listed = await participant.get(`/api/workshops/${workshopId}/sequences`);
    expect(listed.body.sequences.map((s: { kind: string }) => s.kind)).toEqual(["illustrate", "debate", "propose"]);
    expect(statuses(listed.body)).toEqual({ illustrate: "upcoming", debate: "upcoming", propose: "upcoming" });

    const watcher = await inRoom(participant, workshopId);
    const seen = nextEvent(watcher, "sequences.updated");
    const opened = await facilitator.patch(`/api/workshops/${workshopId}/sequences/illustrate`, { status: "open" });
    expect(opened.status).toBe(200);
    expect((await seen).sequences[0]).toMatchObject({ kind: "illustrate", status: "open", updatedBy: { id: facilitator.id } });

    const socket = await inRoom(facilitator, workshopId);
    const debate = await emitAck(socket, "sequence.set", { workshopId, sequence: "debate", status: "open" });
    expect(debate.ok).toBe(true);
    expect(statuses(debate)).toEqual({ illustrate: "open", debate: "open", propose: "upcoming" });

    await facilitator.patch(`/api/workshops/${workshopId}/sequences/illustrate`, { status: "closed" });
    const reopened = await facilitator.patch(`/api/workshops/${workshopId}/sequences/illustrate`, { status: "open" });
    expect(reopened.body.sequences[0]).toMatchObject({ status: "open", closedAt: null });
  });

  it("refuses to open a sequence while an earlier one is still upcoming", async () => {
    const { workshopId, facilitator } = await workshopWithMembers(running.server);
    expectError(await facilitator.patch(`/api/workshops/${workshopId}/sequences/debate`, { status: "open" }), 409, "sequence_order");
    const socket = await inRoom(facilitator, workshopId);
    const ack = await emitAck(socket, "sequence.set", { workshopId, sequence: "propose", status: "open" });
    expect(ack.error.code).toBe("sequence_order");
  });

  it("refuses a status that cannot follow the current one", async () => {
    const { workshopId, facilitator } = await workshopWithMembers(running.server);
    expectError(await facilitator.patch(`/api/workshops/${workshopId}/sequences/illustrate`, { status: "closed" }), 409, "invalid_transition");
    await facilitator.patch(`/api/workshops/${workshopId}/sequences/illustrate`, { status: "open" });
    expectError(await facilitator.patch(`/api/workshops/${workshopId}/sequences/illustrate`, { status: "open" }), 409, "invalid_transition");
    expectError(await facilitator.patch(`/api/workshops/${workshopId}/sequences/illustrate`, { status: "upcoming" }), 400, "validation_failed");
  });

  it("lets only facilitators run the sequences, over HTTP and sockets", async () => {
    const { workshopId, host, participant, outsider } = await workshopWithMembers(running.server);
    expectError(await host.patch(`/api/workshops/${workshopId}/sequences/illustrate`, { status: "open" }), 403, "forbidden");
    expectError(await outsider.patch(`/api/workshops/${workshopId}/sequences/illustrate`, { status: "open" }), 404, "not_found");
    const socket = await inRoom(participant, workshopId);
    expect((await emitAck(socket, "sequence.set", { workshopId, sequence: "illustrate", status: "open" })).error.code).toBe("forbidden");
  });

  it("answers malformed socket payloads with validation_failed", async () => {
    const { workshopId, facilitator } = await workshopWithMembers(running.server);
    const socket = await inRoom(facilitator, workshopId);
    for (const payload of [null, { workshopId }, { workshopId, sequence: "celebrate", status: "open" }, { workshopId, sequence: "debate", status: "upcoming" }]) {
      const ack = await emitAck(socket, "sequence.set", payload);
      expect(ack.error.code, JSON.stringify(payload)).toBe("validation_failed");
    }
    expectError(await facilitator.patch(`/api/workshops/${workshopId}/sequences/celebrate`, { status: "open" }), 400, "validation_failed");
  });
});

describe("agenda", () => {
  const slot = {
    startsAt: "2007-12-13T09:30:00+01:00",
    endsAt: "2007-12-13T12:00:00+01:00",
    place: "Maison de la formation, Poitiers",
    title: "Séquence 1 : le travail et l'emploi",
    presenters: ["Hélène Marchand", "Conseil de développement"],
    framingQuestions: ["Quelle économie l'action a-t-elle fait naître ?"],
    sequence: "illustrate",
  };

  it("holds timed slots in time order, managed by facilitators and read by every member, live", async () => {
    const { workshopId, facilitator, translator } = await workshopWithMembers(running.server);
    const watcher = await inRoom(translator, workshopId);
    const seen = nextEvent(watcher, "agenda.updated");
    const created = await facilitator.post(`/api/workshops/${workshopId}/agenda`, slot);
    expect(created.status).toBe(201);
    expect((await seen).slots).toHaveLength(1);
    await facilitator.post(`/api/workshops/${workshopId}/agenda`, { ...slot, startsAt: "2007-12-13T09:00:00+01:00", endsAt: "2007-12-13T09:30:00+01:00", title: "Introduction", presenters: [], framingQuestions: [] });

    const agenda = await translator.get(`/api/workshops/${workshopId}/agenda`);
    expect(agenda.body.slots.map((s: { title: string }) => s.title)).toEqual(["Introduction", slot.title]);
    const [, first] = agenda.body.slots;
    expect(first).toMatchObject({ place: slot.place, presenters: slot.presenters, framingQuestions: slot.framingQuestions, sequence: "illustrate" });

    const moved = await facilitator.patch(`/api/workshops/${workshopId}/agenda/${first.id}`, { place: "Marennes" });
    expect(moved.body.slots.find((s: { id: string }) => s.id === first.id).place).toBe("Marennes");
    expect((await facilitator.delete(`/api/workshops/${workshopId}/agenda/${first.id}`)).body.slots).toHaveLength(1);
    expectError(await facilitator.delete(`/api/workshops/${workshopId}/agenda/${first.id}`), 404, "not_found");
  });

  it("refuses a slot that ends before it starts, and members who do not facilitate", async () => {
    const { workshopId, facilitator, host } = await workshopWithMembers(running.server);
    expectError(await facilitator.post(`/api/workshops/${workshopId}/agenda`, { ...slot, endsAt: slot.startsAt }), 400, "validation_failed");
    expectError(await facilitator.post(`/api/workshops/${workshopId}/agenda`, { ...slot, startsAt: "jeudi 9h" }), 400, "validation_failed");
    const created = await facilitator.post(`/api/workshops/${workshopId}/agenda`, slot);
    const id = created.body.slots[0].id;
    expectError(await facilitator.patch(`/api/workshops/${workshopId}/agenda/${id}`, { endsAt: "2007-12-13T08:00:00+01:00" }), 400, "validation_failed");
    expectError(await host.post(`/api/workshops/${workshopId}/agenda`, slot), 403, "forbidden");
    expectError(await host.patch(`/api/workshops/${workshopId}/agenda/${id}`, { title: "Autre" }), 403, "forbidden");
  });
});
