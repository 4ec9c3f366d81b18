// Benchmark: the synthesis server under load, measured from outside against the bare
// @y/websocket-server 0.1.1, both in child processes of the same run, driven by the same
// client harness (raw y-protocol connections for bursts, official WebsocketProviders to read
// back and to type).
//
// - B4 (automerge-paper, one connection): every update sent at once; time until all are
//   echoed and until a fresh official client reads the document equal.
// - A concurrent trace of our own: agents type and merge each other's edits, then all their
//   updates are replayed at once, one connection each.
// - During both bursts another member makes HTTP requests one after another: worst latency.
// - 10 official clients type 5 edits/s each: local edit → seen by each other client.
// - Navette's RSS across 100 documents opened, closed and left to unload.
// Server CPU is read from /proc. BENCH_TRACE_OPS=<n> cuts B4 (see bench/synthesis.ts),
// BENCH_TYPING_SECONDS (default 20) shortens the typing run, BENCH_AGENTS (default 3) and
// BENCH_AGENT_OPS (default 9000) shape the concurrent trace.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { get } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { synthesisDocName, synthesisFragment } from "../shared/synthesis.js";
import { workshopWithMembers, type TestUser } from "../tests/helpers/clients.js";
import { rawYjsClient } from "../tests/helpers/raw-yjs.js";
import { buildUpdates, loadTrace } from "./synthesis.js";

interface Target {
  name: string;
  child: ChildProcess;
  url: string;
  wsBase: string;
  headers: Record<string, string>;
  /** A fresh, empty document. */
  newDocument(): Promise<string>;
  /** Another member's request, as the bursts' neighbour. */
  probe(): Promise<void>;
}

const idleMs = 2_000;

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function waitForLine(child: ChildProcess, test: (line: string) => boolean): Promise<string> {
  const lines = createInterface({ input: child.stdout! });
  return new Promise((done, fail) => {
    child.once("exit", (code) => fail(new Error(`server exited with ${code}`)));
    lines.on("line", (line) => test(line) && done(line));
  });
}

async function startNavette(dataDir: string): Promise<Target> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/server-process.ts"], {
    env: { ...process.env, DATA_DIR: dataDir, NAVETTE_DEMO: "0", AUTH_RATE_LIMIT: "10000", DOC_IDLE_MS: String(idleMs), TRANSLATION_PROVIDER: "none" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const { port } = JSON.parse(await waitForLine(child, (line) => line.startsWith("{"))) as { port: number };
  const address = { url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}` };
  const { facilitator, participant } = await workshopWithMembers(address);
  return {
    name: "Navette",
    child,
    url: address.url,
    wsBase: `${address.wsUrl}/yjs`,
    headers: { cookie: facilitator.cookie },
    async newDocument() {
      const created = await facilitator.post("/api/workshops", { title: "Bench", languages: ["fr"], readingGrid: [{ text: "?" }] });
      return synthesisDocName(created.body.workshop.id as string);
    },
    probe: () => probe(`${address.url}/api/workshops`, { cookie: (participant as TestUser).cookie }),
  };
}

async function startBare(): Promise<Target> {
  const port = await freePort();
  // Its ES modules, so it shares the one yjs of the tree.
  const child = spawn(process.execPath, ["node_modules/@y/websocket-server/src/server.js"], {
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await waitForLine(child, (line) => line.includes("running at"));
  let next = 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    name: "bare @y/websocket-server 0.1.1",
    child,
    url,
    wsBase: `ws://127.0.0.1:${port}`,
    headers: {},
    newDocument: async () => `bench-${process.pid}-${++next}`,
    probe: () => probe(url, {}),
  };
}

/** One GET on a connection of its own (a kept-alive one may be reset while the server is starved). */
function probe(url: string, headers: Record<string, string>): Promise<void> {
  return new Promise((done, fail) => {
    const request = get(url, { headers, agent: false }, (res) => {
      res.resume();
      res.on("end", () => (res.statusCode === 200 ? done() : fail(new Error(`GET ${url} answered ${res.statusCode}`))));
    });
    request.on("error", fail);
  });
}

async function stop(target: Target): Promise<void> {
  if (target.child.exitCode !== null) return;
  const exited = new Promise((done) => target.child.once("exit", done));
  target.child.kill("SIGTERM");
  await exited;
}

/** User + system CPU of a process so far, in ms (Linux). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"))!;
  return Number(line.split(/\s+/)[1]) / 1024;
}

function officialClient(target: Target, docName: string, doc = new Y.Doc()): WebsocketProvider {
  const headers = target.headers;
  class HeaderWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  return new WebsocketProvider(target.wsBase, docName, doc, { WebSocketPolyfill: HeaderWebSocket as unknown as typeof globalThis.WebSocket, disableBc: true });
}

const textOf = (doc: Y.Doc) => doc.getXmlFragment(synthesisFragment).toString();

/**
 * Resolves once a fresh official client has synced and reads `expected`. Checked every 20 ms,
 * not on each update: reading the whole text per update of a burst would starve this process.
 */
async function freshClientReads(target: Target, docName: string, expected: string): Promise<void> {
  const doc = new Y.Doc();
  const provider = officialClient(target, docName, doc);
  await new Promise<void>((done) => {
    const check = () => (provider.synced && textOf(doc) === expected ? done() : setTimeout(check, 20));
    check();
  });
  provider.destroy();
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

interface BurstResult {
  echoed: number;
  equal: number;
  cpu: number;
  httpP50: number;
  httpWorst: number;
  closed: number;
}

/**
 * Sends each connection's updates at once. Once the sockets have handed everything to the
 * kernel, a fresh official client connects and waits until it reads `expected`. With one
 * connection, the time until it has every update back is measured too (with several, a bare
 * server merges updates whose dependencies arrive late, so echoes cannot be counted).
 */
async function burst(target: Target, perConnection: Uint8Array[][], expected: string): Promise<BurstResult> {
  const docName = await target.newDocument();
  const clients = await Promise.all(perConnection.map(() => rawYjsClient(`${target.wsBase}/${docName}`, target.headers, { keep: false })));
  const cpuBefore = cpuMs(target.child.pid!);
  const start = performance.now();
  for (const [i, updates] of perConnection.entries()) for (const update of updates) clients[i]!.send(update);
  let echoedAt = NaN;
  const echoed = perConnection.length === 1 ? clients[0]!.receivedAtLeast(perConnection[0]!.length).then(() => (echoedAt = performance.now() - start)) : Promise.resolve();
  const finished = (async () => {
    while (clients.some((c) => c.ws.bufferedAmount > 0 && !c.closed)) await new Promise((done) => setTimeout(done, 5));
    await Promise.all([echoed, freshClientReads(target, docName, expected)]);
    return performance.now() - start;
  })();
  let done = false;
  const settled = finished.then(
    (at) => ((done = true), at),
    (error: unknown) => ((done = true), Promise.reject(error)),
  );
  const latencies: number[] = [];
  while (!done) {
    const asked = performance.now();
    await target.probe();
    latencies.push(performance.now() - asked);
  }
  const equal = await settled.catch(() => NaN);
  const cpu = cpuMs(target.child.pid!) - cpuBefore;
  const closed = clients.filter((c) => c.closed).length;
  await Promise.all(clients.map((c) => c.close()));
  return { echoed: echoedAt, equal, cpu, httpP50: percentile(latencies, 50), httpWorst: Math.max(...latencies), closed };
}

/**
 * Agents typing in one paragraph at once: each types at its own cursor and merges the others'
 * edits every few keystrokes, so later edits build on concurrent ones. Returns each agent's
 * updates in the order it made them, and the text all converge to.
 */
function concurrentTrace(agents: number, opsPerAgent: number): { perAgent: Uint8Array[][]; expected: string } {
  let seed = 11;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const start = new Y.Doc();
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.setAttribute("blockId", "bench-concurrent");
  paragraph.insert(0, [new Y.XmlText()]);
  start.getXmlFragment(synthesisFragment).insert(0, [paragraph]);
  const initial = Y.encodeStateAsUpdate(start);
  const docs = Array.from({ length: agents }, () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, initial);
    return doc;
  });
  const perAgent: Uint8Array[][] = docs.map(() => []);
  perAgent[0]!.push(initial);
  docs.forEach((doc, i) => doc.on("update", (update: Uint8Array, origin: unknown) => origin !== "merge" && perAgent[i]!.push(update)));
  const cursors = docs.map(() => 0);
  const textIn = (doc: Y.Doc) => (doc.getXmlFragment(synthesisFragment).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  for (let op = 0; op < agents * opsPerAgent; op++) {
    const i = Math.floor(random() * agents);
    const text = textIn(docs[i]!);
    if (random() < 0.05) cursors[i] = Math.floor(random() * (text.length + 1));
    cursors[i] = Math.min(cursors[i]!, text.length);
    if (random() < 0.25 && cursors[i]! > 0) text.delete(--cursors[i]!, 1);
    else text.insert(cursors[i]!++, "etaoin shrdlu"[Math.floor(random() * 13)]!);
    if (op % 25 === 24) {
      const j = Math.floor(random() * agents);
      if (j !== i) Y.applyUpdate(docs[i]!, Y.encodeStateAsUpdate(docs[j]!, Y.encodeStateVector(docs[i]!)), "merge");
    }
  }
  const merged = new Y.Doc();
  for (const updates of perAgent) for (const update of updates) Y.applyUpdate(merged, update);
  return { perAgent, expected: textOf(merged) };
}

/** Ten official clients each typing `perSecond` characters a second into their own paragraph. */
async function typing(target: Target, clients: number, perSecond: number, seconds: number): Promise<{ p50: number; p99: number; samples: number; closed: number }> {
  const docName = await target.newDocument();
  const typists = Array.from({ length: clients }, () => {
    const doc = new Y.Doc();
    return { doc, provider: officialClient(target, docName, doc), line: null as Y.XmlText | null };
  });
  await Promise.all(typists.map(({ provider }) => new Promise<void>((done) => provider.once("sync", () => done()))));
  let closed = 0;
  const countClose = () => closed++;
  for (const { provider } of typists) provider.on("connection-close", countClose);
  for (const t of typists) {
    t.line = new Y.XmlText();
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [t.line]);
    const fragment = t.doc.getXmlFragment(synthesisFragment);
    fragment.insert(fragment.length, [paragraph]);
  }
  // Every client has every paragraph before the clock starts.
  await Promise.all(typists.map(({ doc }) => new Promise<void>((done) => {
    const check = () => doc.getXmlFragment(synthesisFragment).length >= clients && done();
    check();
    doc.on("update", check);
  })));

  /** When each (client id, clock) was typed, and how many other clients have yet to see it. */
  const typed = new Map<string, { at: number; waiting: number }>();
  const samples: number[] = [];
  for (const { doc, provider } of typists) {
    doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin !== provider) return;
      const now = performance.now();
      for (const struct of Y.decodeUpdate(update).structs) {
        for (let clock = struct.id.clock; clock < struct.id.clock + struct.length; clock++) {
          const key = `${struct.id.client}:${clock}`;
          const edit = typed.get(key);
          if (!edit) continue;
          samples.push(now - edit.at);
          if (--edit.waiting === 0) typed.delete(key);
        }
      }
    });
  }
  const timers = typists.map(({ doc, line }, i) => {
    const tick = () => {
      typed.set(`${doc.clientID}:${Y.getState(doc.store, doc.clientID)}`, { at: performance.now(), waiting: clients - 1 });
      line!.insert(line!.length, "abcdefghij"[i]!);
    };
    // Spread over the period, so the ten do not type in the same millisecond.
    return setTimeout(() => timersById.set(i, setInterval(tick, 1000 / perSecond)), (i * 1000) / perSecond / clients);
  });
  const timersById = new Map<number, NodeJS.Timeout>();
  await new Promise((done) => setTimeout(done, seconds * 1000));
  timers.forEach((t) => clearTimeout(t));
  for (const t of timersById.values()) clearInterval(t);
  // The last keystrokes arrive.
  await new Promise<void>((done) => {
    const check = () => (typed.size === 0 ? done() : setTimeout(check, 50));
    check();
  });
  for (const { provider } of typists) {
    provider.off("connection-close", countClose);
    provider.destroy();
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), samples: samples.length, closed };
}

/**
 * RSS with nothing open, then after each of three rounds of 100 documents opened, written,
 * closed and left past the idle time: documents that stayed in memory would make it climb.
 */
async function memory(target: Target): Promise<{ before: number; open: number; rounds: number[] }> {
  const pid = target.child.pid!;
  const before = rssMb(pid);
  let open = 0;
  const rounds: number[] = [];
  for (let round = 0; round < 3; round++) {
    open = Math.max(open, await hundredDocuments(target));
    rounds.push(rssMb(pid));
  }
  return { before, open, rounds };
}

/** Opens 100 documents and writes in each, then closes them and waits past the idle time; returns the RSS while they were open. */
async function hundredDocuments(target: Target): Promise<number> {
  const pid = target.child.pid!;
  const opened: { provider: WebsocketProvider; doc: Y.Doc }[] = [];
  const filler = "Une synthèse de quelques paragraphes, pour que chaque document pèse un peu. ".repeat(20);
  for (let i = 0; i < 100; i++) {
    const doc = new Y.Doc();
    const provider = officialClient(target, await target.newDocument(), doc);
    await new Promise<void>((done) => provider.once("sync", () => done()));
    for (let p = 0; p < 10; p++) {
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText(filler)]);
      doc.getXmlFragment(synthesisFragment).insert(p, [paragraph]);
    }
    opened.push({ provider, doc });
  }
  const open = rssMb(pid);
  for (const { provider } of opened) provider.destroy();
  // Past the idle time, every document has left memory (the bare server drops it at once).
  await new Promise((done) => setTimeout(done, idleMs * 3));
  return open;
}

const fmt = (value: number) => (Number.isNaN(value) ? "—" : value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 2 : 0)} ms`);
const mb = (value: number) => `${value.toFixed(0)} MB`;
const rssRow = (m: { before: number; open: number; rounds: number[] }) => `${mb(m.before)} / ${mb(m.open)} / ${m.rounds.map(mb).join(", ")}`;
const ratio = (ours: number, peer: number) => (Number.isFinite(ours / peer) ? `${(ours / peer).toFixed(2)}×` : "—");

export async function run(): Promise<void> {
  const trace = loadTrace();
  const b4 = buildUpdates(trace);
  const b4Text = textOf(b4.doc);
  const agents = Number(process.env.BENCH_AGENTS ?? 3);
  const concurrent = concurrentTrace(agents, Number(process.env.BENCH_AGENT_OPS ?? 9_000));
  const concurrentCount = concurrent.perAgent.reduce((n, u) => n + u.length, 0);
  const typingSeconds = Number(process.env.BENCH_TYPING_SECONDS ?? 20);
  console.log(`Yjs server under load — B4: ${trace.name}, ${b4.updates.length.toLocaleString("en")} transactions; concurrent: ${agents} agents, ${concurrentCount.toLocaleString("en")} transactions`);

  const dataDir = mkdtempSync(join(tmpdir(), "navette-bench-yjs-"));
  let runs = 0;
  const results: Record<string, { b4: BurstResult; concurrent: BurstResult; typing: Awaited<ReturnType<typeof typing>>; memory: Awaited<ReturnType<typeof memory>> }> = {};
  try {
    // Each measure on a fresh server process, so none inherits another's heap.
    for (const [name, start] of [
      ["bare @y/websocket-server 0.1.1", startBare],
      ["Navette", () => startNavette(join(dataDir, String(++runs)))],
    ] as const) {
      const on = async <T>(label: string, measure: (target: Target) => Promise<T>): Promise<T> => {
        process.stdout.write(`  ${name}: ${label}…\n`);
        const target = await start();
        try {
          return await measure(target);
        } finally {
          await stop(target);
        }
      };
      results[name] = {
        b4: await on("B4", (t) => burst(t, [b4.updates], b4Text)),
        concurrent: await on("concurrent", (t) => burst(t, concurrent.perAgent, concurrent.expected)),
        typing: await on("typing", (t) => typing(t, 10, 5, typingSeconds)),
        memory: await on("memory", memory),
      };
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }

  const [bare, ours] = [results["bare @y/websocket-server 0.1.1"]!, results.Navette!];
  const rows: [string, string, string, string][] = [
    [`B4, ${b4.updates.length.toLocaleString("en")} tx over one connection: all echoed`, fmt(bare.b4.echoed), fmt(ours.b4.echoed), ratio(ours.b4.echoed, bare.b4.echoed)],
    ["B4: a fresh official client reads it equal", fmt(bare.b4.equal), fmt(ours.b4.equal), ratio(ours.b4.equal, bare.b4.equal)],
    ["B4: server CPU", fmt(bare.b4.cpu), fmt(ours.b4.cpu), ratio(ours.b4.cpu, bare.b4.cpu)],
    ["B4: another member's HTTP request, p50 / worst", `${fmt(bare.b4.httpP50)} / ${fmt(bare.b4.httpWorst)}`, `${fmt(ours.b4.httpP50)} / ${fmt(ours.b4.httpWorst)}`, ratio(ours.b4.httpWorst, bare.b4.httpWorst)],
    [`concurrent, ${agents} agents, ${concurrentCount.toLocaleString("en")} tx: a fresh client reads it equal`, fmt(bare.concurrent.equal), fmt(ours.concurrent.equal), ratio(ours.concurrent.equal, bare.concurrent.equal)],
    ["concurrent: server CPU", fmt(bare.concurrent.cpu), fmt(ours.concurrent.cpu), ratio(ours.concurrent.cpu, bare.concurrent.cpu)],
    ["concurrent: another member's HTTP request, p50 / worst", `${fmt(bare.concurrent.httpP50)} / ${fmt(bare.concurrent.httpWorst)}`, `${fmt(ours.concurrent.httpP50)} / ${fmt(ours.concurrent.httpWorst)}`, ratio(ours.concurrent.httpWorst, bare.concurrent.httpWorst)],
    ["connections closed during the bursts", String(bare.b4.closed + bare.concurrent.closed), String(ours.b4.closed + ours.concurrent.closed), "—"],
    [`10 official clients typing 5/s for ${typingSeconds} s: edit → seen, p50`, fmt(bare.typing.p50), fmt(ours.typing.p50), ratio(ours.typing.p50, bare.typing.p50)],
    [`same, p99 (${ours.typing.samples.toLocaleString("en")} samples)`, fmt(bare.typing.p99), fmt(ours.typing.p99), ratio(ours.typing.p99, bare.typing.p99)],
    ["typing: connections closed", String(bare.typing.closed), String(ours.typing.closed), "—"],
    ["RSS: idle / 100 documents open (peak) / after each of 3 rounds closed", rssRow(bare.memory), rssRow(ours.memory), "—"],
  ];
  const header: [string, string, string, string] = ["work", "bare server", "Navette", "ratio"];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, c) => cell.padEnd(widths[c]!)).join(" | ")} |`;
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const row of rows) console.log(line(row));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await run();
