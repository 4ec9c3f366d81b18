// The workshop's live room over a real socket.io-client.
import type { Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { emitAck, TestUser, waitFor, workshopWithMembers } from "../helpers/clients.js";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
const sockets: Socket[] = [];
beforeAll(async () => {
  server = await startServer();
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});
afterAll(() => server.close({ wipe: true }));

function track(socket: Socket): Socket {
  sockets.push(socket);
  return socket;
}

function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
}

function refusal(socket: Socket): Promise<{ message: string; data?: { code: string } }> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => reject(new Error("connected but should have been refused")));
    socket.once("connect_error", (err) => resolve(err as unknown as { message: string; data?: { code: string } }));
  });
}

describe("live room", () => {
  it("two members see each other's presence and reading language", async () => {
    const { workshopId, facilitator, participant } = await workshopWithMembers(server);
    const a = track(facilitator.socket());
    const b = track(participant.socket());
    await Promise.all([connected(a), connected(b)]);

    let seenByA: { userId: string; language: string; role: string }[] = [];
    a.on("presence.updated", (event) => (seenByA = event.people));

    const joinA = await emitAck(a, "workshop.join", { workshopId });
    expect(joinA).toMatchObject({ ok: true, role: "facilitator" });
    const joinB = await emitAck(b, "workshop.join", { workshopId });
    expect(joinB.ok).toBe(true);
    expect(joinB.people.map((p: { userId: string }) => p.userId).sort()).toEqual([facilitator.id, participant.id].sort());

    await waitFor(() => seenByA.length === 2, (check) => (a.on("presence.updated", check), () => a.off("presence.updated", check)), "A sees B");
    expect(seenByA.find((p) => p.userId === participant.id)).toMatchObject({ language: "es", role: "participant" });

    expect((await emitAck(b, "presence.setLanguage", { workshopId, language: "en" })).ok).toBe(true);
    await waitFor(
      () => seenByA.find((p) => p.userId === participant.id)?.language === "en",
      (check) => (a.on("presence.updated", check), () => a.off("presence.updated", check)),
      "language change",
    );

    b.disconnect();
    await waitFor(() => seenByA.length === 1, (check) => (a.on("presence.updated", check), () => a.off("presence.updated", check)), "B leaves");
  });

  it("refuses a handshake without credentials", async () => {
    const anonymous = track(new TestUser(server, "anon").socket());
    const err = await refusal(anonymous);
    expect(err.data?.code).toBe("unauthenticated");
  });

  it("refuses a non-member at the handshake when the workshop is named", async () => {
    const { workshopId, outsider } = await workshopWithMembers(server);
    const err = await refusal(track(outsider.socket({ workshopId })));
    expect(err.data?.code).toBe("not_found");
  });

  it("refuses a non-member who tries to join the room", async () => {
    const { workshopId, outsider, facilitator } = await workshopWithMembers(server);
    const inside = track(facilitator.socket());
    const outside = track(outsider.socket());
    await Promise.all([connected(inside), connected(outside)]);
    await emitAck(inside, "workshop.join", { workshopId });
    const ack = await emitAck(outside, "workshop.join", { workshopId });
    expect(ack).toEqual({ ok: false, error: { code: "not_found", message: "workshop not found" } });
    const leaks: unknown[] = [];
    outside.on("presence.updated", (e) => leaks.push(e));
    await emitAck(inside, "presence.setLanguage", { workshopId, language: "es" });
    // The outsider's own round-trip proves the server has handled everything sent before it.
    await emitAck(outside, "workshop.leave", { workshopId });
    expect(leaks).toEqual([]);
  });

  it("answers malformed payloads with validation_failed", async () => {
    const { facilitator, workshopId } = await workshopWithMembers(server);
    const socket = track(facilitator.socket());
    await connected(socket);
    for (const payload of [null, "text", { workshopId: 42 }, { workshopId: "../../etc" }]) {
      const ack = await emitAck(socket, "workshop.join", payload);
      expect(ack.ok).toBe(false);
      expect(ack.error.code).toBe("validation_failed");
    }
    const badLanguage = await emitAck(socket, "presence.setLanguage", { workshopId, language: "zz" });
    expect(badLanguage.error.code).toBe("validation_failed");
  });

  it("tells the room when a facilitator changes a member's role", async () => {
    const { workshopId, facilitator, participant } = await workshopWithMembers(server);
    const socket = track(participant.socket());
    await connected(socket);
    await emitAck(socket, "workshop.join", { workshopId });
    const notices: unknown[] = [];
    socket.on("members.updated", (e) => notices.push(e));
    await facilitator.patch(`/api/workshops/${workshopId}/members/${participant.id}`, { role: "host" });
    await waitFor(() => notices.length === 1, (check) => (socket.on("members.updated", check), () => socket.off("members.updated", check)), "notice");
    expect(notices[0]).toEqual({ workshopId });
  });
});
