// Pure rules of stored translations: what they translate, and when they are stale.

/** What a translation can be attached to; each capability registers a source for its kinds. */
/** `ficheEntry`: an observer's feedback or a host's reply on a fiche, often written in another language than the fiche. */
/** `synthesis`: a synthesis document (targetId = its id), one rich field per block, `block:<blockId>`. */
export const translationTargetKinds = ["workshop", "agendaItem", "fiche", "ficheEntry", "thread", "post", "proposal", "amendment", "gridQuestion", "synthesisBlock", "synthesis", "liveNote"] as const;
export type TranslationTargetKind = (typeof translationTargetKinds)[number];

export const translationOrigins = ["human", "machine"] as const;
export type TranslationOrigin = (typeof translationOrigins)[number];

export const translationStatuses = ["draft", "reviewed"] as const;
export type TranslationStatus = (typeof translationStatuses)[number];

/** How a field's text is written: a plain string or rich text (ProseMirror JSON, shared/richtext.ts). */
export type FieldFormat = "plain" | "rich";

/**
 * A translation is stale when the source it was made from (its `sourceHash`) is no longer
 * the current source. It stays shown, with a warning, until someone updates or confirms it.
 */
export function isStale(translation: { sourceHash: string }, currentSourceHash: string): boolean {
  return translation.sourceHash !== currentSourceHash;
}

/** Where a field stands in one language, for the translator's queue. */
export type TranslationState = "missing" | "machine" | "stale" | "draft" | "reviewed";

export function translationState(record: { origin: TranslationOrigin; status: TranslationStatus; sourceHash: string } | null, currentSourceHash: string): TranslationState {
  if (!record) return "missing";
  if (isStale(record, currentSourceHash)) return "stale";
  if (record.origin === "machine" && record.status === "draft") return "machine";
  return record.status;
}

/**
 * Whether a machine job may write over what is stored: only over nothing, or over machine
 * output nobody has vouched for. Human records, drafts included, and reviewed ones block it.
 */
export function machineMayWrite(existing: { origin: TranslationOrigin; status: TranslationStatus } | null): boolean {
  return !existing || (existing.origin === "machine" && existing.status === "draft");
}

/** The field of one synthesis block in a `synthesis` target: translations align to its stable id. */
export const synthesisBlockField = (blockId: string): string => `block:${blockId}`;

/**
 * The stored translations of one target as its readers see them, field by field: the one lookup
 * behind every export (synthesis blocks, and the pack's fiches, proposals and amendments).
 * A record into the source language, or machine output made from another source language
 * (the source language was corrected since), translates nothing and counts as missing.
 */
export function storedTranslations<R extends { field: string; language: string; origin: TranslationOrigin; status: TranslationStatus; sourceHash: string; sourceLanguage: string }>(
  records: R[],
  sourceLanguage: string,
) {
  const byKey = new Map(records.filter((r) => r.language !== sourceLanguage && (r.origin === "human" || r.sourceLanguage === sourceLanguage)).map((r) => [`${r.field}/${r.language}`, r]));
  return (field: string, currentSourceHash: string, languages: string[]) =>
    languages.map((language) => {
      if (language === sourceLanguage) return { language, state: "source" as const, record: null };
      const record = byKey.get(`${field}/${language}`) ?? null;
      return { language, state: translationState(record, currentSourceHash), record };
    });
}
