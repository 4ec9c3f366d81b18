// Benchmark: a large synthesis built from a real editing trace, stored as the log of its
// updates. Measures the cold load (storage opened → official y-websocket client synced)
// before and after compaction, and the bytes stored, against a bare Y.Doc in memory.
//
// Trace: automerge-paper (B4 of the CRDT benchmarks; Martin Kleppmann's automerge-perf, via
// Joseph Gentle's editing-traces, CC BY 4.0), read from ../shared/traces/ or NAVETTE_TRACE.
// When absent, an equivalent trace of the same size is generated. It is never committed.
// BENCH_TRACE_OPS=<n> keeps only the first n edits, for a quick run (appending 260k updates
// durably, one at a time as the server does, takes about two minutes on an idle machine).
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";
import { pino } from "pino";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { createApp } from "../server/app.js";
import { createAuthService } from "../server/auth/index.js";
import { configFromEnv, type Config } from "../server/config.js";
import { newId, nowIso } from "../server/ids.js";
import { openSqliteStorage } from "../server/storage/sqlite/adapter.js";
import { synthesisDocName, synthesisFragment } from "../shared/synthesis.js";

export interface Trace {
  name: string;
  endContent: string;
  txns: { patches: [number, number, string][] }[];
}

const tracePath = process.env.NAVETTE_TRACE ?? resolve("../shared/traces/automerge-paper.json.gz");

/** A trace of the same shape as automerge-paper: ~260k one-character edits, mostly typing, some backspaces and jumps. */
function generatedTrace(): Trace {
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const letters = "eeeeettttaaaoooiiinnnsssrrhhlldcumfpgwybvkxjqz      ,.\n";
  const chars: string[] = [];
  const txns: Trace["txns"] = [];
  let cursor = 0;
  for (let i = 0; i < 259_778; i++) {
    if (random() < 0.02) cursor = Math.floor(random() * (chars.length + 1));
    if (random() < 0.298 && cursor > 0) {
      chars.splice(cursor - 1, 1);
      txns.push({ patches: [[--cursor, 1, ""]] });
    } else {
      const ch = letters[Math.floor(random() * letters.length)]!;
      chars.splice(cursor, 0, ch);
      txns.push({ patches: [[cursor++, 0, ch]] });
    }
  }
  return { name: "generated (automerge-paper not found)", endContent: chars.join(""), txns };
}

export function loadTrace(): Trace {
  const full: Trace = existsSync(tracePath)
    ? { name: "automerge-paper (M. Kleppmann, J. Gentle; CC BY 4.0)", ...(JSON.parse(gunzipSync(readFileSync(tracePath)).toString("utf8")) as Omit<Trace, "name">) }
    : generatedTrace();
  const limit = Number(process.env.BENCH_TRACE_OPS ?? 0);
  // A cut trace no longer ends with endContent: the replay's own text is the reference then.
  return limit > 0 ? { name: `${full.name}, first ${limit} edits`, endContent: "", txns: full.txns.slice(0, limit) } : full;
}

/** Replays the trace into one paragraph of a synthesis, one Yjs update per trace transaction. */
export function buildUpdates(trace: Trace): { updates: Uint8Array[]; doc: Y.Doc; length: number } {
  const doc = new Y.Doc({ gc: false });
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.setAttribute("blockId", "bench-block");
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  doc.getXmlFragment(synthesisFragment).insert(0, [paragraph]);
  for (const { patches } of trace.txns) {
    doc.transact(() => {
      for (const [position, deleted, inserted] of patches) {
        if (deleted > 0) text.delete(position, deleted);
        if (inserted) text.insert(position, inserted);
      }
    });
  }
  if (trace.endContent && text.toString() !== trace.endContent) throw new Error("the replayed trace does not end with its endContent");
  return { updates, doc, length: text.length };
}

const ms = (start: number) => performance.now() - start;
const seconds = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`);
const bytes = (value: number) => (value >= 1e6 ? `${(value / 1e6).toFixed(2)} MB` : `${(value / 1e3).toFixed(1)} kB`);
const ratio = (value: number, peer: number) => `${(value / peer).toFixed(1)}×`;

/** Median of three runs, each field apart: the machine's other work sways single runs. */
async function median<K extends string>(measure: () => Promise<Record<K, number>>): Promise<Record<K, number>> {
  const runs = [await measure(), await measure(), await measure()];
  const middle = (key: K) => runs.map((r) => r[key]).sort((a, b) => a - b)[1]!;
  return Object.fromEntries((Object.keys(runs[0]!) as K[]).map((key) => [key, middle(key)])) as Record<K, number>;
}

/**
 * Opens storage and the server as a fresh process would (`startup`), then times an official
 * client from connecting to synced (`sync`): the document's load from storage, the upgrade's
 * authorization and the y-websocket sync.
 */
async function coldLoad(config: Config, file: string, workshopId: string, token: string, expectedLength: number): Promise<{ startup: number; sync: number }> {
  const start = performance.now();
  const storage = openSqliteStorage(file);
  const app = createApp(config, storage, pino({ level: "silent" }));
  const port = await app.listen(0, "127.0.0.1");
  const startup = ms(start);
  const connecting = performance.now();
  const doc = new Y.Doc();
  // Tokens go in a header: the endpoint takes none from the URL, where logs would keep them.
  class TokenWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { authorization: `Bearer ${token}` } });
    }
  }
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/yjs`, synthesisDocName(workshopId), doc, {
    WebSocketPolyfill: TokenWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise<void>((done) => provider.on("sync", (synced: boolean) => synced && done()));
  const sync = ms(connecting);
  const text = (doc.getXmlFragment(synthesisFragment).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  if (text.length !== expectedLength) throw new Error(`the client received ${text.length} characters, not ${expectedLength}`);
  provider.destroy();
  await app.close();
  await storage.close();
  return { startup, sync };
}

export async function run(): Promise<void> {
  const trace = loadTrace();
  const operations = trace.txns.reduce((n, t) => n + t.patches.length, 0);
    const { updates, doc: built, length } = buildUpdates(trace);
  const encodedState = Y.encodeStateAsUpdate(built);
  console.log(`Synthesis storage and cold load — trace: ${trace.name}; ${operations.toLocaleString("en")} edits, ${length.toLocaleString("en")} characters at the end`);

  // Peers: the same history in a bare Y.Doc, in memory, measured right beside each of ours.
  const peerReplay = async () => {
    const start = performance.now();
    const replay = new Y.Doc({ gc: false });
    Y.transact(replay, () => updates.forEach((u) => Y.applyUpdate(replay, u)));
    return { apply: ms(start) };
  };
  const peerSnapshot = async () => {
    const start = performance.now();
    Y.applyUpdate(new Y.Doc({ gc: false }), encodedState);
    return { apply: ms(start) };
  };

  const dataDir = mkdtempSync(join(tmpdir(), "navette-bench-"));
  const file = join(dataDir, "navette.sqlite");
  const config: Config = { ...configFromEnv({}), dataDir, demo: false, docIdleMs: 3_600_000, docCompactAfter: Number.MAX_SAFE_INTEGER, logLevel: "silent" };
  try {
    // The document's history, appended to the log one update at a time as the server does.
    const storage = openSqliteStorage(file);
    const auth = createAuthService(storage, { sessionDays: 1 });
    const user = await auth.register({ email: "bench@navette.test", password: "bench password 1", displayName: "Bench", language: "fr" });
    const workshopId = newId();
    const now = nowIso();
    await storage.workshops.create(
      { id: workshopId, seriesId: null, title: "Bench", description: "", theme: "", languages: ["fr"], readingGrid: { version: 1, questions: [] }, createdBy: user.id, createdAt: now, updatedAt: now },
      "facilitator",
    );
    const { token } = await auth.createApiToken(user.id, { name: "bench", scope: "write", expiresInDays: 1 });
    const docName = synthesisDocName(workshopId);
    let start = performance.now();
    for (const [i, update] of updates.entries()) {
      await storage.yjs.appendUpdate(docName, update);
      if (i % 50_000 === 49_999) process.stdout.write(`  appended ${i + 1} updates…\r`);
    }
    const appendTime = ms(start);
    const logBytes = await storage.yjs.storedBytes(docName);
    await storage.close();

    const load = () => coldLoad(config, file, workshopId, token, length);
    const peerBefore = await median(peerReplay);
    const before = await median(load);
    const compacting = openSqliteStorage(file);
    const app = createApp(config, compacting, pino({ level: "silent" }));
    const shared = await app.yjs.documents.open(docName);
    start = performance.now();
    await app.yjs.documents.compact(shared);
    const compactTime = ms(start);
    const snapshotBytes = await compacting.yjs.storedBytes(docName);
    await app.close();
    await compacting.close();
    const peerAfter = await median(peerSnapshot);
    const after = await median(load);

    const rows: [string, string, string, string][] = [
      [`append ${updates.length.toLocaleString("en")} updates to the log`, `${seconds(appendTime)} (${((appendTime / updates.length) * 1000).toFixed(0)} µs each)`, "—", "—"],
      ["cold start: open storage, start the server", seconds(before.startup), "—", "—"],
      ["from the log: client connects → synced", seconds(before.sync), `replay the updates in a Y.Doc: ${seconds(peerBefore.apply)}`, ratio(before.sync, peerBefore.apply)],
      ["compaction (fold the log into a snapshot)", seconds(compactTime), "—", "—"],
      ["from the snapshot: client connects → synced", seconds(after.sync), `apply encodeStateAsUpdate: ${seconds(peerAfter.apply)}`, ratio(after.sync, peerAfter.apply)],
      ["stored bytes before compaction (log)", bytes(logBytes), `encodeStateAsUpdate: ${bytes(encodedState.length)}`, ratio(logBytes, encodedState.length)],
      ["stored bytes after compaction (snapshot)", bytes(snapshotBytes), `encodeStateAsUpdate: ${bytes(encodedState.length)}`, ratio(snapshotBytes, encodedState.length)],
      ["SQLite file (not vacuumed)", bytes(statSync(file).size), "—", "—"],
    ];
    const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]!.length), ["measure", "Navette", "peer: bare Y.Doc in memory", "ratio"][c]!.length));
    const line = (cells: string[]) => `| ${cells.map((cell, c) => cell.padEnd(widths[c]!)).join(" | ")} |`;
    console.log(line(["measure", "Navette", "peer: bare Y.Doc in memory", "ratio"]));
    console.log(line(widths.map((w) => "-".repeat(w))));
    for (const row of rows) console.log(line(row));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await run();
