// Writes sent again with the same Idempotency-Key are done once: a retry after a lost answer
// (or a queue of contributions written offline) never posts twice.
import { describe, expect, it } from "vitest";
import { allPages, doc, expectError, openAll, serverForFile, setSequences } from "../helpers/contributions.js";
import { workshopWithMembers, type TestUser } from "../helpers/clients.js";

const running = serverForFile();

async function thread() {
  const members = await workshopWithMembers(running.server);
  await openAll(members.facilitator, members.workshopId);
  const base = `/api/workshops/${members.workshopId}`;
  const created = await members.host.post(`${base}/threads`, { title: "Des lieux pour se parler", body: doc("Où se parler ?") });
  const posts = `${base}/threads/${created.body.thread.id}/posts`;
  const reply = (user: TestUser, text: string, key?: string) => user.request("POST", posts, { body: doc(text) }, key ? { "Idempotency-Key": key } : {});
  const stored = async () => (await allPages<{ body: unknown }>(members.host, posts)).length;
  return { ...members, base, posts, reply, stored };
}

describe("idempotent writes", () => {
  it("stores a reply sent twice with one key once, and gives the first answer again", async () => {
    const { participant, reply, stored } = await thread();
    const before = await stored();
    const first = await reply(participant, "Dans les conseils de développement.", "reply-0001-abcd");
    expect(first.status).toBe(201);
    const again = await reply(participant, "Dans les conseils de développement.", "reply-0001-abcd");
    expect(again.status).toBe(201);
    expect(again.headers?.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(await stored()).toBe(before + 1);

    // Two copies at the same moment: one runs; the other waits its turn or gets the answer.
    const [a, b] = await Promise.all([reply(participant, "Et au marché.", "reply-0002-abcd"), reply(participant, "Et au marché.", "reply-0002-abcd")]);
    expect([a.status, b.status].sort()).toEqual(a.status === b.status ? [201, 201] : [201, 409]);
    if (a.status !== b.status) expectError(a.status === 409 ? a : b, 409, "idempotency_in_progress");
    expect(await stored()).toBe(before + 2);
  });

  it("keeps keys apart per account, refuses a key reused for another body, and checks the key's form", async () => {
    const { participant, host, reply, stored } = await thread();
    const before = await stored();
    expect((await reply(participant, "Première réponse.", "shared-key-0001")).status).toBe(201);
    expect((await reply(host, "Réponse de l'hôte.", "shared-key-0001")).status).toBe(201);
    expect(await stored()).toBe(before + 2);
    expectError(await reply(participant, "Un autre texte.", "shared-key-0001"), 422, "idempotency_key_reused");
    expectError(await reply(participant, "Clé trop courte.", "short"), 400, "validation_failed");
    expect(await stored()).toBe(before + 2);
  });

  it("gives a refusal again as it was, and lets a write refused for a passing reason run on retry", async () => {
    const { participant, facilitator, workshopId, reply, stored } = await thread();
    const before = await stored();
    await setSequences(facilitator, workshopId, [["debate", "closed"]]);
    expectError(await reply(participant, "Trop tard ?", "closed-0001-key"), 409, "sequence_closed");
    await setSequences(facilitator, workshopId, [["debate", "open"]]);
    // The same request with the same key: the refusal stands, as the first answer did.
    expectError(await reply(participant, "Trop tard ?", "closed-0001-key"), 409, "sequence_closed");
    expect(await stored()).toBe(before);

    // Signed out, the answer is 401: not kept, so the same key works once signed in again.
    const signedOut = await participant.request("POST", "/api/auth/logout", {});
    expect(signedOut.status).toBeLessThan(300);
    expect((await reply(participant, "Après reconnexion.", "again-0001-key")).status).toBe(401);
    await participant.login();
    expect((await reply(participant, "Après reconnexion.", "again-0001-key")).status).toBe(201);
    expect(await stored()).toBe(before + 1);
  });

  it("writes down nothing of a write whose answer holds a secret shown once: each API token is new", async () => {
    const { participant } = await thread();
    const create = () => participant.request("POST", "/api/me/tokens", { name: "script", scope: "read" }, { "Idempotency-Key": "token-0001-key" });
    const [first, second] = [await create(), await create()];
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers?.get("idempotent-replayed")).toBeNull();
    expect(second.body.token.token).not.toBe(first.body.token.token);
    const kept = await running.server.storage.idempotency.claim({ userId: participant.id, key: "token-0001-key", fingerprint: "x", createdAt: new Date().toISOString() }, new Date(0).toISOString());
    expect(kept).toEqual({ kind: "claimed" });
  });

  it("documents the key on every write that takes one in the OpenAPI document", async () => {
    const { host } = await thread();
    const api = (await host.get("/api/openapi.json")).body as { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>> };
    const writes = Object.entries(api.paths).flatMap(([path, ops]) => Object.entries(ops).filter(([method]) => method !== "get").map(([, op]) => ({ path, op })));
    const documented = (op: { parameters?: { in: string; name: string }[] }) => op.parameters?.some((p) => p.in === "header" && p.name === "Idempotency-Key");
    expect(writes.length).toBeGreaterThan(30);
    for (const { path, op } of writes) expect(Boolean(documented(op)), path).toBe(!/^\/api\/(auth\/|me\/tokens|workshops\/\{workshopId\}\/invitations)/.test(path));
  });
});
