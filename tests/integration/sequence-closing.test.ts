// Before closing a sequence, the facilitator learns what it would cut: draft fiches, and the
// forms members' tabs report holding unsent text (sequence.writing), over real sockets.
import { describe, expect, it } from "vitest";
import { emitAck, workshopWithMembers } from "../helpers/clients.js";
import { expectError, inRoom, openAll, serverForFile } from "../helpers/contributions.js";

const running = serverForFile();

const none = { illustrate: 0, debate: 0, propose: 0 };

describe("closing a sequence", () => {
  it("counts the draft fiches of illustrate, whoever wrote them", async () => {
    const { workshopId, facilitator, host, observer } = await workshopWithMembers(running.server);
    await openAll(facilitator, workshopId);
    const fiches = `/api/workshops/${workshopId}/fiches`;
    await host.post(fiches, { rows: { title: "Brouillon de l'invitant" } });
    await observer.post(fiches, { rows: { title: "Brouillon de l'invité" } });
    const submitted = (await host.post(fiches, { rows: { title: "Présentée" } })).body.fiche;
    await host.post(`${fiches}/${submitted.id}/status`, { status: "submitted" });

    const closing = await facilitator.get(`/api/workshops/${workshopId}/sequences/illustrate/closing`);
    expect(closing.status).toBe(200);
    expect(closing.body).toEqual({ sequence: "illustrate", drafts: 2, openForms: 0, writers: 0 });
    expect((await facilitator.get(`/api/workshops/${workshopId}/sequences/propose/closing`)).body.drafts).toBe(0);
  });

  it("counts the forms members' tabs hold unsent text in, per sequence and per person", async () => {
    const { workshopId, facilitator, host, participant } = await workshopWithMembers(running.server);
    const closingOf = async (kind: string) => (await facilitator.get(`/api/workshops/${workshopId}/sequences/${kind}/closing`)).body;

    const firstTab = await inRoom(participant, workshopId);
    const secondTab = await inRoom(participant, workshopId);
    const hostTab = await inRoom(host, workshopId);
    expect(await emitAck(firstTab, "sequence.writing", { workshopId, forms: { ...none, propose: 1 } })).toEqual({ ok: true });
    await emitAck(secondTab, "sequence.writing", { workshopId, forms: { ...none, propose: 2, debate: 1 } });
    await emitAck(hostTab, "sequence.writing", { workshopId, forms: { ...none, propose: 1 } });
    expect(await closingOf("propose")).toMatchObject({ openForms: 4, writers: 2 });
    expect(await closingOf("debate")).toMatchObject({ openForms: 1, writers: 1 });

    // A new report replaces the tab's last one; a tab that goes away takes its forms with it.
    await emitAck(hostTab, "sequence.writing", { workshopId, forms: none });
    expect(await closingOf("propose")).toMatchObject({ openForms: 3, writers: 1 });
    secondTab.disconnect();
    await expect.poll(async () => (await closingOf("propose")).openForms).toBe(1);
    expect(await closingOf("debate")).toMatchObject({ openForms: 0, writers: 0 });
  });

  it("keeps each workshop's count to itself", async () => {
    const first = await workshopWithMembers(running.server);
    const second = await workshopWithMembers(running.server);
    const tab = await inRoom(first.participant, first.workshopId);
    await emitAck(tab, "sequence.writing", { workshopId: first.workshopId, forms: { ...none, debate: 1 } });
    expect((await second.facilitator.get(`/api/workshops/${second.workshopId}/sequences/debate/closing`)).body.openForms).toBe(0);
    expect((await first.facilitator.get(`/api/workshops/${first.workshopId}/sequences/debate/closing`)).body.openForms).toBe(1);
  });

  it("tells only facilitators what closing would cut", async () => {
    const { workshopId, host, participant, outsider } = await workshopWithMembers(running.server);
    expectError(await participant.get(`/api/workshops/${workshopId}/sequences/debate/closing`), 403, "forbidden");
    expectError(await host.get(`/api/workshops/${workshopId}/sequences/debate/closing`), 403, "forbidden");
    expectError(await outsider.get(`/api/workshops/${workshopId}/sequences/debate/closing`), 404, "not_found");
    expectError(await participant.get(`/api/workshops/${workshopId}/sequences/celebrate/closing`), 400, "validation_failed");
  });

  it("refuses writing reports from translators, who write no contributions, and from outsiders", async () => {
    const { workshopId, facilitator, translator, outsider } = await workshopWithMembers(running.server);
    const translatorTab = await inRoom(translator, workshopId);
    expect((await emitAck(translatorTab, "sequence.writing", { workshopId, forms: { ...none, debate: 1 } })).error.code).toBe("forbidden");
    const stranger = outsider.socket();
    await new Promise<void>((resolve) => stranger.once("connect", () => resolve()));
    expect((await emitAck(stranger, "sequence.writing", { workshopId, forms: { ...none, debate: 1 } })).error.code).toBe("not_found");
    stranger.disconnect();
    expect((await facilitator.get(`/api/workshops/${workshopId}/sequences/debate/closing`)).body.openForms).toBe(0);
  });

  it("answers malformed writing reports with validation_failed and counts nothing", async () => {
    const { workshopId, facilitator, participant } = await workshopWithMembers(running.server);
    const tab = await inRoom(participant, workshopId);
    for (const payload of [
      null,
      { workshopId },
      { workshopId, forms: { debate: 1 } },
      { workshopId, forms: { ...none, debate: -1 } },
      { workshopId, forms: { ...none, debate: 1.5 } },
      { workshopId, forms: { ...none, debate: 10_000 } },
      { workshopId, forms: { ...none, debate: "1" } },
    ]) {
      const ack = await emitAck(tab, "sequence.writing", payload);
      expect(ack.error.code, JSON.stringify(payload)).toBe("validation_failed");
    }
    expect((await facilitator.get(`/api/workshops/${workshopId}/sequences/debate/closing`)).body.openForms).toBe(0);
  });

  it("documents the closing route and the writing event with their permissions", async () => {
    const { workshopId, facilitator } = await workshopWithMembers(running.server);
    // The events document is filled as sockets connect (see server/live/socket.ts).
    await inRoom(facilitator, workshopId);
    const api = (await facilitator.get("/api/openapi.json")).body;
    expect(api.paths["/api/workshops/{workshopId}/sequences/{sequence}/closing"].get.description).toContain("sequence.manage");
    const events = (await facilitator.get("/api/events.json")).body;
    expect(JSON.stringify(events)).toContain("sequence.reportWriting");
  });
});
