// What a reader of one column sees of a field and how it is marked: the stored translation,
// or the original standing in for a missing one, marked "not translated"; stale and machine
// translations are marked too, never silently filled. Synthesis blocks and the pack's fiches,
// proposals and amendments all go through here.
import { richTextFromPlain, sanitizeRichText, type RichTextDoc } from "../../shared/richtext.js";
import type { TranslationRecord } from "../storage/port.js";
import { exportLabels } from "./labels.js";
import type { CellState, ExportCell, ExportInline } from "./model.js";

/** A field in one language, as `storedTranslations` (shared/domain/translations.ts) answers it. */
export interface FieldEntry {
  language: string;
  state: CellState;
  record: TranslationRecord | null;
}

const noteStates: Partial<Record<CellState, string>> = { missing: "document.state.missing", stale: "document.state.stale", machine: "document.state.machine" };

/** The text to show: the translation when there is one (stale ones too, marked), else the original. */
export function shownDoc(entry: FieldEntry, original: RichTextDoc): RichTextDoc {
  const record = entry.state === "missing" ? null : entry.record;
  if (!record) return original;
  if (record.format === "plain") return richTextFromPlain(record.text);
  try {
    return sanitizeRichText(JSON.parse(record.text));
  } catch {
    return sanitizeRichText(null);
  }
}

/** A cell; its note is in the cell's own language, for the reader of that column. */
export function cellOf(entry: Pick<FieldEntry, "language" | "state">, inlines: ExportInline[]): ExportCell {
  const noteKey = noteStates[entry.state];
  return { language: entry.language, state: entry.state, note: noteKey ? exportLabels(entry.language)(noteKey) : null, inlines };
}
