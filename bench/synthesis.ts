// Benchmark: a large synthesis built from a real editing trace, stored as the log of its
// updates. Measures the cold load (storage opened → official y-websocket client synced)
// before and after compaction, and the bytes stored, against a bare Y.Doc in memory.
//
// Trace: automerge-paper (B4 of the CRDT benchmarks; Martin Kleppmann's automerge-perf, via
// Joseph Gentle's editing-traces, CC BY 4.0), read from ../shared/traces/ or NAVETTE_TRACE.
// When absent, an equivalent trace of the same size is generated. It is never committed.
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

interface Trace {
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

function loadTrace(): Trace {
  if (!existsSync(tracePath)) return generatedTrace();
  const raw = JSON.parse(gunzipSync(readFileSync(tracePath)).toString("utf8")) as Omit<Trace, "name">;
  return { name: "automerge-paper (M. Kleppmann, J. Gentle; CC BY 4.0)", ...raw };
}

/** Replays the trace into one paragraph of a synthesis, one Yjs update per trace transaction. */
function buildUpdates(trace: Trace): { updates: Uint8Array[]; doc: Y.Doc } {
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
  if (text.toString() !== trace.endContent) throw new Error("the replayed trace does not end with its endContent");
  return { updates, doc };
}

const ms = (start: number) => performance.now() - start;
const seconds = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`);
const bytes = (value: number) => (value >= 1e6 ? `${(value / 1e6).toFixed(2)} MB` : `${(value / 1e3).toFixed(1)} kB`);
const ratio = (value: number, peer: number) => `${(value / peer).toFixed(1)}×`;

/** Opens storage and the server as a fresh process would, and waits until an official client is synced. */
async function coldLoad(config: Config, file: string, workshopId: string, token: string, expectedLength: number) {
  const start = performance.now();
  const storage = openSqliteStorage(file);
  const app = createApp(config, storage, pino({ level: "silent" }));
  const port = await app.listen(0, "127.0.0.1");
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/yjs`, synthesisDocName(workshopId), doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
  });
  await new Promise<void>((done) => provider.on("sync", (synced: boolean) => synced && done()));
  const elapsed = ms(start);
  const text = (doc.getXmlFragment(synthesisFragment).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  if (text.length !== expectedLength) throw new Error(`the client received ${text.length} characters, not ${expectedLength}`);
  provider.destroy();
  return { elapsed, app, storage };
}

export async function run(): Promise<void> {
  const trace = loadTrace();
  const operations = trace.txns.reduce((n, t) => n + t.patches.length, 0);
  console.log(`Synthesis storage and cold load — trace: ${trace.name}, ${operations.toLocaleString("en")} edits, ${trace.endContent.length.toLocaleString("en")} characters`);

  const { updates, doc: built } = buildUpdates(trace);
  const encodedState = Y.encodeStateAsUpdate(built);

  // Peers: the same history in a bare Y.Doc, in memory.
  let start = performance.now();
  const replay = new Y.Doc({ gc: false });
  Y.transact(replay, () => updates.forEach((u) => Y.applyUpdate(replay, u)));
  const peerReplay = ms(start);
  start = performance.now();
  Y.applyUpdate(new Y.Doc({ gc: false }), encodedState);
  const peerSnapshot = ms(start);

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
    const { token } = await auth.createApiToken(user.id, "bench");
    const docName = synthesisDocName(workshopId);
    start = performance.now();
    for (const [i, update] of updates.entries()) {
      await storage.yjs.appendUpdate(docName, update);
      if (i % 50_000 === 49_999) process.stdout.write(`  appended ${i + 1} updates…\r`);
    }
    const appendTime = ms(start);
    const logBytes = await storage.yjs.storedBytes(docName);
    await storage.close();

    const before = await coldLoad(config, file, workshopId, token, trace.endContent.length);
    start = performance.now();
    const shared = await before.app.yjs.documents.open(docName);
    await before.app.yjs.documents.compact(shared);
    const compactTime = ms(start);
    const snapshotBytes = await before.storage.yjs.storedBytes(docName);
    await before.app.close();
    await before.storage.close();

    const after = await coldLoad(config, file, workshopId, token, trace.endContent.length);
    await after.app.close();
    await after.storage.close();

    const rows: [string, string, string, string][] = [
      [`append ${updates.length.toLocaleString("en")} updates to the log`, `${seconds(appendTime)} (${((appendTime / updates.length) * 1000).toFixed(0)} µs each)`, "—", "—"],
      ["cold load from the log → client synced", seconds(before.elapsed), `replay the updates in a Y.Doc: ${seconds(peerReplay)}`, ratio(before.elapsed, peerReplay)],
      ["compaction (fold the log into a snapshot)", seconds(compactTime), "—", "—"],
      ["cold load from the snapshot → client synced", seconds(after.elapsed), `apply encodeStateAsUpdate: ${seconds(peerSnapshot)}`, ratio(after.elapsed, peerSnapshot)],
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
