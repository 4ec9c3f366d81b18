// Security of the HTTP API and Socket.IO: sessions that end everywhere, requests from other
// sites, floods, malformed paths, headers, and sign-in limits that protect accounts without
// locking out a room.
import { io } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { emitAck, TestUser, workshopWithMembers } from "../helpers/clients.js";
import { allPages, doc, expectError, inRoom, openAll, openSockets, recorder } from "../helpers/contributions.js";
import { startServer, type TestServer } from "../helpers/server.js";

const servers: TestServer[] = [];
afterEach(async () => {
  for (const socket of openSockets.splice(0)) socket.disconnect();
  for (const server of servers.splice(0)) await server.close({ wipe: true });
});
async function boot(options: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
  const server = await startServer(options);
  servers.push(server);
  return server;
}

/** Waits for a socket's disconnection and says why. */
const disconnected = (socket: ReturnType<TestUser["socket"]>) => new Promise<string>((resolve) => socket.once("disconnect", (reason) => resolve(reason)));

describe("a session that ends", () => {
  it("closes the sockets opened with it at logout, and no event of it is acknowledged afterwards", async () => {
    const server = await boot();
    const { workshopId, participant, facilitator } = await workshopWithMembers(server);
    await openAll(facilitator, workshopId);
    const thread = (await facilitator.post(`/api/workshops/${workshopId}/threads`, { title: "Un fil", body: doc("Ouverture") })).body;
    const otherDevice = await new TestUser(server, participant.email).login();
    const here = await inRoom(participant, workshopId);
    const there = await inRoom(otherDevice, workshopId);
    const gone = disconnected(here);

    expect((await participant.post("/api/auth/logout")).status).toBe(200);
    expect(await gone).toBe("io server disconnect");
    expect(here.connected).toBe(false);
    // The other device's session is untouched.
    const ack = await emitAck(there, "post.create", { workshopId, threadId: thread.thread.id, body: doc("Depuis l'autre appareil") });
    expect(ack.ok).toBe(true);
    // The ended session cannot come back.
    const again = participant.socket();
    openSockets.push(again);
    const refusal = await new Promise<any>((resolve) => again.once("connect_error", resolve));
    expect(refusal.data.code).toBe("unauthenticated");
  });

  it("closes the sockets opened with a token when it is revoked", async () => {
    const server = await boot();
    const { workshopId, participant } = await workshopWithMembers(server);
    const created = (await participant.post("/api/me/tokens", { name: "tableau de bord" })).body.token;
    const socket = io(server.url, { transports: ["websocket"], auth: { token: created.token }, reconnection: false, forceNew: true });
    openSockets.push(socket);
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    expect((await emitAck(socket, "workshop.join", { workshopId })).ok).toBe(true);
    const gone = disconnected(socket);
    expect((await participant.delete(`/api/me/tokens/${created.id}`)).status).toBe(200);
    expect(await gone).toBe("io server disconnect");
  });
});

describe("personal API tokens", () => {
  it("expire, and a read-only one reads over HTTP and in the live room but changes nothing", async () => {
    const server = await boot();
    const { workshopId, facilitator, participant } = await workshopWithMembers(server);
    await openAll(facilitator, workshopId);
    const threadId = (await facilitator.post(`/api/workshops/${workshopId}/threads`, { title: "Un fil", body: doc("Ouverture") })).body.thread.id;
    const created = (await participant.post("/api/me/tokens", { name: "lecture", scope: "read", expiresInDays: 7 })).body.token;
    expect(created).toMatchObject({ scope: "read" });
    expect(Date.parse(created.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    const bearer = { authorization: `Bearer ${created.token}` };
    const script = new TestUser(server, "script@test.navette");
    expect((await script.request("GET", `/api/workshops/${workshopId}`, undefined, bearer)).status).toBe(200);
    expectError(await script.request("POST", `/api/workshops/${workshopId}/threads/${threadId}/posts`, { body: doc("par script") }, bearer), 403, "forbidden");
    const socket = io(server.url, { transports: ["websocket"], auth: { token: created.token }, reconnection: false, forceNew: true });
    openSockets.push(socket);
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    expect((await emitAck(socket, "workshop.join", { workshopId })).ok).toBe(true);
    expect(await emitAck(socket, "post.create", { workshopId, threadId, body: doc("par socket") })).toMatchObject({ ok: false, error: { code: "forbidden" } });

    // A full token made before expiry existed keeps working; one past its date signs nobody in.
    const { hashSecret } = await import("../../server/ids.js");
    await server.app.storage.credentials.createApiToken({ id: "expired-token", userId: participant.id, name: "vieux", tokenHash: hashSecret("nvt_expired"), createdAt: "2026-01-01T00:00:00.000Z", lastUsedAt: null, scope: "write", expiresAt: "2026-02-01T00:00:00.000Z" });
    expectError(await script.request("GET", "/api/me", undefined, { authorization: "Bearer nvt_expired" }), 401, "unauthenticated");
  });
});

describe("requests from another site", () => {
  it("refuses a Socket.IO handshake whose Origin is another site, and accepts our own", async () => {
    const server = await boot();
    const { participant } = await workshopWithMembers(server);
    const evil = io(server.url, { transports: ["websocket"], extraHeaders: { cookie: participant.cookie, origin: "http://evil.example" }, reconnection: false, forceNew: true });
    openSockets.push(evil);
    const refused = await new Promise<Error>((resolve) => evil.once("connect_error", resolve));
    expect(refused).toBeInstanceOf(Error);
    expect(evil.connected).toBe(false);

    for (const origin of ["null", "garbage", "http://[::1", `https://127.0.0.1:${server.port}`]) {
      const odd = io(server.url, { transports: ["websocket"], extraHeaders: { cookie: participant.cookie, origin }, reconnection: false, forceNew: true });
      openSockets.push(odd);
      await new Promise((resolve) => odd.once("connect_error", resolve));
      expect(odd.connected, origin).toBe(false);
    }

    const ours = io(server.url, { transports: ["websocket"], extraHeaders: { cookie: participant.cookie, origin: server.url }, reconnection: false, forceNew: true });
    openSockets.push(ours);
    await new Promise<void>((resolve, reject) => {
      ours.once("connect", () => resolve());
      ours.once("connect_error", reject);
    });
  });

  it("refuses a body-less POST with the visitor's cookie from another site: supporting a proposal, accepting an invitation", async () => {
    const server = await boot();
    const { workshopId, facilitator, participant } = await workshopWithMembers(server);
    await openAll(facilitator, workshopId);
    const base = `/api/workshops/${workshopId}`;
    const proposal = (await facilitator.post(`${base}/proposals`, { title: "Un fonds commun", body: doc("Créer un fonds partagé") })).body.proposal;
    const invitation = (await facilitator.post(`${base}/invitations`, { role: "host" })).body.invitation;
    const newcomer = await new TestUser(server, "newcomer@test.navette").register("Nouvelle venue");

    for (const headers of [{ origin: "http://evil.example" }, { "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }, { origin: "null" }] as Record<string, string>[]) {
      expectError(await participant.request("POST", `${base}/proposals/${proposal.id}/support`, undefined, headers), 403, "bad_origin");
      expectError(await newcomer.request("POST", `/api/invitations/${invitation.token}/accept`, undefined, headers), 403, "bad_origin");
    }
    expect((await facilitator.get(`${base}/proposals/${proposal.id}`)).body.proposal.supportCount).toBe(0);
    expect((await newcomer.get(`${base}`)).status).toBe(404);

    // From our own page, the same requests go through.
    const own = { origin: server.url, "sec-fetch-site": "same-origin" };
    expect((await participant.request("POST", `${base}/proposals/${proposal.id}/support`, undefined, own)).status).toBe(200);
    expect((await newcomer.request("POST", `/api/invitations/${invitation.token}/accept`, undefined, own)).status).toBe(200);
  });
});

describe("floods", () => {
  // Buckets that barely refill, so what a flood gets through does not depend on how fast this machine is.
  const slowRefill = { config: { socketEventsPerSecond: 0.001, socketEventsBurst: 30 } };

  it("limits one socket's burst of presence changes, and the room hears one list per moment, not one per change", async () => {
    const server = await boot(slowRefill);
    const { workshopId, participant, observer } = await workshopWithMembers(server);
    const room = await Promise.all(Array.from({ length: 20 }, () => inRoom(observer, workshopId)));
    const flooder = await inRoom(participant, workshopId);
    const heard = recorder(room[0]!, "presence.updated");
    const acks = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => emitAck(flooder, "presence.setLanguage", { workshopId, language: i % 2 ? "en" : "es" })),
    );
    const refused = acks.filter((a) => !a.ok && a.error.code === "rate_limited").length;
    expect(refused).toBeGreaterThanOrEqual(1000 - 30); // one socket's burst
    expect(acks.filter((a) => a.ok).length + refused).toBe(1000);
    await heard.settle();
    expect(heard.seen.length).toBeLessThanOrEqual(acks.filter((a) => a.ok).length);
    // Another member is served normally afterwards.
    expect((await observer.get(`/api/workshops/${workshopId}`)).status).toBe(200);
    expect((await emitAck(room[1]!, "presence.setLanguage", { workshopId, language: "en" })).ok).toBe(true);
  });

  it("refuses most of 500 posts sent at once by one participant with rate_limited, and stores only those acknowledged", async () => {
    const server = await boot(slowRefill);
    const { workshopId, facilitator, participant } = await workshopWithMembers(server);
    await openAll(facilitator, workshopId);
    const threadId = (await facilitator.post(`/api/workshops/${workshopId}/threads`, { title: "Un fil", body: doc("Ouverture") })).body.thread.id;
    const sockets = [await inRoom(participant, workshopId), await inRoom(participant, workshopId)];
    const acks = await Promise.all(Array.from({ length: 500 }, (_, i) => emitAck(sockets[i % 2]!, "post.create", { workshopId, threadId, body: doc(`message ${i}`) })));
    const accepted = acks.filter((a) => a.ok).length;
    expect(accepted).toBeLessThanOrEqual(60 - 2); // the account's burst (less its two joins), whatever the number of sockets
    expect(acks.filter((a) => !a.ok).every((a) => a.error.code === "rate_limited")).toBe(true);
    const posts = await allPages(facilitator, `/api/workshops/${workshopId}/threads/${threadId}/posts`);
    expect(posts.length).toBe(accepted + 1);
  });

  it("answers an unknown event with an error instead of silence", async () => {
    const server = await boot();
    const { workshopId, participant } = await workshopWithMembers(server);
    const socket = await inRoom(participant, workshopId);
    const ack = await emitAck(socket, "no.such.event", { workshopId });
    expect(ack).toMatchObject({ ok: false, error: { code: "bad_request" } });
  });
});

describe("malformed requests and headers", () => {
  it("answers a bad percent-escape with 400, signed in or not, without a stack trace", async () => {
    const lines: string[] = [];
    const { pino } = await import("pino");
    const logger = pino({ level: "warn" }, { write: (line: string) => void lines.push(line) });
    const server = await boot({ logger });
    const { participant, workshopId } = await workshopWithMembers(server);
    for (const path of ["/api/workshops/%E0%A4%A/fiches", "/%E0%A4%A", `/api/workshops/${workshopId}/fiches/%ZZ`]) {
      for (const user of [participant, new TestUser(server, "anon@test.navette")]) {
        const res = await user.get(path);
        expect(res.status, path).toBeGreaterThanOrEqual(400);
        expect(res.status, path).toBeLessThan(500);
      }
    }
    expect(lines.filter((l) => l.includes("stack"))).toEqual([]);
  });

  it("sends no-store on API answers, no HSTS and no upgrade-insecure-requests over plain HTTP, and a connect-src of 'self'", async () => {
    const server = await boot();
    const res = await fetch(`${server.url}/api/health`);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("strict-transport-security")).toBeNull();
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/connect-src[^;]*ws:/);

    const secure = await boot({ config: { secureCookies: true } });
    const behindHttps = await fetch(`${secure.url}/api/health`);
    expect(behindHttps.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    expect(behindHttps.headers.get("strict-transport-security")).toContain("max-age=");
    // Behind a proxy that terminates HTTPS, the browser's origin is https://: its writes are our own.
    const httpsOrigin = `https://127.0.0.1:${secure.port}`;
    expect((await fetch(`${secure.url}/api/auth/logout`, { method: "POST", headers: { origin: httpsOrigin } })).status).toBe(200);
    expect((await fetch(`${secure.url}/api/auth/logout`, { method: "POST", headers: { origin: `http://127.0.0.1:${secure.port}` } })).status).toBe(403);
  });

  it("lists every client event in /api/events.json before any socket has connected", async () => {
    const server = await boot();
    const events = (await (await fetch(`${server.url}/api/events.json`)).json()) as { clientEvents: { event: string }[] };
    expect(events.clientEvents.map((e) => e.event)).toEqual(expect.arrayContaining(["workshop.join", "presence.setLanguage", "post.create", "proposal.support", "thread.read", "sequence.set"]));
  });

  it("builds each app's OpenAPI document from its own routes: a second app in the process documents the same, once", async () => {
    const document = async (server: TestServer) => (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const operations = (doc: { paths: Record<string, Record<string, unknown>> }) => Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`));
    const first = await document(await boot());
    const second = await document(await boot());
    expect(operations(second)).toEqual(operations(first));
    expect(new Set(operations(first)).size).toBe(operations(first).length);
    expect(operations(first)).toEqual(expect.arrayContaining(["post /api/workshops", "get /api/workshops/{workshopId}/synthesis/documents/{documentId}/export"]));
  });
});

describe("signing in from one room", () => {
  const roomLimits = { authRateLimitPerMinute: 100, accountFailures: 10, accountLockMinutes: 15 };

  it("lets 80 people sign in from one address within a minute", async () => {
    const server = await boot({ config: roomLimits });
    const people = await Promise.all(Array.from({ length: 80 }, (_, i) => new TestUser(server, `room-${i}@test.navette`).register(`Personne ${i}`)));
    const signIns = await Promise.all(people.map((p) => p.post("/api/auth/login", { email: p.email, password: p.password })));
    expect(signIns.map((r) => r.status)).toEqual(people.map(() => 200));
  });

  it("locks one account after 10 wrong passwords, and only that account", async () => {
    const server = await boot({ config: roomLimits });
    const target = await new TestUser(server, "target@test.navette").register("Cible");
    const neighbour = await new TestUser(server, "neighbour@test.navette").register("Voisine");
    for (let i = 0; i < 10; i++) expectError(await target.post("/api/auth/login", { email: target.email, password: `wrong ${i}` }), 401, "invalid_credentials");
    expectError(await target.post("/api/auth/login", { email: target.email, password: target.password }), 429, "account_locked");
    expectError(await target.post("/api/auth/login", { email: "TARGET@test.navette", password: target.password }), 429, "account_locked");
    expect((await neighbour.post("/api/auth/login", { email: neighbour.email, password: neighbour.password })).status).toBe(200);
  });

  it("does not trust X-Forwarded-For unless a proxy is configured", async () => {
    const server = await boot({ config: { ...roomLimits, authRateLimitPerMinute: 5, accountFailures: 1000 } });
    const user = await new TestUser(server, "guess@test.navette").register("Devinée");
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await user.request("POST", "/api/auth/login", { email: user.email, password: "nope nope" }, { "x-forwarded-for": `10.0.0.${i}` })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
  });

  it("refuses passwords that are short, common or made of one repeated pattern", async () => {
    const server = await boot();
    for (const password of ["12345678", "1234567890", "password123", "aaaaaaaaaaaa", "abababababab", "Motdepasse"]) {
      expectError(await new TestUser(server, `weak-${Math.random().toString(36).slice(2)}@test.navette`).post("/api/auth/register", { email: `w${Math.random().toString(36).slice(2)}@test.navette`, password, displayName: "Faible" }), 400, "validation_failed");
    }
  });
});
