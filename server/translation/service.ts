// Use cases of stored translations: reading them, human writes and reviews, confirming stale
// ones, machine drafts through the queue, source-language corrections and the translator's queue.
// Plain TypeScript: no HTTP or socket types.
import type { Logger } from "pino";
import {
  isStale,
  machineMayWrite,
  translationState,
  type FieldFormat,
  type TranslationOrigin,
  type TranslationState,
  type TranslationStatus,
  type TranslationTargetKind,
} from "../../shared/domain/translations.js";
import { contentLanguages } from "../../shared/languages.js";
import { can } from "../../shared/permissions.js";
import type { RichTextDoc } from "../../shared/richtext.js";
import type { MachineJobState } from "../../shared/schemas/translations.js";
import { AppError, errors } from "../errors.js";
import { nowIso } from "../ids.js";
import type { Storage, TranslationKey, TranslationRecord, WorkshopRecord } from "../storage/port.js";
import { toMachineText } from "./markup.js";
import type { TranslationQueue } from "./queue.js";
import { detectLanguage, evidenceOf, plainOf, sourceHash } from "./source-text.js";
import type { LoadedSource, SourceField, SourceReader, SourceRegistry } from "./sources.js";

export interface TranslationEvent {
  workshopId: string;
  targetKind: TranslationTargetKind;
  targetId: string;
  field: string;
  language: string;
  /** The translation as it now stands, so a reader follows the content live without a refetch. */
  format: FieldFormat;
  text: string | RichTextDoc;
  origin: TranslationOrigin;
  provider: string | null;
  status: TranslationStatus;
  stale: boolean;
  /**
   * Who may receive it: the whole room, or only these members when the target is hidden from
   * others (a draft fiche, a hidden post). Decided on a fresh load of the target at send time.
   */
  audience: "room" | string[];
}

export interface TargetRef {
  workshopId: string;
  targetKind: TranslationTargetKind;
  targetId: string;
}

/** A target with what translation needs of it: its fields' hashes and its source language. */
export interface ResolvedTarget extends TargetRef {
  workshop: WorkshopRecord;
  source: LoadedSource;
  fields: (SourceField & { sourceHash: string })[];
  sourceLanguage: string;
  sourceLanguageCorrected: boolean;
}

/**
 * Whether a stored record still translates the target as it now reads: not into the language
 * the source is written in, and, for machine output, made from that source language (a
 * corrected language makes earlier machine drafts meaningless; they are redone).
 */
const translatesTarget = (record: TranslationRecord, target: { sourceLanguage: string }) =>
  record.language !== target.sourceLanguage && (record.origin === "human" || record.sourceLanguage === target.sourceLanguage);

const isEmpty = (field: SourceField) => plainOf(field.format, field.value).trim() === "";
const keyString = (k: TranslationKey) => `${k.workshopId}/${k.targetKind}/${k.targetId}/${k.field}/${k.language}`;

export function createTranslationService(deps: { storage: Storage; sources: SourceRegistry; queue: TranslationQueue; logger: Logger; emit: (event: TranslationEvent) => void }) {
  const { storage, sources, queue, logger, emit } = deps;
  const store = storage.translations;
  const provider = queue.provider;
  /** Machine jobs that found a person's translation when they came to store theirs. */
  let blockedByHuman = 0;

  /**
   * A correction wins; then what the capability recorded; then the detector, when the text is
   * long and it is sure; else the author's writing language (their interface language unless
   * they said otherwise), and last the workshop's first language.
   */
  async function sourceLanguageOf(workshop: WorkshopRecord, ref: TargetRef, source: LoadedSource): Promise<{ language: string; corrected: boolean }> {
    const corrected = await store.sourceLanguage(ref.workshopId, ref.targetKind, ref.targetId);
    if (corrected) return { language: corrected, corrected: true };
    if (source.language) return { language: source.language, corrected: false };
    const text = source.fields.map((f) => evidenceOf(f.format, f.value)).join("\n");
    const detected = detectLanguage(text, [...new Set([...workshop.languages, "fr", "en", "es"])]);
    if (detected) return { language: detected, corrected: false };
    const author = source.authorIds?.[0] ? await storage.users.byId(source.authorIds[0]) : null;
    const written = author ? (author.writingLanguage ?? author.language) : null;
    const authorLanguage = written && (contentLanguages as readonly string[]).includes(written) ? written : null;
    return { language: authorLanguage ?? workshop.languages[0] ?? "fr", corrected: false };
  }

  /** Loads a target as `reader` may see it; unknown kinds, targets and hidden ones are all not_found. */
  async function resolve(ref: TargetRef, reader: SourceReader | null): Promise<ResolvedTarget> {
    const registered = sources.get(ref.targetKind);
    const workshop = await storage.workshops.byId(ref.workshopId);
    if (!registered || !workshop) throw errors.notFound(`${ref.targetKind}`);
    const source = await registered.load(ref.workshopId, ref.targetId);
    if (!source || (reader && source.visibleTo && !source.visibleTo(reader))) throw errors.notFound(`${ref.targetKind}`);
    const { language, corrected } = await sourceLanguageOf(workshop, ref, source);
    return {
      ...ref,
      workshop,
      source,
      fields: source.fields.map((f) => ({ ...f, sourceHash: sourceHash(f.format, f.value) })),
      sourceLanguage: language,
      sourceLanguageCorrected: corrected,
    };
  }

  function fieldOf(target: ResolvedTarget, field: string) {
    const found = target.fields.find((f) => f.field === field);
    if (!found) throw errors.notFound("field");
    return found;
  }

  async function requireRecord(key: TranslationKey): Promise<TranslationRecord> {
    const record = await store.get(key);
    if (!record) throw errors.notFound("translation");
    return record;
  }

  /** Who may see a target: every member, or those its source's `visibleTo` lets in. */
  async function audienceOf(workshopId: string, source: LoadedSource): Promise<"room" | string[]> {
    const visibleTo = source.visibleTo;
    if (!visibleTo) return "room";
    const members = await storage.workshops.members(workshopId);
    return members.filter((m) => visibleTo({ userId: m.userId, role: m.role })).map((m) => m.userId);
  }

  /**
   * Tells the readers allowed to see the target that one of its translations changed, with the
   * translation itself. The target is loaded again here: it may have been hidden meanwhile
   * (a machine job finishes seconds after it was queued).
   */
  async function announce(key: TranslationKey): Promise<void> {
    try {
      const [record, source] = await Promise.all([store.get(key), sources.get(key.targetKind)?.load(key.workshopId, key.targetId)]);
      if (!record || !source) return;
      const field = source.fields.find((f) => f.field === key.field);
      emit({
        workshopId: key.workshopId,
        targetKind: key.targetKind,
        targetId: key.targetId,
        field: key.field,
        language: key.language,
        format: record.format,
        text: record.format === "rich" ? (JSON.parse(record.text) as RichTextDoc) : record.text,
        origin: record.origin,
        provider: record.provider,
        status: record.status,
        stale: field ? isStale(record, sourceHash(field.format, field.value)) : true,
        audience: await audienceOf(key.workshopId, source),
      });
    } catch (err) {
      // The translation is stored; a lost announcement only delays readers until they refetch.
      logger.error({ err, key: keyString(key) }, "announcing a translation failed");
    }
  }

  /** Queues a machine draft of one field in one language, unless a record already settles it. */
  async function requestOne(target: ResolvedTarget, field: ResolvedTarget["fields"][number], language: string): Promise<MachineJobState> {
    if (language === target.sourceLanguage) return "source";
    const key: TranslationKey = { workshopId: target.workshopId, targetKind: target.targetKind, targetId: target.targetId, field: field.field, language };
    const existing = await store.get(key);
    if (!machineMayWrite(existing)) return "human";
    // Cached by source hash: the same source was already translated by a machine, from the same language.
    if (existing && !isStale(existing, field.sourceHash) && translatesTarget(existing, target)) return "cached";
    const from = target.sourceLanguage;
    const machineText = toMachineText(field.format, field.value, from, language);
    return queue.enqueue({
      key: keyString(key),
      from,
      to: language,
      segment: { text: machineText.html, format: "html" },
      chars: plainOf(field.format, field.value).length,
      async complete(output) {
        const value = machineText.restore(output);
        const now = nowIso();
        const before = await store.get(key);
        const written = await store.saveMachine({
          ...key,
          format: field.format,
          text: typeof value === "string" ? value : JSON.stringify(value),
          origin: "machine",
          provider: provider.label(from, language),
          translatorId: null,
          status: "draft",
          sourceHash: field.sourceHash,
          sourceLanguage: from,
          reviewedBy: null,
          reviewedAt: null,
          createdAt: before?.createdAt ?? now,
          updatedAt: now,
        });
        if (written) await announce(key);
        else {
          blockedByHuman++;
          logger.debug({ key: keyString(key) }, "machine translation dropped: a person's translation is stored");
        }
      },
    });
  }

  /**
   * Machine drafts of every field into each other working language of the workshop the
   * provider can reach, after the source was written. No reader: the capability that wrote it
   * already authorized the write. Human and current machine translations are left alone.
   */
  async function draftWorkingLanguages(ref: TargetRef, onlyFields?: readonly string[]) {
    const target = await resolve(ref, null);
    const languages = target.workshop.languages.filter((l) => l !== target.sourceLanguage && provider.supports(target.sourceLanguage, l));
    const jobs: { field: string; language: string; state: MachineJobState }[] = [];
    // A long source (a synthesis) names the few fields that changed; the others are settled.
    const wanted = onlyFields ? new Set(onlyFields) : null;
    for (const field of target.fields) {
      if (isEmpty(field) || (wanted && !wanted.has(field.field))) continue;
      for (const language of languages) jobs.push({ field: field.field, language, state: await requestOne(target, field, language) });
    }
    return { sourceLanguage: target.sourceLanguage, jobs };
  }

  /**
   * Machine drafts into a reader's language of the fields nothing translates yet: contributions
   * written before the reader came, or into a language the workshop does not work in. Never
   * waits for them; answers the fields whose draft is on its way.
   */
  async function draftForReader(target: ResolvedTarget, language: string, onlyField?: string): Promise<string[]> {
    if (language === target.sourceLanguage || !provider.supports(target.sourceLanguage, language)) return [];
    const coming: string[] = [];
    for (const field of target.fields) {
      if (isEmpty(field) || (onlyField && field.field !== onlyField)) continue;
      const key: TranslationKey = { workshopId: target.workshopId, targetKind: target.targetKind, targetId: target.targetId, field: field.field, language };
      const state = queue.isPending(keyString(key)) ? "pending" : await requestOne(target, field, language);
      if (state === "queued" || state === "pending") coming.push(field.field);
    }
    return coming;
  }

  return {
    resolve,
    draftForReader,
    get providerName() {
      return provider.name;
    },
    stats: () => ({ ...queue.stats, blockedByHuman }),

    async list(ref: TargetRef, reader: SourceReader, language?: string) {
      const target = await resolve(ref, reader);
      const records = await store.listForTarget(ref.workshopId, ref.targetKind, ref.targetId, language);
      // Records of fields the source no longer has (a removed grid question) are not shown.
      const hashes = new Map(target.fields.map((f) => [f.field, f.sourceHash]));
      const current = records.filter((r) => hashes.has(r.field) && translatesTarget(r, target));
      return { target, records: current.map((r) => ({ record: r, stale: isStale(r, hashes.get(r.field)!) })) };
    },

    /**
     * One field of several targets in one language, for a list. Targets that are unknown or
     * hidden from this reader are left out rather than failing the whole list. Missing
     * translations are queued for machine drafts into that language.
     */
    async listField(workshopId: string, targetKind: TargetRef["targetKind"], targetIds: string[], field: string, language: string, reader: SourceReader) {
      const items = [];
      for (const targetId of new Set(targetIds)) {
        const ref = { workshopId, targetKind, targetId };
        const target = await resolve(ref, reader).catch(() => null);
        if (!target) continue;
        const hash = target.fields.find((f) => f.field === field)?.sourceHash;
        const stored = hash ? await store.get({ ...ref, field, language }) : null;
        const record = stored && translatesTarget(stored, target) ? stored : null;
        // A title nobody translated yet into the language asked for is queued for a machine draft.
        if (!record || isStale(record, hash!)) await draftForReader(target, language, field);
        items.push({ targetId, sourceLanguage: target.sourceLanguage, entry: record && hash ? { record, stale: isStale(record, hash) } : null });
      }
      return items;
    },

    /** A person's translation: it replaces machine output and is never replaced by it. */
    async writeHuman(key: TranslationKey, translatorId: string, reader: SourceReader, text: string | RichTextDoc) {
      const target = await resolve(key, reader);
      const field = fieldOf(target, key.field);
      if (key.language === target.sourceLanguage) throw errors.validation([{ path: "language", message: "is the language the source is written in" }]);
      const expected: FieldFormat = field.format;
      if ((expected === "plain") !== (typeof text === "string")) {
        throw errors.validation([{ path: "text", message: expected === "plain" ? "must be a string for this field" : "must be rich text (a ProseMirror doc) for this field" }]);
      }
      const existing = await store.get(key);
      const now = nowIso();
      const record: TranslationRecord = {
        ...key,
        format: field.format,
        text: typeof text === "string" ? text : JSON.stringify(text),
        origin: "human",
        provider: null,
        translatorId,
        status: "draft",
        sourceHash: field.sourceHash,
        sourceLanguage: target.sourceLanguage,
        reviewedBy: null,
        reviewedAt: null,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      await store.saveHuman(record);
      await announce(key);
      return { record, stale: false };
    },

    /** A second translator vouches for a current translation. */
    async review(key: TranslationKey, reviewerId: string, reader: SourceReader) {
      const target = await resolve(key, reader);
      const field = fieldOf(target, key.field);
      const record = await requireRecord(key);
      if (isStale(record, field.sourceHash)) throw errors.conflict("translation_stale", "the source changed since this translation: update or confirm it before reviewing");
      if (record.translatorId === reviewerId) throw errors.conflict("own_translation", "a second translator reviews a translation, not the one who wrote it");
      if (record.status === "reviewed") return { record, stale: false };
      const at = nowIso();
      if (!(await store.markReviewed(key, reviewerId, at, record.updatedAt))) {
        throw errors.conflict("edit_conflict", "the translation changed while you were reviewing it: read it again");
      }
      await announce(key);
      return { record: { ...record, status: "reviewed" as const, reviewedBy: reviewerId, reviewedAt: at }, stale: false };
    },

    /** Says a stale translation still holds for the current source. */
    async confirm(key: TranslationKey, reader: SourceReader) {
      const target = await resolve(key, reader);
      const field = fieldOf(target, key.field);
      await requireRecord(key);
      await store.confirm(key, field.sourceHash, nowIso());
      await announce(key);
      return { record: await requireRecord(key), stale: false };
    },

    /** Queues machine drafts; never waits for them. Each job answers what became of it. */
    async requestMachine(ref: TargetRef, reader: SourceReader, fields: string[] | undefined, languages: string[]) {
      const target = await resolve(ref, reader);
      const chosen = fields ? fields.map((f) => fieldOf(target, f)) : target.fields;
      const wanted = [...new Set(languages)];
      const unsupported = wanted.filter((l) => l !== target.sourceLanguage && !provider.supports(target.sourceLanguage, l));
      if (unsupported.length) {
        throw new AppError("translation_unavailable", `machine translation (${provider.name}) cannot translate ${target.sourceLanguage} into ${unsupported.join(", ")}`, 422);
      }
      const jobs: { field: string; language: string; state: MachineJobState; provider: string | null }[] = [];
      for (const field of chosen) {
        if (isEmpty(field)) continue;
        for (const language of wanted) {
          const state = await requestOne(target, field, language);
          jobs.push({ field: field.field, language, state, provider: state === "source" ? null : provider.label(target.sourceLanguage, language) });
        }
      }
      return { provider: provider.name, jobs };
    },

    draftWorkingLanguages,

    /**
     * An author's (or a translator's, or a facilitator's) correction of the detected source
     * language. Machine drafts made from the wrong language are redone into the working languages.
     */
    async setSourceLanguage(ref: TargetRef, reader: SourceReader, language: string) {
      const target = await resolve(ref, reader);
      const isAuthor = target.source.authorIds?.includes(reader.userId) ?? false;
      if (!isAuthor && !can(reader.role, "translation.write")) throw errors.forbidden("correct the source language");
      await store.setSourceLanguage({ ...ref, language, setBy: reader.userId, setAt: nowIso() });
      const corrected = await resolve(ref, reader);
      if (language !== target.sourceLanguage) await draftWorkingLanguages(ref);
      return corrected;
    },

    /** What is left to translate, per language: missing, machine-only and stale fields, and progress. */
    async translatorQueue(workshopId: string, reader: SourceReader, language?: string) {
      const workshop = await storage.workshops.byId(workshopId);
      if (!workshop) throw errors.notFound("workshop");
      const languages = [...new Set([...workshop.languages, ...(language ? [language] : [])])];
      const records = new Map<string, TranslationRecord>();
      for (const l of languages) for (const r of await store.listForLanguage(workshopId, l)) records.set(keyString(r), r);
      const counts = new Map(languages.map((l) => [l, { language: l, total: 0, missing: 0, machine: 0, stale: 0, draft: 0, reviewed: 0, progress: 0 }]));
      const items: { targetKind: TranslationTargetKind; targetId: string; label: string; field: string; language: string; sourceLanguage: string; state: "missing" | "machine" | "stale" }[] = [];
      for (const registered of sources.all()) {
        for (const targetId of (await registered.list?.(workshopId)) ?? []) {
          let target: ResolvedTarget;
          try {
            target = await resolve({ workshopId, targetKind: registered.kind, targetId }, reader);
          } catch {
            continue; // Hidden from this reader, or gone meanwhile.
          }
          for (const field of target.fields) {
            if (isEmpty(field)) continue;
            for (const l of languages) {
              if (l === target.sourceLanguage) continue;
              const key = { workshopId, targetKind: registered.kind, targetId, field: field.field, language: l };
              const stored = records.get(keyString(key));
              const state: TranslationState = translationState(stored && translatesTarget(stored, target) ? stored : null, field.sourceHash);
              const count = counts.get(l)!;
              count.total++;
              count[state]++;
              if ((!language || language === l) && (state === "missing" || state === "machine" || state === "stale")) {
                items.push({ targetKind: registered.kind, targetId, label: target.source.label, field: field.field, language: l, sourceLanguage: target.sourceLanguage, state });
              }
            }
          }
        }
      }
      const progress = [...counts.values()]
        // A language nothing needs translating into (every source is written in it) is left out.
        .filter((c) => (language ? c.language === language : c.total > 0))
        .map((c) => ({ ...c, progress: c.total ? (c.draft + c.reviewed) / c.total : 1 }));
      return { progress, items };
    },
  };
}

export type TranslationService = ReturnType<typeof createTranslationService>;
