// The hash that ties a translation to the source text it was made from, and the source's language.
import { createHash } from "node:crypto";
import { franc } from "franc-min";
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

/** Shorter texts are too ambiguous to tell apart. */
export const minDetectableLength = 20;

/** The language of a text among `candidates` (default: every content language), or null when too short or unclear. */
export function detectLanguage(text: string, candidates: readonly string[] = contentLanguages): string | null {
  if (text.trim().length < minDetectableLength) return null;
  const only = candidates.map((c) => iso3[c]).filter((c): c is string => !!c);
  if (!only.length) return null;
  const found = franc(text, { only, minLength: minDetectableLength });
  return iso1[found] ?? null;
}
