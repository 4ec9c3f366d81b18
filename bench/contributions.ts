// Pagination, unread counts and search on a workshop of 10,000 posts (one thread of 2,000,
// forty of 200), each measured against a naive peer on the same data in the same run.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { pino } from "pino";
import { richTextFromPlain } from "../shared/richtext.js";
import { createApp } from "../server/app.js";
import { createAuthService } from "../server/auth/index.js";
import { configFromEnv } from "../server/config.js";
import { newId, nowIso } from "../server/ids.js";
import { openNaivePeers } from "./peers/naive-contributions.js";
import { openSqliteStorage } from "../server/storage/sqlite/adapter.js";
import type { Storage } from "../server/storage/port.js";

const POSTS = 10_000;
const LONG_THREAD = 2_000;
const PAGE = 50;
const RUNS = 200;
const RARE = "ostréiculteurs";

const words = (
  "le la les des une pour avec dans sur entre habitants élus acteurs emploi travail territoire économie solidaire dialogue social " +
  "coopération échelle région conseil développement groupement employeurs insertion formation participation démocratie projet " +
  "réseau saisonniers eau agriculture tourisme partage confiance moyens durée expérience proposition synthèse"
).split(" ");

/** A plausible sentence; about one post in three says "territoire", five posts in all say the rare word. */
function sentence(i: number): string {
  const picked = Array.from({ length: 18 }, (_, k) => words[(i * 7 + k * 13 + (i % 11) * k) % words.length]!);
  if (i % 3 === 0) picked.push("territoire");
  if (i % 2_000 === 1_000) picked.push(RARE);
  return picked.join(" ");
}

async function seed(storage: Storage) {
  const auth = createAuthService(storage, { sessionDays: 1 });
  const reader = await auth.register({ email: "reader@bench.navette", password: "bench password", displayName: "Lectrice", language: "fr" });
  const members = [reader.id];
  for (let m = 1; m < 60; m++) {
    const id = newId();
    await storage.users.create({ id, email: `m${m}@bench.navette`, displayName: `Membre ${m}`, language: "fr", writingLanguage: null, passwordHash: "x", createdAt: nowIso() });
    members.push(id);
  }
  const workshopId = newId();
  const now = nowIso();
  await storage.workshops.create({ id: workshopId, seriesId: null, title: "Atelier banc d'essai", description: "", theme: "", languages: ["fr"], readingGrid: { version: 1, questions: [] }, createdBy: reader.id, createdAt: now, updatedAt: now }, "facilitator");
  for (const id of members.slice(1)) await storage.workshops.addMember({ workshopId, userId: id, role: "participant", joinedAt: now });

  const threads: string[] = [];
  let written = 0;
  const post = (threadId: string) => ({ id: newId(), workshopId, threadId, parentId: null, authorId: members[1 + (written % 59)]!, body: richTextFromPlain(sentence(written)), stance: null, createdAt: nowIso() });
  for (let t = 0; written < POSTS; t++) {
    const size = t === 0 ? LONG_THREAD : 200;
    const threadId = newId();
    threads.push(threadId);
    await storage.debate.createThread({ id: threadId, workshopId, title: `Fil ${t}`, ficheId: null, createdBy: members[1]!, createdAt: nowIso() }, post(threadId));
    written++;
    for (let p = 1; p < size && written < POSTS; p++, written++) await storage.debate.addPost(post(threadId));
  }
  return { workshopId, readerId: reader.id, longThread: threads[0]!, threads };
}

interface Figures {
  p50: number;
  p95: number;
}

const percentiles = (times: number[]): Figures => {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length * 0.5)]!, p95: sorted[Math.floor(sorted.length * 0.95)]! };
};

async function timed(run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** Runs ours and the peer in turn, so both meet the same load on a shared machine. */
async function measurePair(ours: () => unknown, peer: () => unknown): Promise<[Figures, Figures]> {
  for (let i = 0; i < 20; i++) await Promise.all([ours(), peer()]);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    a.push(await timed(ours));
    b.push(await timed(peer));
  }
  return [percentiles(a), percentiles(b)];
}

async function measure(run: () => unknown): Promise<Figures> {
  for (let i = 0; i < 20; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await timed(run));
  return percentiles(times);
}

const ms = (f: Figures) => `${f.p50.toFixed(2)} / ${f.p95.toFixed(2)}`;

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "navette-bench-"));
  const file = join(dir, "navette.sqlite");
  const storage = openSqliteStorage(file, { durable: false });
  try {
    const seedStart = performance.now();
    const { workshopId, readerId, longThread, threads } = await seed(storage);
    console.log(`\nContributions: seeded ${POSTS} posts in ${threads.length} threads (${LONG_THREAD} in the longest) in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
    const peers = openNaivePeers(file);
    const scope = { userId: readerId, seesDrafts: false, seesHidden: false };
    const deepSeq = (await storage.debate.listPosts(longThread, { limit: LONG_THREAD - PAGE })).next!;

    const rows: [string, Figures, string, Figures, string?][] = [];
    const row = async (what: string, ours: () => unknown, peerName: string, peer: () => unknown, note?: string) => {
      const [oursFigures, peerFigures] = await measurePair(ours, peer);
      rows.push([what, oursFigures, peerName, peerFigures, note]);
    };

    await row("thread page 1 (50 of 2,000)", () => storage.debate.listPosts(longThread, { limit: PAGE }), "OFFSET 0", () => peers.offsetPage(longThread, PAGE, 0));
    await row("thread last page (posts 1,951–2,000)", () => storage.debate.listPosts(longThread, { limit: PAGE, after: deepSeq }), "OFFSET 1,950", () => peers.offsetPage(longThread, PAGE, LONG_THREAD - PAGE));
    await row(
      "whole thread, 40 pages of 50",
      async () => {
        let after: number[] | undefined;
        do after = (await storage.debate.listPosts(longThread, { limit: PAGE, after })).next ?? undefined;
        while (after);
      },
      "40 OFFSET pages",
      () => {
        for (let offset = 0; offset < LONG_THREAD; offset += PAGE) peers.offsetPage(longThread, PAGE, offset);
      },
    );
    await row("unread counts, nothing read (10,000)", () => storage.reading.unreadCounts(workshopId, scope), "one scan + join", () => peers.unreadScan(workshopId, readerId));
    for (const threadId of threads) await storage.reading.markThreadRead(workshopId, readerId, threadId);
    await row("unread counts, reader keeps up", () => storage.reading.unreadCounts(workshopId, scope), "one scan + join", () => peers.unreadScan(workshopId, readerId));

    const hits = async (q: string) => (await storage.reading.search(workshopId, scope, q, { limit: 20 })).items.length;
    await row("search common word (20 newest)", () => storage.reading.search(workshopId, scope, "territoire", { limit: 20 }), "LIKE %territoire%", () => peers.likeSearch(workshopId, "territoire", 20));
    await row(
      `search rare word "ostreiculteurs"`,
      () => storage.reading.search(workshopId, scope, "ostreiculteurs", { limit: 20 }),
      `LIKE %${RARE}%`,
      () => peers.likeSearch(workshopId, RARE, 20),
      `FTS finds ${await hits("ostreiculteurs")} without the accent; LIKE finds ${peers.likeSearch(workshopId, "ostreiculteurs", 20).length} without it, ${peers.likeSearch(workshopId, RARE, 20).length} with it`,
    );

    // The same reads over HTTP, as a browser makes them (Express, auth, validation, presenters, JSON).
    const app = createApp({ ...configFromEnv({}), dataDir: dir, clientDir: join(dir, "none") }, storage, pino({ level: "silent" }));
    const port = await app.listen(0, "127.0.0.1");
    const base = `http://127.0.0.1:${port}/api/workshops/${workshopId}`;
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "reader@bench.navette", password: "bench password" }) });
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const get = async (path: string) => {
      const res = await fetch(base + path, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      await res.arrayBuffer();
    };
    const deepCursor = Buffer.from(JSON.stringify(deepSeq)).toString("base64url");
    const http: [string, Figures][] = [
      ["thread page 1", await measure(() => get(`/threads/${longThread}/posts?limit=${PAGE}`))],
      ["thread last page", await measure(() => get(`/threads/${longThread}/posts?limit=${PAGE}&cursor=${deepCursor}`))],
      ["unread counts", await measure(() => get("/unread"))],
      ["search common word", await measure(() => get("/search?q=territoire&limit=20"))],
      ["search rare word", await measure(() => get("/search?q=ostreiculteurs&limit=20"))],
    ];
    await app.close();
    peers.close();

    const width = Math.max(...rows.map((r) => r[0].length));
    const peerWidth = Math.max(...rows.map((r) => r[2].length));
    console.log(`\n${"storage, ms p50 / p95".padEnd(width)}  ${"Navette".padStart(13)}  ${"peer".padEnd(peerWidth)}  ${"peer".padStart(13)}  peer/ours`);
    for (const [what, ours, peerName, peer, note] of rows) {
      console.log(`${what.padEnd(width)}  ${ms(ours).padStart(13)}  ${peerName.padEnd(peerWidth)}  ${ms(peer).padStart(13)}  ${(peer.p50 / ours.p50).toFixed(1)}×${note ? `  (${note})` : ""}`);
    }
    console.log(`\n${"over HTTP, ms p50 / p95".padEnd(width)}  ${"Navette".padStart(13)}`);
    for (const [what, figures] of http) console.log(`${what.padEnd(width)}  ${ms(figures).padStart(13)}`);
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await run();
