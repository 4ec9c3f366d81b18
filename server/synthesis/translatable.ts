// What the synthesis gives the translation capability: each document as a translatable source
// (targetId = the document's id, one rich field per block, `block:<blockId>`, in the document's
// language), machine drafts that follow edits once typing pauses (the search index of its passages
// follows in the same pass), and the route a translator and a reader use to see the document
// block by block in one language, with what changed since the last agreed version. Translation never imports this folder: app.ts wires the two together.
//
// Translations are kept per workshop, like every translation: a series' synthesis is translated
// in each workshop that reads it, into that workshop's working languages.
import { createHash } from "node:crypto";
import { Router, type Response } from "express";
import type { Logger } from "pino";
import { z } from "zod";
import { storedTranslations, synthesisBlockField, translationState, type TranslationState } from "../../shared/domain/translations.js";
import { richTextToPlain, sanitizeRichText, type RichTextDoc } from "../../shared/richtext.js";
import { id } from "../../shared/schemas/common.js";
import type { ServerEventPayload } from "../../shared/schemas/live.js";
import { synthesisTranslations, synthesisTranslationsQuery, type SynthesisTranslations } from "../../shared/schemas/translations.js";
import { actorOf } from "../auth/index.js";
import { defineRoute, type Guard } from "../http/route.js";
import type { MembershipRecord, Storage, SynthesisDocumentRecord, TranslationRecord } from "../storage/port.js";
import { peopleOf, presentTranslation, sourceHash, type SourceReader, type TranslatableSource, type TranslationService } from "../translation/index.js";
import { contentOfState, type PmNode } from "./content.js";
import type { DocumentHooks, DocumentStore } from "./documents.js";
import type { SynthesisService } from "./service.js";

export const synthesisTargetKind = "synthesis" as const;

/** One block with text, as translation sees it. */
export interface SourceBlock {
  blockId: string;
  field: string;
  type: "paragraph" | "heading";
  level: number | null;
  indent: number;
  marker: string | null;
  quote: boolean;
  /** The block alone, as rich text without its id: marks, links and citations kept. */
  value: RichTextDoc;
  text: string;
  sourceHash: string;
}

/** Paragraphs and headings with text, in document order, with where they sit in lists and quotes. */
export function sourceBlocks(content: PmNode): SourceBlock[] {
  const out: SourceBlock[] = [];
  const seen = new Set<string>();
  // A list item's marker goes to its first block with text.
  let marker: string | null = null;
  const walk = (nodes: PmNode[] | undefined, indent: number, quote: boolean) => {
    for (const node of nodes ?? []) {
      if (node.type === "paragraph" || node.type === "heading") {
        const blockId = node.attrs?.blockId;
        const level = node.type === "heading" && typeof node.attrs?.level === "number" ? node.attrs.level : null;
        const value = sanitizeRichText({ type: "doc", content: [{ type: node.type, ...(level !== null && { attrs: { level } }), content: node.content ?? [] }] });
        const text = richTextToPlain(value);
        // Blocks without an id are repaired by the server at once; empty ones have nothing to translate.
        if (typeof blockId !== "string" || !blockId || seen.has(blockId) || !text.trim()) continue;
        seen.add(blockId);
        out.push({ blockId, field: synthesisBlockField(blockId), type: node.type, level, indent, marker, quote, value, text, sourceHash: sourceHash("rich", value) });
        marker = null;
      } else if (node.type === "bulletList" || node.type === "orderedList") {
        const start = typeof node.attrs?.start === "number" ? node.attrs.start : 1;
        (node.content ?? []).forEach((item, index) => {
          marker = node.type === "bulletList" ? "•" : `${start + index}.`;
          walk(item.content, indent + 1, quote);
          marker = null;
        });
      } else if (node.type === "blockquote") {
        walk(node.content, indent + 1, true);
      } else {
        walk(node.content, indent, quote);
      }
    }
  };
  walk(content.content, 0, false);
  return out;
}

/** What this module needs of the translation capability. */
export interface SynthesisTranslationPort {
  registerSource(source: TranslatableSource): void;
  service: Pick<TranslationService, "list" | "draftWorkingLanguages">;
}

export interface SynthesisTranslationOptions {
  storage: Storage;
  logger: Logger;
  synthesis: { service: Pick<SynthesisService, "content">; documents: Pick<DocumentStore, "use"> };
  translation: SynthesisTranslationPort;
  /** Quiet time after the last edit before machine drafts of the blocks that changed. */
  delayMs: number;
  emit: (workshopId: string, event: "synthesis.text.updated", payload: ServerEventPayload<"synthesis.text.updated">) => void;
}

/** A small map that forgets its oldest entries. */
class Recent<K, V> {
  private readonly entries = new Map<K, V>();
  constructor(private readonly max: number) {}
  get(key: K): V | undefined {
    return this.entries.get(key);
  }
  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as K);
  }
  delete(key: K): void {
    this.entries.delete(key);
  }
}

export function createSynthesisTranslation(options: SynthesisTranslationOptions) {
  const { storage, logger, synthesis, translation } = options;

  // Every change goes through the document store, whose `applied` hook counts it: a document's
  // blocks are computed once per revision, however many machine drafts load them.
  const revisions = new Map<string, number>();
  const blocksCache = new Recent<string, { revision: number; blocks: SourceBlock[] }>(16);
  const agreedCache = new Recent<string, Map<string, string>>(16);

  async function blocksOf(record: SynthesisDocumentRecord): Promise<SourceBlock[]> {
    const revision = revisions.get(record.id) ?? 0;
    const cached = blocksCache.get(record.id);
    if (cached && cached.revision === revision) return cached.blocks;
    const blocks = sourceBlocks(await synthesis.service.content(record));
    // Cached only if no change was stored meanwhile: the blocks then are exactly this revision's.
    if ((revisions.get(record.id) ?? 0) === revision) blocksCache.set(record.id, { revision, blocks });
    return blocks;
  }

  /** The workshops a document belongs to: its own, or every workshop of its series. */
  async function workshopsOf(record: SynthesisDocumentRecord): Promise<string[]> {
    if (record.workshopId) return [record.workshopId];
    return record.seriesId ? (await storage.workshops.listInSeries(record.seriesId)).map((w) => w.id) : [];
  }

  async function belongsTo(record: SynthesisDocumentRecord, workshopId: string): Promise<boolean> {
    if (record.scope === "workshop") return record.workshopId === workshopId;
    const workshop = await storage.workshops.byId(workshopId);
    return !!workshop && workshop.seriesId !== null && workshop.seriesId === record.seriesId;
  }

  /**
   * Reached through one of its workshops only, whose members all read it (a series' synthesis
   * is read by the members of every workshop of the series): no `visibleTo` is needed.
   */
  const source: TranslatableSource = {
    kind: synthesisTargetKind,
    async load(workshopId, documentId) {
      const record = await storage.synthesis.documentById(documentId);
      if (!record || !(await belongsTo(record, workshopId))) return null;
      const blocks = await blocksOf(record);
      return {
        label: record.title || "Synthesis",
        fields: blocks.map((b) => ({ field: b.field, format: "rich" as const, value: b.value })),
        language: record.language,
        authorIds: record.createdBy ? [record.createdBy] : [],
      };
    },
    // No `list`: a synthesis has its own workspace per document; its hundreds of blocks stay out of the general queue.
  };
  translation.registerSource(source);

  /** Block texts of the version recorded when the document was last agreed. */
  async function lastAgreed(documentId: string): Promise<{ versionId: string; at: string; texts: Map<string, string> } | null> {
    const history = await storage.synthesis.statusHistory(documentId);
    const last = history.filter((c) => c.to === "agreed").sort((a, b) => a.changedAt.localeCompare(b.changedAt)).at(-1);
    if (!last) return null;
    let texts = agreedCache.get(last.versionId);
    if (!texts) {
      const found = await storage.synthesis.versionWithState(documentId, last.versionId);
      if (!found) return null;
      texts = new Map(sourceBlocks(contentOfState(found.state)).map((b) => [b.blockId, b.text]));
      agreedCache.set(last.versionId, texts);
    }
    return { versionId: last.versionId, at: last.changedAt, texts };
  }

  // ---- machine drafts that follow edits
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();
  /** Per workshop and document, the hash of each block last handed to machine translation. */
  const settled = new Map<string, Map<string, string>>();
  /** Per document, a digest of its blocks at the last pass: readers hear of a change once. */
  const announced = new Map<string, string>();
  /** Documents that had a pass since the server started. */
  const settledOnce = new Set<string>();
  let closed = false;

  async function pass(documentId: string): Promise<void> {
    const record = await storage.synthesis.documentById(documentId);
    if (!record) return;
    settledOnce.add(documentId);
    const blocks = await blocksOf(record);
    const workshopIds = await workshopsOf(record);
    const digest = createHash("sha256")
      .update([record.title, ...blocks.map((b) => `${b.field}=${b.sourceHash}`)].join("\n"))
      .digest("hex");
    if (announced.get(documentId) !== digest) {
      // Search finds the settled text, passage by passage, in every workshop that reads it.
      const passages = blocks.map((b) => ({ blockId: b.blockId, text: b.text }));
      for (const workshopId of workshopIds) {
        await storage.reading
          .indexSynthesis({ workshopId, document: { id: record.id, kind: record.kind, title: record.title, createdBy: record.createdBy }, passages, at: new Date().toISOString() })
          .catch((err) => logger.error({ err, workshopId, documentId }, "indexing a synthesis for search failed"));
      }
      announced.set(documentId, digest);
      for (const workshopId of workshopIds) options.emit(workshopId, "synthesis.text.updated", { workshopId, documentId });
    }
    for (const workshopId of workshopIds) {
      if (closed) return;
      const key = `${workshopId}/${documentId}`;
      const before = settled.get(key) ?? new Map<string, string>();
      const changed = new Set(blocks.filter((b) => before.get(b.field) !== b.sourceHash).map((b) => b.field));
      if (changed.size === 0) continue;
      try {
        const { jobs } = await translation.service.draftWorkingLanguages({ workshopId, targetKind: synthesisTargetKind, targetId: documentId }, [...changed]);
        // A job the full queue refused is tried again at the next pass.
        const refused = new Set(jobs.filter((j) => j.state === "refused").map((j) => j.field));
        const after = new Map<string, string>();
        for (const b of blocks) {
          const hash = changed.has(b.field) ? (refused.has(b.field) ? undefined : b.sourceHash) : before.get(b.field);
          if (hash) after.set(b.field, hash);
        }
        settled.set(key, after);
      } catch (err) {
        logger.error({ err, workshopId, documentId }, "machine drafts of a synthesis failed");
      }
    }
  }

  function run(documentId: string): Promise<void> {
    const current = running.get(documentId);
    if (current) {
      again.add(documentId);
      return current;
    }
    const task = (async () => {
      do {
        again.delete(documentId);
        await pass(documentId).catch((err) => logger.error({ err, documentId }, "following a synthesis edit for translation failed"));
      } while (again.has(documentId) && !closed);
    })().finally(() => running.delete(documentId));
    running.set(documentId, task);
    return task;
  }

  /** When the edits now waiting for a pass began, per document. */
  const waitingSince = new Map<string, number>();
  const now = () => performance.now();

  function runNow(documentId: string): void {
    clearTimeout(timers.get(documentId));
    timers.delete(documentId);
    waitingSince.delete(documentId);
    void run(documentId);
  }

  /**
   * Typing stores an update per keystroke: the pass waits for a pause, but not forever when
   * several people keep typing (at most ten pauses' time after the first edit waiting).
   */
  function changed(documentId: string): void {
    if (closed || !documentId) return;
    const since = waitingSince.get(documentId) ?? now();
    waitingSince.set(documentId, since);
    if (now() - since >= options.delayMs * 10) return runNow(documentId);
    clearTimeout(timers.get(documentId));
    const timer = setTimeout(() => runNow(documentId), options.delayMs);
    timer.unref();
    timers.set(documentId, timer);
  }

  const hooks: DocumentHooks = {
    // Drafts still waiting when the server stopped are lost with it: each document's first load
    // after a start has a pass, which queues what is missing (bounded by the queue's size).
    loaded({ shared }) {
      if (shared.documentId && !settledOnce.has(shared.documentId)) changed(shared.documentId);
    },
    applied(shared) {
      if (!shared.documentId) return;
      revisions.set(shared.documentId, (revisions.get(shared.documentId) ?? 0) + 1);
      changed(shared.documentId);
    },
    // The copy in memory held what storage lacks: what was computed from it is forgotten.
    evicted(shared) {
      if (!shared.documentId) return;
      revisions.set(shared.documentId, (revisions.get(shared.documentId) ?? 0) + 1);
      blocksCache.delete(shared.documentId);
    },
  };
  synthesis.documents.use(hooks);

  /** The document as a reader or translator of `language` sees it, block by block. */
  async function inLanguage(workshopId: string, documentId: string, reader: SourceReader, language: string): Promise<SynthesisTranslations> {
    const ref = { workshopId, targetKind: synthesisTargetKind, targetId: documentId };
    // Resolves the target as this reader may see it: unknown documents and others' are not_found.
    const { target, records } = await translation.service.list(ref, reader);
    const record = (await storage.synthesis.documentById(documentId))!;
    const blocks = await blocksOf(record);
    const agreed = await lastAgreed(documentId);
    const sourceLanguage = target.sourceLanguage;
    const byKey = new Map<string, { record: TranslationRecord; stale: boolean }>(records.map((r) => [`${r.record.field}/${r.record.language}`, r]));
    const person = peopleOf(storage);

    const languages = [...new Set([...target.workshop.languages, language])].filter((l) => l !== sourceLanguage);
    const progress = languages.map((l) => {
      const counts = { language: l, total: blocks.length, missing: 0, machine: 0, stale: 0, draft: 0, reviewed: 0, progress: 0 };
      for (const b of blocks) counts[translationState(byKey.get(`${b.field}/${l}`)?.record ?? null, b.sourceHash)]++;
      return { ...counts, progress: counts.total ? (counts.draft + counts.reviewed) / counts.total : 1 };
    });

    return {
      documentId,
      kind: record.kind,
      title: record.title,
      status: record.status,
      sourceLanguage,
      language,
      agreed: agreed && { versionId: agreed.versionId, at: agreed.at },
      progress,
      blocks: await Promise.all(
        blocks.map(async (b) => {
          const entry = language === sourceLanguage ? undefined : byKey.get(`${b.field}/${language}`);
          const state: TranslationState | "source" = language === sourceLanguage ? "source" : translationState(entry?.record ?? null, b.sourceHash);
          return {
            blockId: b.blockId,
            field: b.field,
            type: b.type,
            level: b.level,
            indent: b.indent,
            marker: b.marker,
            quote: b.quote,
            source: b.value,
            text: b.text,
            sourceHash: b.sourceHash,
            changedSinceAgreed: agreed ? agreed.texts.get(b.blockId) !== b.text : null,
            state,
            translation: entry ? await presentTranslation(entry, person) : null,
          };
        }),
      ),
    };
  }

  /**
   * For exports: the blocks of `content` (the current text, or a version's) with each one's
   * stored translation in each of `languages` and its state against that block's own text, so
   * a version's export marks as stale what was translated from another text.
   */
  async function blocksWithTranslations(workshopId: string, record: SynthesisDocumentRecord, content: PmNode, languages: string[]) {
    const inLanguages = storedTranslations(await storage.translations.listForTarget(workshopId, synthesisTargetKind, record.id), record.language);
    return sourceBlocks(content).map((block) => ({ ...block, languages: inLanguages(block.field, block.sourceHash, languages) }));
  }

  return {
    source,
    hooks,
    blocksWithTranslations,
    /** A status change or a new version: the changed blocks get their drafts now, not after the pause. */
    settle(documentId: string): void {
      if (!closed) runNow(documentId);
    },
    inLanguage,
    /**
     * One pass for every document after a start, one at a time: a document nobody has opened
     * since (a new demo, one written before an upgrade) gets its search index and missing
     * drafts too. Each leaves memory again after the idle time.
     */
    async sweep(): Promise<void> {
      if (closed) return;
      for (const record of await storage.synthesis.listDocuments({ all: true })) {
        if (closed) return;
        if (!settledOnce.has(record.id)) await run(record.id);
      }
    },
    /** Resolves once no pass is waiting or running (tests, shutdown). */
    async idle(): Promise<void> {
      while (running.size) await Promise.all([...running.values()]);
    },
    async close(): Promise<void> {
      closed = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.all([...running.values()]);
    },
  };
}

export type SynthesisTranslation = ReturnType<typeof createSynthesisTranslation>;

/** GET …/synthesis/documents/:documentId/translations: the document block by block in one language. */
export function synthesisTranslationRoutes(synthesisTranslation: SynthesisTranslation, guard: Guard): Router {
  const router = Router();
  const readerOf = (res: Response) => ({ userId: actorOf(res).user.id, role: (res.locals.membership as MembershipRecord).role });
  defineRoute(
    router,
    guard,
    {
      method: "get",
      path: "/api/workshops/:workshopId/synthesis/documents/:documentId/translations",
      tag: "translations",
      summary:
        "A synthesis document block by block in one language: each block's source (rich text and plain), its sourceHash, whether it changed since the last agreed version, and its translation (machine output labelled, stale flagged), with progress per working language. Write and review blocks with the translation routes: targetKind `synthesis`, targetId the document's id, field `block:<blockId>`.",
      access: { action: "translation.read", workshopParam: "workshopId" },
      params: z.object({ workshopId: id, documentId: id }),
      query: synthesisTranslationsQuery,
      response: synthesisTranslations,
      errors: ["unavailable"],
    },
    async ({ params, query, res }) => synthesisTranslation.inLanguage(params.workshopId, params.documentId, readerOf(res), query.language),
  );
  return router;
}
