// The format-neutral shape of an export: what every writer (Markdown, HTML, DOCX, PDF) walks.
// The core (build.ts) resolves text, translations, citations and provenance once; writers only lay out.
import type { CitationKind } from "../../shared/richtext.js";
import type { SynthesisStatus } from "../../shared/synthesis.js";

export { exportFormats, type ExportFormat } from "../../shared/schemas/export.js";
import type { ExportFormat } from "../../shared/schemas/export.js";

export const contentTypes: Record<ExportFormat, string> = {
  md: "text/markdown; charset=utf-8",
  html: "text/html; charset=utf-8",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
};

export type ExportInline =
  | { kind: "text"; text: string; bold?: boolean; italic?: boolean; code?: boolean; href?: string }
  | { kind: "break" }
  /** A citation, printed as a footnote reference. */
  | { kind: "note"; n: number };

/** Where a cell's text stands: the original, a translation, or the original standing in for one. */
export type CellState = "source" | "missing" | "machine" | "stale" | "draft" | "reviewed";

export interface ExportCell {
  language: string;
  state: CellState;
  /** "not translated", "translation out of date", "machine translation", in the export's language; null when nothing needs saying. */
  note: string | null;
  inlines: ExportInline[];
}

export interface ExportBlock {
  blockId: string;
  type: "paragraph" | "heading";
  level: number | null;
  /** Depth in lists and quotes (0 at the top). */
  indent: number;
  /** The list an item's first block opens, and its marker ("•", "3."). */
  list: "bullet" | "ordered" | null;
  marker: string | null;
  quote: boolean;
  /** One cell per language asked for, in that order: two for side by side. */
  cells: ExportCell[];
}

export interface Footnote {
  n: number;
  kind: CitationKind;
  /** "Fiche navette", "Proposal"… in the export's language. */
  kindLabel: string;
  label: string;
  author: string;
  href: string;
}

export interface ExportModel {
  title: string;
  /** The language the labels are written in: the first one asked for. */
  labelLanguage: string;
  languages: string[];
  sourceLanguage: string;
  status: SynthesisStatus;
  /** "DRAFT" / "SUBMITTED FOR READING" on every page; null for an agreed text. */
  watermark: string | null;
  /** On the first page of an agreed text. */
  agreedNotice: string | null;
  /** Label and value rows: workshop, series, status, version, export date, contributors, translators. */
  metadata: { label: string; value: string }[];
  blocks: ExportBlock[];
  footnotes: Footnote[];
  lineNumbers: boolean;
  labels: { notes: string; contents: string; line: string };
}
