// Export of a large synthesis (about 480k characters, the size of the reference manual in
// ../shared/seeds/) to every format, in one language and side by side. The document is generated
// from the manual's shape only (its lines' kinds and lengths), in our own words. Each export runs
// in a fresh child process, so its peak RSS is its own; the peer, measured in the same child, is
// the one rich-text renderer (shared/richtext.ts renderRichTextHtml) over the same text.
// Goal: each export under 2 s and under 300 MB peak RSS. The peak is the process's after one
// export, as a server that exports once; a second column gives it after another (warm) one.
// BENCH_EXPORT_FORMATS=pdf,docx and BENCH_EXPORT_LANGS="fr,en fr" pick what runs.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { pino } from "pino";
import * as Y from "yjs";
import { renderRichTextHtml } from "../shared/richtext.js";
import { synthesisBlockField } from "../shared/domain/translations.js";
import { synthesisDocName } from "../shared/synthesis.js";
import { createApp } from "../server/app.js";
import { createAuthService } from "../server/auth/index.js";
import { configFromEnv } from "../server/config.js";
import { createExporter, loadWriter, write } from "../server/export/index.js";
import { newId, nowIso } from "../server/ids.js";
import { openSqliteStorage } from "../server/storage/sqlite/adapter.js";
import { replaceContent, type PmNode } from "../server/synthesis/content.js";
import { sourceBlocks } from "../server/synthesis/translatable.js";

const here = dirname(fileURLToPath(import.meta.url));
const seed = resolve(here, "../../shared/seeds/dts-reference-manual-2010.txt");
const formats = ["md", "html", "docx", "pdf"] as const;

// Our own words: the kind of sentences a synthesis of solidarity-based territorial development holds.
const words = (
  "Le territoire réunit des habitants, des élus et des associations autour de projets partagés. Les entreprises d'insertion créent des activités " +
  "que le marché seul n'aurait pas développées. La coopération entre acteurs s'appuie sur une charte revue chaque année. Les salariés participent " +
  "aux décisions qui engagent la structure. Les financeurs publics soutiennent la formation des animateurs et l'ingénierie de projet. Les groupements " +
  "d'employeurs sécurisent les parcours des saisonniers. Points de vigilance : la confiance se construit lentement, au fil des rencontres."
).split(" ");
const textOf = (length: number, offset: number) => {
  let out = "";
  for (let i = offset; out.length < length; i++) out += (out ? " " : "") + words[i % words.length];
  return out.slice(0, Math.max(1, length));
};

type Shape = { kind: "heading" | "item" | "paragraph"; level: number; length: number };

/** The manual's shape: one entry per non-empty line, its kind and length; its words are not kept. */
function shapeOf(): Shape[] {
  if (!existsSync(seed)) return Array.from({ length: 4_000 }, (_, i) => ({ kind: i % 25 === 0 ? "heading" : i % 7 === 0 ? "item" : "paragraph", level: 1 + (i % 3), length: 120 }) as Shape);
  return readFileSync(seed, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line): Shape => {
      if (/^(#+ |[IVX]+\. |[A-H]\. |\d+\. \*\*)/.test(line) || (line.length < 80 && line === line.toUpperCase() && /[A-Z]/.test(line))) {
        return { kind: "heading", level: line.startsWith("#") ? Math.min(4, line.indexOf(" ")) : /^[IVX]+\./.test(line) ? 1 : /^[A-H]\./.test(line) ? 2 : 3, length: line.length };
      }
      if (/^([-•*▶]|\d+[.)]) /.test(line)) return { kind: "item", level: 0, length: line.length };
      return { kind: "paragraph", level: 0, length: line.length };
    });
}

/** The generated document: headings, paragraphs and bullet lists, with a citation every 40 blocks. */
function generate(workshopId: string): { content: PmNode; characters: number } {
  const content: PmNode[] = [];
  let items: PmNode[] = [];
  let characters = 0;
  let n = 0;
  const flush = () => {
    if (items.length) content.push({ type: "bulletList", content: items });
    items = [];
  };
  for (const line of shapeOf()) {
    const blockId = `b${(n++).toString(36)}`;
    const text = textOf(line.length, n * 7);
    characters += text.length;
    const inline: PmNode[] = [{ type: "text", text }];
    if (n % 40 === 0) inline.push({ type: "citation", attrs: { kind: "fiche", targetId: `fiche${n}`, workshopId, label: `Fiche ${n}`, author: "Hélène" } });
    const paragraph = { type: "paragraph", attrs: { blockId }, content: inline };
    if (line.kind === "item") {
      items.push({ type: "listItem", content: [paragraph] });
      continue;
    }
    flush();
    content.push(line.kind === "heading" ? { type: "heading", attrs: { level: line.level, blockId }, content: inline } : paragraph);
  }
  flush();
  return { content: { type: "doc", content }, characters };
}

/** One export in this process: timed from the stored document to the file's bytes. */
async function child(dataDir: string, workshopId: string, documentId: string, format: (typeof formats)[number], lang: string): Promise<void> {
  const storage = openSqliteStorage(join(dataDir, "navette.sqlite"));
  const app = createApp({ ...configFromEnv({}), dataDir, demo: false, translationProvider: "none", logLevel: "silent" }, storage, pino({ level: "silent" }));
  const exporter = createExporter({ storage, synthesis: app.synthesis.service, synthesisTranslation: app.synthesisTranslation, translation: app.translation.service });
  // A running server loads a format's writer at its first export: the figures are the export's.
  await loadWriter[format]();
  const rssBefore = process.memoryUsage().rss;
  let start = performance.now();
  const model = await exporter.build({ workshopId, documentId, languages: lang.split(","), lineNumbers: true });
  const bytes = await write(model, format);
  const cold = performance.now() - start;
  const peakAfterOne = process.resourceUsage().maxRSS / 1024;
  start = performance.now();
  await write(await exporter.build({ workshopId, documentId, languages: lang.split(","), lineNumbers: true }), format);
  const warm = performance.now() - start;
  const record = (await storage.synthesis.documentById(documentId))!;
  start = performance.now();
  renderRichTextHtml(await app.synthesis.service.content(record));
  const peer = performance.now() - start;
  console.log(JSON.stringify({ cold, warm, peer, bytes: bytes.length, rssBefore: rssBefore / 2 ** 20, peakRss: peakAfterOne, peakAfterTwo: process.resourceUsage().maxRSS / 1024 }));
  await app.close();
  await storage.close();
}

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "navette-bench-export-"));
  try {
    const storage = openSqliteStorage(join(dataDir, "navette.sqlite"));
    const user = await createAuthService(storage, { sessionDays: 1 }).register({ email: "bench@navette.test", password: "bench password 1", displayName: "Bench", language: "fr" });
    const workshopId = newId();
    const now = nowIso();
    await storage.workshops.create({ id: workshopId, seriesId: null, title: "Bench", description: "", theme: "", languages: ["fr", "en"], readingGrid: { version: 1, questions: [] }, createdBy: user.id, createdAt: now, updatedAt: now }, "facilitator");
    const docName = synthesisDocName(workshopId);
    const record = await storage.synthesis.ensureDocument({ id: newId(), docName, scope: "workshop", workshopId, seriesId: null, kind: "main", title: "", language: "fr", status: "draft", statusChangedAt: null, createdBy: null, createdAt: now, updatedAt: now });
    const { content, characters } = generate(workshopId);
    const doc = new Y.Doc({ gc: false });
    replaceContent(doc, content);
    await storage.yjs.appendUpdate(docName, Y.encodeStateAsUpdate(doc));
    // Two blocks in three translated into English (some by machine), so side by side is mostly full.
    const blocks = sourceBlocks(content);
    for (const [i, block] of blocks.entries()) {
      if (i % 3 === 2) continue;
      const machine = i % 3 === 1;
      const translation = { type: "doc", content: [{ type: block.type, ...(block.level && { attrs: { level: block.level } }), content: [{ type: "text", text: textOf(block.text.length, i) }] }] };
      const entry = { workshopId, targetKind: "synthesis" as const, targetId: record.id, field: synthesisBlockField(block.blockId), language: "en", format: "rich" as const, text: JSON.stringify(translation), origin: machine ? ("machine" as const) : ("human" as const), provider: machine ? "apertium" : null, translatorId: machine ? null : user.id, status: "draft" as const, sourceHash: block.sourceHash, sourceLanguage: "fr", reviewedBy: null, reviewedAt: null, createdAt: now, updatedAt: now };
      await (machine ? storage.translations.saveMachine(entry) : storage.translations.saveHuman(entry));
    }
    await storage.close();
    console.log(`Export of a generated synthesis: ${characters.toLocaleString("en")} characters in ${blocks.length.toLocaleString("en")} blocks (shape of ${existsSync(seed) ? "the reference manual" : "a synthetic manual"}); goal: each under 2 s and 300 MB peak RSS`);
    const rows = [];
    for (const lang of process.env.BENCH_EXPORT_LANGS?.split(" ") ?? ["fr", "fr,en"]) {
      for (const format of formats.filter((f) => !process.env.BENCH_EXPORT_FORMATS || process.env.BENCH_EXPORT_FORMATS.split(",").includes(f))) {
        const out = execFileSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--child", dataDir, workshopId, record.id, format, lang], { encoding: "utf8", maxBuffer: 1 << 24 });
        const figures = JSON.parse(out.trim().split("\n").at(-1)!);
        rows.push({
          format,
          languages: lang,
          "cold ms (load + export)": Math.round(figures.cold),
          "warm ms": Math.round(figures.warm),
          "peer ms (renderRichTextHtml)": Math.round(figures.peer),
          "vs peer": `${(figures.warm / figures.peer).toFixed(1)}×`,
          "size kB": Math.round(figures.bytes / 1024),
          "RSS before MB": Math.round(figures.rssBefore),
          "peak RSS MB": Math.round(figures.peakRss),
          "after a 2nd MB": Math.round(figures.peakAfterTwo),
          goal: figures.cold < 2000 && figures.peakRss < 300 ? "met" : "MISSED",
        });
      }
    }
    console.table(rows);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const started = process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (started && process.argv[2] === "--child") {
  const [dataDir, workshopId, documentId, format, lang] = process.argv.slice(3) as [string, string, string, (typeof formats)[number], string];
  await child(dataDir, workshopId, documentId, format, lang);
  process.exit(0);
} else if (started) await run();
