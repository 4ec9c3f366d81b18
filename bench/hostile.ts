// Floods from one client, measured from outside the server: while one socket sends 1,000
// presence changes to a room of 400 sockets, or one participant sends 500 posts at once, or an
// observer sends 200 awareness updates holding 5,000 made-up client ids each, how long does
// another member wait for an HTTP answer, and what does the server's memory do? Beside a bare
// Socket.IO server (acks and tells the room, nothing else) measured in the same run with the
// same clients.
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as encoding from "lib0/encoding";
import { io, type Socket } from "socket.io-client";
import WebSocket from "ws";
import { richTextFromPlain } from "../shared/richtext.js";
import { synthesisDocName } from "../shared/synthesis.js";
import { startChildServer, type ChildServer } from "../tests/helpers/child-server.js";
import { emitAck, invite, TestUser, workshopWithMembers } from "../tests/helpers/clients.js";

const ROOM = 400;
const PRESENCE_FLOOD = 1000;
const POST_FLOOD = 500;
const AWARENESS_MESSAGES = 200;
const AWARENESS_IDS = 5000;

const rssMb = (pid: number) => {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
  return Number(line?.split(/\s+/)[1] ?? 0) / 1024;
};
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};
const settle = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Another member's HTTP requests, one after the other, while `work` runs; with RSS samples. */
async function whileProbing(probe: () => Promise<unknown>, pid: number, work: () => Promise<void>) {
  const latencies: number[] = [];
  let peakRss = rssMb(pid);
  let running = true;
  const prober = (async () => {
    while (running) {
      const started = performance.now();
      await probe();
      latencies.push(performance.now() - started);
      peakRss = Math.max(peakRss, rssMb(pid));
      await settle(10);
    }
  })();
  const started = performance.now();
  await work();
  const took = performance.now() - started;
  running = false;
  await prober;
  return { took, p50: quantile(latencies, 0.5), worst: Math.max(...latencies), peakRss };
}

function connect(url: string, options: { cookie?: string; workshopId?: string } = {}): Promise<Socket> {
  const socket = io(url, { transports: ["websocket"], extraHeaders: options.cookie ? { cookie: options.cookie } : {}, reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once("connect_error", reject);
    socket.once("connect", async () => {
      if (options.workshopId) await emitAck(socket, "workshop.join", { workshopId: options.workshopId });
      resolve(socket);
    });
  });
}

interface Row {
  target: string;
  scenario: string;
  accepted: string;
  took: number;
  p50: number;
  worst: number;
  rssBefore: number;
  rssPeak: number;
  rssAfter: number;
}

/** A Navette server: a workshop with a room of 400 sockets over 40 members. */
async function floodNavette(label: string): Promise<Row[]> {
  const dataDir = mkdtempSync(join(tmpdir(), "navette-bench-hostile-"));
  const server: ChildServer = await startChildServer(dataDir, { AUTH_RATE_LIMIT: "100000" });
  const rows: Row[] = [];
  try {
    const pid = server.child.pid!;
    const { workshopId, facilitator, participant, observer } = await workshopWithMembers(server);
    await facilitator.patch(`/api/workshops/${workshopId}/sequences/illustrate`, { status: "open" });
    await facilitator.patch(`/api/workshops/${workshopId}/sequences/debate`, { status: "open" });
    const members: TestUser[] = [];
    for (let i = 0; i < 40; i++) {
      const member = await new TestUser(server, `room-${i}-${label}@bench.navette`, "a long bench password").register(`Membre ${i}`);
      await invite(facilitator, workshopId, member, "participant");
      members.push(member);
    }
    const probe = () => facilitator.get(`/api/workshops/${workshopId}`);
    const room: Socket[] = [];
    for (let i = 0; i < ROOM; i++) room.push(await connect(server.url, { cookie: members[i % members.length]!.cookie, workshopId }));
    const flooder = await connect(server.url, { cookie: participant.cookie, workshopId });
    await settle(1000);

    const measure = async (scenario: string, work: () => Promise<string>) => {
      const rssBefore = rssMb(pid);
      let accepted = "";
      try {
        const m = await whileProbing(probe, pid, async () => void (accepted = await work()));
        await settle(1500);
        rows.push({ target: label, scenario, accepted, ...m, rssBefore, rssPeak: m.peakRss, rssAfter: rssMb(pid) });
      } catch (error) {
        // A server that does not survive a flood: that is a figure too.
        const alive = server.child.exitCode === null && server.child.signalCode === null;
        rows.push({ target: label, scenario, accepted: `failed: ${(error as Error).message}${alive ? "" : " (server exited)"}`, took: NaN, p50: NaN, worst: NaN, rssBefore, rssPeak: NaN, rssAfter: NaN });
      }
    };

    await measure(`${PRESENCE_FLOOD} presence.setLanguage into a room of ${ROOM}`, async () => {
      const acks = await Promise.all(Array.from({ length: PRESENCE_FLOOD }, (_, i) => emitAck(flooder, "presence.setLanguage", { workshopId, language: i % 2 ? "en" : "es" })));
      return `${acks.filter((a) => a.ok).length}/${PRESENCE_FLOOD}`;
    });

    const thread = (await facilitator.post(`/api/workshops/${workshopId}/threads`, { title: "Fil", body: richTextFromPlain("Ouverture") })).body;
    await measure(`${POST_FLOOD} post.create from one participant`, async () => {
      const acks = await Promise.all(Array.from({ length: POST_FLOOD }, (_, i) => emitAck(flooder, "post.create", { workshopId, threadId: thread.thread.id, body: richTextFromPlain(`message ${i}`) })));
      return `${acks.filter((a) => a.ok).length}/${POST_FLOOD}`;
    });

    for (const socket of room) socket.disconnect();
    flooder.disconnect();
    await settle(1500);
    await measure(`${AWARENESS_MESSAGES} awareness × ${AWARENESS_IDS} ids from an observer`, () => awarenessFlood(server, observer, synthesisDocName(workshopId)));
  } finally {
    await server.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}

/** Sends the awareness flood over one Yjs connection, then closes it. */
function awarenessFlood(server: ChildServer, observer: TestUser, docName: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.wsUrl}/yjs/${docName}`, { headers: { cookie: observer.cookie } });
    ws.on("error", reject);
    ws.on("open", async () => {
      for (let m = 0; m < AWARENESS_MESSAGES; m++) {
        const update = encoding.createEncoder();
        encoding.writeVarUint(update, AWARENESS_IDS);
        for (let i = 0; i < AWARENESS_IDS; i++) {
          encoding.writeVarUint(update, 1_000_000 + i);
          encoding.writeVarUint(update, m + 1);
          encoding.writeVarString(update, JSON.stringify({ user: { name: `fake ${i}` }, cursor: m }));
        }
        const message = encoding.createEncoder();
        encoding.writeVarUint(message, 1);
        encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
        ws.send(encoding.toUint8Array(message));
      }
      await settle(2000);
      ws.close();
      resolve("sent");
    });
  });
}

async function floodBarePeer(): Promise<Row[]> {
  const server = await startChildServer(mkdtempSync(join(tmpdir(), "navette-bench-peer-")), {}, { script: "bench/peers/bare-socket-server.ts" });
  const rows: Row[] = [];
  try {
    const pid = server.child.pid!;
    const room: Socket[] = [];
    for (let i = 0; i < ROOM; i++) room.push(await connect(server.url));
    const flooder = await connect(server.url);
    await settle(1000);
    for (const [scenario, event, count] of [
      [`${PRESENCE_FLOOD} presence.setLanguage into a room of ${ROOM}`, "presence.setLanguage", PRESENCE_FLOOD],
      [`${POST_FLOOD} post.create from one participant`, "post.create", POST_FLOOD],
    ] as const) {
      const rssBefore = rssMb(pid);
      let accepted = "";
      const m = await whileProbing(() => fetch(`${server.url}/api/workshops/x`).then((r) => r.text()), pid, async () => {
        const acks = await Promise.all(Array.from({ length: count }, () => emitAck(flooder, event, { language: "en" })));
        accepted = `${acks.filter((a) => a.ok).length}/${count}`;
      });
      await settle(1500);
      rows.push({ target: "bare Socket.IO", scenario, accepted, ...m, rssBefore, rssPeak: m.peakRss, rssAfter: rssMb(pid) });
    }
    for (const socket of room) socket.disconnect();
    flooder.disconnect();
  } finally {
    await server.kill();
  }
  return rows;
}

export async function run(): Promise<void> {
  const rows = [...(await floodBarePeer()), ...(await floodNavette("Navette"))];
  const f = (n: number) => (Number.isNaN(n) ? "—" : n.toFixed(1));
  console.log("| server | flood | accepted | flood took ms | another member's GET p50 ms | worst ms | server RSS MB before → peak → after |");
  console.log("|---|---|---|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.target} | ${r.scenario} | ${r.accepted} | ${f(r.took)} | ${f(r.p50)} | ${f(r.worst)} | ${f(r.rssBefore)} → ${f(r.rssPeak)} → ${f(r.rssAfter)} |`);
  const peer = rows.filter((r) => r.target === "bare Socket.IO");
  for (const r of rows.filter((x) => x.target === "Navette")) {
    const same = peer.find((p) => p.scenario === r.scenario);
    if (same) console.log(`${r.scenario}: another member's worst GET ${(r.worst / same.worst).toFixed(3)}× the bare peer's; the flood took ${(r.took / same.took).toFixed(3)}× as long`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run();
