// Helpers for export tests: a synthesis written the way the editor writes it (headings, marks,
// lists, a citation) over y-websocket, a download over HTTP, and real consumers reading each
// format back: commonmark for Markdown, mammoth (and LibreOffice where installed) for DOCX,
// pdf-parse for PDF.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Parser, type Node } from "commonmark";
import mammoth from "mammoth";
import { PDFParse } from "pdf-parse";
import * as Y from "yjs";
import type { ExportBlock, ExportModel } from "../../server/export/index.js";
import { fragmentOf } from "./synthesis.js";
import type { TestUser } from "./clients.js";

type Child = Y.XmlElement | Y.XmlText;
const element = (name: string, attrs: Record<string, unknown>, children: Child[]) => {
  const node = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value as string);
  node.insert(0, children);
  return node;
};
/** A run of text with marks, as y-prosemirror stores it. */
const runs = (...parts: (string | [string, Record<string, object>])[]) => {
  const text = new Y.XmlText();
  text.applyDelta(parts.map((part) => (typeof part === "string" ? { insert: part } : { insert: part[0], attributes: part[1] })));
  return text;
};

export const sample = {
  heading: "Constats partagés",
  findings: "Les élus et les habitants ont créé ensemble un groupement d'employeurs.",
  bullets: ["Coopération entre acteurs", "Échelles de gouvernance"],
  ordered: ["Première étape : réunir", "Deuxième étape : décider"],
  lessons: "Leçons : la confiance se construit lentement, à Mulhouse comme à Poitiers, en España et chez Müller.",
};

/** Writes the sample synthesis into a document the way the editor does; returns its block elements by id. */
export function writeSample(doc: Y.Doc, workshopId: string, cited: { targetId: string; label: string; author: string }) {
  const para = (blockId: string, ...children: Child[]) => element("paragraph", { blockId }, children);
  const item = (blockId: string, text: string) => element("listItem", {}, [para(blockId, runs(text))]);
  const blocks = {
    heading: element("heading", { level: 1, blockId: "b-heading" }, [runs(sample.heading)]),
    findings: para(
      "b-findings",
      runs(["Les élus", { bold: {} }], " et les habitants ont créé ensemble un ", ["groupement d'employeurs", { italic: {} }], "."),
      element("citation", { kind: "fiche", targetId: cited.targetId, workshopId, label: cited.label, author: cited.author }, []),
    ),
    bullets: element("bulletList", {}, sample.bullets.map((text, i) => item(`b-bullet-${i}`, text))),
    ordered: element("orderedList", { start: 1 }, sample.ordered.map((text, i) => item(`b-ordered-${i}`, text))),
    lessons: para("b-lessons", runs(sample.lessons)),
  };
  doc.transact(() => {
    const fragment = fragmentOf(doc);
    fragment.insert(fragment.length, Object.values(blocks));
  });
  return blocks;
}

/** The block ids of the sample, in document order. */
export const sampleBlockIds = ["b-heading", "b-findings", "b-bullet-0", "b-bullet-1", "b-ordered-0", "b-ordered-1", "b-lessons"];

export async function download(user: TestUser, path: string): Promise<{ status: number; type: string; disposition: string; body: Buffer }> {
  const response = await fetch(user.server.url + path, { headers: user.cookie ? { cookie: user.cookie } : {} });
  return { status: response.status, type: response.headers.get("content-type") ?? "", disposition: response.headers.get("content-disposition") ?? "", body: Buffer.from(await response.arrayBuffer()) };
}

/** Markdown parsed by the CommonMark reference parser: its top-level blocks and list items, as text. */
export function markdownBlocks(markdown: string): { type: string; level?: number; text: string }[] {
  const root = new Parser().parse(markdown);
  const textOf = (node: Node): string => {
    let out = "";
    const walker = node.walker();
    let step;
    while ((step = walker.next())) {
      if (!step.entering) continue;
      if (step.node.type === "text" || step.node.type === "code") out += step.node.literal ?? "";
      if (step.node.type === "linebreak" || step.node.type === "softbreak") out += "\n";
    }
    return out;
  };
  const out: { type: string; level?: number; text: string }[] = [];
  const visit = (node: Node | null) => {
    for (let child = node?.firstChild ?? null; child; child = child.next) {
      if (child.type === "list" || child.type === "item" || child.type === "block_quote") visit(child);
      else out.push({ type: child.type === "heading" ? "heading" : child.type, ...(child.type === "heading" && { level: child.level }), text: textOf(child) });
    }
  };
  visit(root);
  return out;
}

export const docxHtml = async (docx: Buffer) => (await mammoth.convertToHtml({ buffer: docx })).value;

export async function pdfText(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

export const sofficePath = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((path) => existsSync(path));

/**
 * For `skipIf`: true, with a visible message, when LibreOffice is not installed. With
 * REQUIRE_LIBREOFFICE=1 (CI) a missing LibreOffice fails instead.
 */
export function skipWithoutLibreOffice(): boolean {
  if (sofficePath) return false;
  if (process.env.REQUIRE_LIBREOFFICE === "1") throw new Error("REQUIRE_LIBREOFFICE=1 but LibreOffice is not installed (apt-get install libreoffice-writer-nogui)");
  console.warn("\n  ⚠ DOCX read back by LibreOffice SKIPPED: apt-get install libreoffice-writer-nogui\n");
  return true;
}

/** A DOCX as LibreOffice lays it out, converted to PDF and read back as text (headers included). */
export async function libreOfficeText(docx: Buffer): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "navette-lo-"));
  try {
    writeFileSync(join(dir, "in.docx"), docx);
    execFileSync(sofficePath!, ["--headless", `-env:UserInstallation=file://${dir}/profile`, "--convert-to", "pdf", "--outdir", dir, join(dir, "in.docx")], { stdio: "ignore", timeout: 120_000 });
    return pdfText(readFileSync(join(dir, "in.pdf")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A French paragraph (or level-1 heading) of an export model, for the writers' own tests. */
export const exportBlock = (i: number, text: string, heading = false): ExportBlock => ({
  blockId: `b${i}`,
  type: heading ? "heading" : "paragraph",
  level: heading ? 1 : null,
  indent: 0,
  list: null,
  marker: null,
  quote: false,
  cells: [{ language: "fr", state: "source", note: null, inlines: [{ kind: "text", text }] }],
});

/** An agreed French text, without watermark or provenance, holding `blocks`. */
export const exportModel = (blocks: ExportBlock[], title = "Synthèse", lineNumbers = false): ExportModel => ({
  title,
  labelLanguage: "fr",
  languages: ["fr"],
  sourceLanguage: "fr",
  status: "agreed",
  watermark: null,
  agreedNotice: null,
  metadata: [],
  blocks,
  footnotes: [],
  lineNumbers,
  labels: { notes: "Notes", contents: "Sommaire", line: "ligne" },
});
