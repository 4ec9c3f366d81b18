// Bodies, queries and shapes of stored translations and machine drafts.
import { z } from "zod";
import { translationOrigins, translationStatuses, translationTargetKinds } from "../domain/translations.js";
import { requiredRichTextInput, richText } from "../richtext.js";
import { contentLanguage, id, isoDate } from "./common.js";

export const translationTargetKind = z.enum(translationTargetKinds);
/** A translatable field of a target: "title", "description", "question:<id>", "rows.lessons"… */
export const translationField = z.string().regex(/^[A-Za-z][A-Za-z0-9_.:-]{0,99}$/, "must be a field name");
/** Targets are ids, or for some kinds (agenda items, grid questions) short stable keys. */
export const translationTargetId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be an id");

export const targetParams = z.object({ workshopId: id, targetKind: translationTargetKind, targetId: translationTargetId });
export const translationParams = targetParams.extend({ field: translationField, language: contentLanguage });

export const listTranslationsQuery = z.object({
  targetKind: translationTargetKind,
  targetId: translationTargetId,
  language: contentLanguage.optional(),
});

export const writeTranslationBody = z.object({
  /** A string for plain fields, a ProseMirror doc for rich ones; never empty (an empty translation says nothing). */
  text: z.union([z.string().trim().min(1).max(100_000), requiredRichTextInput]),
  /** Human writes are drafts; a second translator marks them reviewed with POST …/review. */
  status: z.literal("draft").default("draft"),
});

export const requestMachineBody = z.object({
  targetKind: translationTargetKind,
  targetId: translationTargetId,
  /** Default: every field of the target. */
  fields: z.array(translationField).min(1).max(100).optional(),
  languages: z.array(contentLanguage).min(1).max(8),
});

export const queueQuery = z.object({ language: contentLanguage.optional() });

export const sourceLanguageBody = z.object({ language: contentLanguage });

const person = z.object({ id, displayName: z.string() });

export const translation = z.object({
  targetKind: translationTargetKind,
  targetId: z.string(),
  field: z.string(),
  language: z.string(),
  format: z.enum(["plain", "rich"]),
  text: z.union([z.string(), richText]),
  origin: z.enum(translationOrigins),
  /** Who made machine output, e.g. "apertium", "apertium:fr>es>en" (pivot), "libretranslate"; null for human work. */
  provider: z.string().nullable(),
  /** Always shown with machine output. */
  machine: z.boolean(),
  translator: person.nullable(),
  status: z.enum(translationStatuses),
  reviewedBy: person.nullable(),
  reviewedAt: isoDate.nullable(),
  sourceHash: z.string(),
  sourceLanguage: z.string(),
  /** The source changed since: show it with a warning until someone updates or confirms it. */
  stale: z.boolean(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const sourceField = z.object({ field: z.string(), format: z.enum(["plain", "rich"]), sourceHash: z.string() });

export const targetTranslations = z.object({
  targetKind: translationTargetKind,
  targetId: z.string(),
  sourceLanguage: z.string(),
  /** True when an author or facilitator corrected the detected language. */
  sourceLanguageCorrected: z.boolean(),
  fields: z.array(sourceField),
  translations: z.array(translation),
  /** Fields whose machine draft into the reader's language is on its way (GET only). */
  queued: z.array(z.string()).optional(),
});

export const machineJobState = z.enum(["queued", "pending", "cached", "human", "source", "refused"]);
export const machineRequestResult = z.object({
  provider: z.string(),
  jobs: z.array(z.object({ field: z.string(), language: z.string(), state: machineJobState, provider: z.string().nullable() })),
});

export const queueItem = z.object({
  targetKind: translationTargetKind,
  targetId: z.string(),
  label: z.string(),
  field: z.string(),
  language: z.string(),
  sourceLanguage: z.string(),
  state: z.enum(["missing", "machine", "stale"]),
});

export const languageProgress = z.object({
  language: z.string(),
  total: z.number().int(),
  missing: z.number().int(),
  machine: z.number().int(),
  stale: z.number().int(),
  draft: z.number().int(),
  reviewed: z.number().int(),
  /** Share of fields with a current human translation (draft or reviewed), 0–1. */
  progress: z.number(),
});

export const translatorQueue = z.object({
  progress: z.array(languageProgress),
  items: z.array(queueItem),
});

export type Translation = z.infer<typeof translation>;
export type TargetTranslations = z.infer<typeof targetTranslations>;
export type MachineJobState = z.infer<typeof machineJobState>;
export type TranslatorQueue = z.infer<typeof translatorQueue>;
export type LanguageProgress = z.infer<typeof languageProgress>;

/** A synthesis document block by block in one language: GET /api/workshops/:workshopId/synthesis/documents/:documentId/translations. */
export const synthesisTranslationsQuery = z.object({ language: contentLanguage });

/** Where a block stands in the language asked for; `source` when that is the document's own language. */
export const synthesisBlockState = z.enum(["source", "missing", "machine", "stale", "draft", "reviewed"]);

export const synthesisBlockTranslation = z.object({
  blockId: z.string(),
  /** The translation field: `block:<blockId>`. */
  field: z.string(),
  type: z.enum(["paragraph", "heading"]),
  level: z.number().int().nullable(),
  /** Nesting in lists and quotes, for the layout: depth, the list marker of an item's first block ("•", "3."), inside a quote. */
  indent: z.number().int(),
  marker: z.string().nullable(),
  quote: z.boolean(),
  /** The block as one-block rich text (marks, links and citations kept), and its plain text. */
  source: richText,
  text: z.string(),
  sourceHash: z.string(),
  /** Its text differs from the last agreed version's, or it is new since; null when the document was never agreed. */
  changedSinceAgreed: z.boolean().nullable(),
  state: synthesisBlockState,
  translation: translation.nullable(),
});

export const synthesisTranslations = z.object({
  documentId: z.string(),
  kind: z.string(),
  /** Empty for the main and the series synthesis: the client names them. */
  title: z.string(),
  status: z.string(),
  sourceLanguage: z.string(),
  language: z.string(),
  /** The version recorded when the document was last agreed, if ever. */
  agreed: z.object({ versionId: z.string(), at: isoDate }).nullable(),
  /** One entry per working language of the workshop (and the one asked for), the source language excepted. */
  progress: z.array(languageProgress),
  /** Blocks with text, in document order; empty paragraphs are left out. */
  blocks: z.array(synthesisBlockTranslation),
});

export type SynthesisTranslations = z.infer<typeof synthesisTranslations>;
export type SynthesisBlockTranslation = z.infer<typeof synthesisBlockTranslation>;

/** One field of many targets of a kind in one language: the titles of a list, in one request. */
export const fieldTranslationsQuery = z.object({
  targetKind: translationTargetKind,
  field: translationField,
  language: contentLanguage,
  /** Up to 200 ids separated by commas; ids the reader may not see, or unknown ones, are left out. */
  targetIds: z
    .string()
    .transform((value) => value.split(","))
    .pipe(z.array(translationTargetId).min(1).max(200)),
});

export const fieldTranslations = z.object({
  items: z.array(z.object({ targetId: z.string(), sourceLanguage: z.string(), translation: translation.nullable() })),
});
