// The hash that ties a translation to the source text it was made from, and the source's language.
import { createHash } from "node:crypto";
import { francAll } from "franc-min";
import type { FieldFormat } from "../../shared/domain/translations.js";
import { contentLanguages } from "../../shared/languages.js";
import { richTextToPlain, sanitizeRichText, type RichTextDoc } from "../../shared/richtext.js";

/** JSON with keys in order, so equal docs hash equally whatever order their keys came in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** sha256 of the canonical form: the exact string for plain fields, the sanitized doc for rich ones. */
export function sourceHash(format: FieldFormat, value: string | RichTextDoc): string {
  const canonical = format === "rich" ? `rich\n${canonicalJson(sanitizeRichText(value))}` : `plain\n${String(value)}`;
  return createHash("sha256").update(canonical).digest("hex");
}

export function plainOf(format: FieldFormat, value: string | RichTextDoc): string {
  return format === "rich" ? richTextToPlain(sanitizeRichText(value)) : String(value);
}

/** ISO 639-1 (what Navette stores) to ISO 639-3 (what franc answers). */
const iso3: Record<string, string> = { fr: "fra", en: "eng", es: "spa", pt: "por", de: "deu", it: "ita", ca: "cat", ar: "arb", wo: "wol", nl: "nld" };
const iso1 = Object.fromEntries(Object.entries(iso3).map(([one, three]) => [three, one]));

/**
 * When the detector may speak. Below these, a wrong guess is likelier than a right one on
 * short forum texts ("Sin versión en español" reads as English), and the author's own
 * writing language is used instead. Calibrated on tests/unit/language-detection.test.ts.
 */
export const detectionThreshold = {
  /** Letters left once addresses and code are taken out. */
  minLetters: 30,
  /** franc scores the best candidate 1 and the others below: the runner-up must trail by this much. */
  minMargin: 0.15,
} as const;

// Addresses and code say nothing of the language their author writes in: a French-looking
// URL in an English post must not make it French.
const notLanguage = [
  /```[\s\S]*?```/g, // fenced code
  /`[^`\n]*`/g, // inline code
  /\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b/g, // emails
  /\b(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"]*[^\s<>".,;:!?)]/gi, // URLs, without a closing full stop
  /\b[\w-]+(\.[\w-]+)*\.(?:org|com|net|fr|es|eu|info|coop|io|be|ch|ca|uk|de)\b(\/[^\s<>"]*[^\s<>".,;:!?)])?/gi, // bare domains
];

/** The text a detector should read: URLs, emails and code taken out. */
export function languageEvidence(text: string): string {
  return notLanguage.reduce((rest, pattern) => rest.replace(pattern, " "), text).replace(/\s+/g, " ").trim();
}

/** A field's words as language evidence: in rich text, code marks and citations (others' titles) are left out. */
export function evidenceOf(format: FieldFormat, value: string | RichTextDoc): string {
  if (format === "plain") return languageEvidence(String(value));
  const words = (node: unknown): string => {
    if (!node || typeof node !== "object") return "";
    const n = node as { type?: string; text?: string; marks?: { type: string }[]; content?: unknown[] };
    if (n.type === "text") return n.marks?.some((m) => m.type === "code") ? " " : (n.text ?? "");
    if (n.type === "citation" || n.type === "hardBreak") return " ";
    return (n.content ?? []).map(words).join(n.type === "paragraph" || n.type === "heading" ? "" : "\n");
  };
  return languageEvidence(words(sanitizeRichText(value)));
}

/**
 * The language of a text among `candidates` (default: every content language), or null
 * when, without addresses and code, it is too short or the detector is not clearly sure.
 */
export function detectLanguage(text: string, candidates: readonly string[] = contentLanguages): string | null {
  const evidence = languageEvidence(text);
  if ((evidence.match(/\p{L}/gu)?.length ?? 0) < detectionThreshold.minLetters) return null;
  const only = candidates.map((c) => iso3[c]).filter((c): c is string => !!c);
  if (!only.length) return null;
  const [best, second] = francAll(evidence, { only, minLength: 1 });
  if (!best || best[0] === "und") return null;
  if (second && best[1] - second[1] < detectionThreshold.minMargin) return null;
  return iso1[best[0]] ?? null;
}
