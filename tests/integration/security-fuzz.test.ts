// Fuzzing from outside with a seeded generator (so a failure replays): thousands of malformed
// WebSocket frames and y-protocol messages at /yjs/, signed in and not, and thousands of
// random paths and bodies at the HTTP API. The server must stay up, answer another client
// afterwards, answer no 5xx, and log no stack trace for any of it.
import * as encoding from "lib0/encoding";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { synthesisDocName } from "../../shared/synthesis.js";
import { TestUser, waitForSync, workshopWithMembers } from "../helpers/clients.js";
import { frame, rawUpgrade } from "../helpers/raw-websocket.js";
import { startServer } from "../helpers/server.js";

const seed = Number(process.env.FUZZ_SEED ?? 20261203);

/** mulberry32: small, fast, and the same sequence for the same seed. */
function generator(start: number) {
  let state = start >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const bytes = (length: number) => Uint8Array.from({ length }, () => int(256));
  return { next, int, pick, bytes };
}
type Random = ReturnType<typeof generator>;

/** A log that remembers every line, to look for errors and stack traces afterwards. */
function capturingLogger() {
  const lines: { level: number; msg: string; raw: string }[] = [];
  const logger = pino({ level: "warn" }, { write: (raw: string) => void lines.push({ ...JSON.parse(raw), raw }) });
  return { logger, lines };
}

/** Runs `count` jobs with at most `width` at a time. */
async function inParallel(count: number, width: number, job: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < count) await job(next++);
  }));
}

const varUint = (value: number) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, value);
  return encoding.toUint8Array(e);
};
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

/** One hostile thing to send after the handshake: raw bytes of one or more frames. */
function hostileFrame(r: Random): Buffer {
  switch (r.int(10)) {
    case 0: // a length field far beyond the limit
      return Buffer.from(concat(Uint8Array.of(0x82, 0xff), Uint8Array.from(Buffer.from((BigInt(16 * 1024 * 1024 + 1 + r.int(1 << 30))).toString(16).padStart(16, "0"), "hex")), r.bytes(4)));
    case 1: // a reserved opcode
      return frame(r.bytes(r.int(20)), { opcode: r.pick([3, 4, 5, 6, 7, 11, 12, 13, 14, 15]) });
    case 2: // an unmasked client frame
      return frame(r.bytes(r.int(20)), { mask: false });
    case 3: // reserved bits without an extension
      return frame(r.bytes(r.int(20)), { rsv: 1 + r.int(7) });
    case 4: // a control frame that is fragmented or too long
      return r.int(2) ? frame(r.bytes(4), { opcode: 9, fin: false }) : frame(r.bytes(126), { opcode: 9 });
    case 5: // a continuation with nothing to continue, or a text frame that is not UTF-8
      return r.int(2) ? frame(r.bytes(8), { opcode: 0 }) : frame(Uint8Array.of(0xc3, 0x28, 0xff), { opcode: 1 });
    default:
      return frame(hostileMessage(r));
  }
}

/** A y-websocket message that is not one: truncated varints, huge lengths, updates that do not decode. */
function hostileMessage(r: Random): Uint8Array {
  switch (r.int(8)) {
    case 0: // truncated varint
      return Uint8Array.from({ length: 1 + r.int(6) }, () => 0x80 | r.int(128));
    case 1: // a sync message declaring more bytes than it carries
      return concat(Uint8Array.of(0, r.int(3)), varUint(1000 + r.int(1 << 28)), r.bytes(r.int(10)));
    case 2: // an update that does not decode
      return concat(Uint8Array.of(0, 2), varUint(3 + r.int(40)), Uint8Array.of(1 + r.int(5)), r.bytes(2 + r.int(39)));
    case 3: // a state vector that does not decode
      return concat(Uint8Array.of(0, 0), varUint(5), Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff));
    case 4: // awareness bytes that are not awareness
      return concat(Uint8Array.of(1), varUint(8 + r.int(20)), r.bytes(8 + r.int(20)));
    case 5: // an unknown message type
      return concat(varUint(4 + r.int(1000)), r.bytes(r.int(10)));
    case 6: // an empty message
      return new Uint8Array(0);
    default: // noise
      return r.bytes(1 + r.int(64));
  }
}

describe("fuzzing the synthesis endpoint", () => {
  it("survives 5,000 malformed frames and messages, signed in and not, with no stack trace logged", async () => {
    const { logger, lines } = capturingLogger();
    const server = await startServer({ logger });
    try {
      const { workshopId, participant, facilitator } = await workshopWithMembers(server);
      const r = generator(seed);
      const docName = synthesisDocName(workshopId);
      const paths = [`/yjs/${docName}`, `/yjs/${docName}`, "/yjs/workshop/none/synthesis", "/yjs/%E0%A4%A", "/yjs/"];
      const cases = 5000;
      // Drawn before anything is sent, so the same seed sends the same cases in the same order.
      const planned = Array.from({ length: cases }, () => ({ path: r.pick(paths), signedIn: r.int(2) === 0, bytes: hostileFrame(r) }));
      let sent = 0;
      await inParallel(cases, 20, async (i) => {
        const { path, signedIn, bytes } = planned[i]!;
        const conn = await rawUpgrade(server, path, signedIn ? { cookie: participant.cookie } : {});
        conn.socket.write(bytes);
        sent++;
        // Not waiting long for a close frame when the server has none to send (a reset is an answer too).
        await Promise.race([conn.closeCode(), new Promise((done) => setTimeout(done, 2000))]);
        conn.close();
      });
      expect(sent).toBe(cases);

      const answered = await new TestUser(server, facilitator.email).login();
      const started = performance.now();
      expect((await answered.get("/api/health")).status).toBe(200);
      console.info(`yjs fuzz (seed ${seed}): ${sent} cases, another client answered in ${(performance.now() - started).toFixed(1)} ms afterwards`);
      const reader = answered.openDocument(docName);
      await waitForSync(reader);
      reader.destroy();
      expect((await server.app.storage.yjs.load(docName)).updates.every((u) => u.update.length > 0)).toBe(true);
      expect(lines.filter((l) => l.level >= 50 || l.raw.includes('"stack"'))).toEqual([]);
    } finally {
      await server.close({ wipe: true });
    }
  });
});

/** A value of any JSON shape, sometimes hostile (deep, long, prototype keys). */
function randomJson(r: Random, depth = 0): unknown {
  const kind = r.int(depth > 3 ? 5 : 9);
  switch (kind) {
    case 0: return null;
    case 1: return r.int(2) === 0;
    case 2: return r.pick([0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.5, 42]);
    case 3: return r.pick(["", "x".repeat(r.int(5000)), "é\u0000\ud800", "<script>alert(1)</script>", "../../etc/passwd", "%E0%A4%A", "fr", "draft", "agreed"]);
    case 4: return r.pick(["facilitator", "participant", "open", "closed", "supported", "2026-12-03T10:00:00Z"]);
    case 5: return Array.from({ length: r.int(6) }, () => randomJson(r, depth + 1));
    case 6: return { ...JSON.parse('{"__proto__": {"admin": true}}'), constructor: { prototype: { polluted: true } }, ...(randomJson(r, depth + 1) as object) };
    default: {
      const keys = ["title", "body", "status", "role", "language", "languages", "text", "type", "content", "readingGrid", "email", "password", "displayName", "name", "from", "stance", "threadId", "parentId", "answers", "baseVersion"];
      return Object.fromEntries(Array.from({ length: r.int(5) }, () => [r.pick(keys), randomJson(r, depth + 1)]));
    }
  }
}

/** Something to put where a path parameter goes. */
function randomSegment(r: Random, known: string[]): string {
  switch (r.int(6)) {
    case 0: return r.pick(known);
    case 1: return String(randomJson(r, 4)).slice(0, 200).replace(/[\ud800-\udfff]/g, "").replace(/[^A-Za-z0-9]/g, (c) => encodeURIComponent(c));
    case 2: return r.pick(["%E0%A4%A", "%", "%ZZ", "%00", "..", "%2e%2e", "current", "illustrate", "debate", "propose"]);
    case 3: return "a".repeat(1 + r.int(3000));
    default: return r.bytes(8).reduce((out, b) => out + b.toString(36), "");
  }
}

describe("fuzzing the HTTP API", () => {
  it("answers 5,000 random requests to every documented route with no 5xx and no stack trace", async () => {
    const { logger, lines } = capturingLogger();
    const server = await startServer({ logger });
    try {
      const { workshopId, facilitator, participant } = await workshopWithMembers(server);
      const openapi = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
      const routes = Object.entries(openapi.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ path, method: method.toUpperCase() })));
      expect(routes.length).toBeGreaterThan(50);
      const known = [workshopId, facilitator.id, participant.id, "fr", "es"];
      const r = generator(seed + 1);
      const statuses = new Map<number, number>();
      const fiveHundreds: string[] = [];
      const cases = 5000;
      // Drawn before anything is sent, so the same seed sends the same requests.
      const planned = Array.from({ length: cases }, () => {
        const route = r.int(10) === 0 ? { path: `/${randomSegment(r, known)}/${randomSegment(r, known)}`, method: r.pick(["GET", "POST", "DELETE"]) } : r.pick(routes);
        const path = route.path.replace(/\{[^}]+\}/g, () => randomSegment(r, known));
        const query = r.int(3) === 0 ? `?${r.pick(["limit", "cursor", "language", "q", "from", "to", "status"])}=${randomSegment(r, known)}` : "";
        const user = r.pick([facilitator, participant, null]);
        const headers: Record<string, string> = {};
        if (user) headers.cookie = user.cookie;
        let body: string | undefined;
        if (route.method !== "GET" && route.method !== "DELETE") {
          const form = r.int(6);
          body = form === 0 ? "{not json" : form === 1 ? "" : JSON.stringify(randomJson(r));
          headers["content-type"] = form === 2 ? "text/plain" : "application/json";
        }
        return { method: route.method, url: path + query, headers, body };
      });
      await inParallel(cases, 16, async (i) => {
        const { method, url, headers, body } = planned[i]!;
        const response = await fetch(server.url + url, { method, headers, body });
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500) fiveHundreds.push(`${method} ${url.slice(0, 200)} → ${response.status}`);
      });
      // The fuzz may well have logged these two out: another client signs in afresh.
      const another = await new TestUser(server, facilitator.email).login();
      const started = performance.now();
      expect((await another.get(`/api/workshops/${workshopId}`)).status).toBe(200);
      console.info(`http fuzz (seed ${seed + 1}): ${cases} requests over ${routes.length} routes; statuses ${JSON.stringify(Object.fromEntries(statuses))}; another client answered in ${(performance.now() - started).toFixed(1)} ms`);
      expect(fiveHundreds).toEqual([]);
      expect(lines.filter((l) => l.level >= 50 || l.raw.includes('"stack"'))).toEqual([]);
    } finally {
      await server.close({ wipe: true });
    }
  });
});
