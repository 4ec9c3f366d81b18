// Use cases of synthesis documents: the registry, templates, status, versions, diff,
// restore and provenance. Plain TypeScript: no HTTP or socket types. The Yjs endpoint
// and these use cases share one DocumentStore, so every change goes through the log.
import type { Logger } from "pino";
import type { CitationKind } from "../../shared/editor.js";
import { can } from "../../shared/permissions.js";
import type { ServerEventName, ServerEventPayload } from "../../shared/schemas/live.js";
import type { CitingPassage, CreateDocumentBody, SynthesisDiff } from "../../shared/schemas/synthesis.js";
import { canChangeStatus, isReadOnlyStatus, workshopDocumentName, type SynthesisStatus } from "../../shared/synthesis.js";
import { templateDocument, type SynthesisTemplate } from "../../shared/synthesis-templates.js";
import type { AuthService } from "../auth/index.js";
import { errors } from "../errors.js";
import { newId, nowIso } from "../ids.js";
import type { ProposalLinkRecord, Storage, SynthesisDocumentRecord } from "../storage/port.js";
import { blockIdHooks, blockIdRepair, blocksNeedingIds, newBlockId } from "./block-ids.js";
import { createCitationIndex, excerptOf, findBlock } from "./citations.js";
import { blocksOf, diffBlocks, type PmNode } from "../../shared/synthesis-diff.js";
import { contentOf, contentOfState, fragmentOf, isEmptyDocument, replaceContent } from "./content.js";
import { DocumentLoadError, DocumentStore, type Exclusive } from "./documents.js";
import { logPersistence } from "./persistence.js";
import { presentVersion, type Names } from "./presenter.js";
import { createRegistry, type DocumentAccess } from "./registry.js";
import { captureVersion, createVersions, markVersioned } from "./versions.js";
import { createYjsEndpoint } from "./yjs-endpoint.js";
import type { OriginPolicy } from "../http/origin.js";

type SynthesisEvent = Extract<ServerEventName, `synthesis.${string}`>;
/** Sends a server event to everyone in a workshop's live room. */
export type Emit = <E extends SynthesisEvent>(workshopId: string, event: E, payload: ServerEventPayload<E>) => void;

export interface SynthesisOptions {
  storage: Storage;
  auth: AuthService;
  /** Which browser origins may open a document with a visitor's cookie. */
  origins: OriginPolicy;
  logger: Logger;
  /** How long a document stays in memory after its last connection closes. */
  idleMs: number;
  /** Fold the log into a snapshot once it holds this many entries. */
  compactAfter: number;
  /** Minutes between the first edit after a version and the automatic version that follows. */
  autoVersionMinutes: number;
  emit: Emit;
}

export function createSynthesis(options: SynthesisOptions) {
  const { storage, logger } = options;
  const documents = new DocumentStore(logPersistence(storage.yjs, logger, { compactAfter: options.compactAfter }), logger, { idleMs: options.idleMs });
  const registry = createRegistry(storage);

  async function toWorkshops(record: SynthesisDocumentRecord, send: (workshopId: string) => void): Promise<void> {
    for (const workshopId of await registry.workshopsOf(record)) send(workshopId);
  }
  const emitVersionsUpdated = (documentId: string) =>
    void storage.synthesis
      .documentById(documentId)
      .then((record) => record && toWorkshops(record, (workshopId) => options.emit(workshopId, "synthesis.versions.updated", { workshopId, documentId })))
      .catch((err) => logger.error({ err, documentId }, "could not announce a new version"));

  // Hooks, in order: the registry tells each document its id and status first.
  documents.use({
    async loaded({ shared }) {
      const record = await registry.recordOf(shared.name);
      if (!record) throw new Error(`no synthesis document is registered as ${shared.name}`);
      shared.documentId = record.id;
      shared.status = record.status;
    },
  });
  const yjs = createYjsEndpoint({ documents, registry, auth: options.auth, logger, origins: options.origins });
  documents.use(blockIdHooks(fragmentOf));
  const citations = createCitationIndex(storage, documents, fragmentOf);
  documents.use(citations.hooks);
  const versions = createVersions({ storage, documents, logger, autoVersionMs: options.autoVersionMinutes * 60_000, recorded: emitVersionsUpdated });
  documents.use(versions.hooks);

  /** Runs a task alone on a document, loading it if needed; a failed load is a 503 and writes nothing. */
  async function onDocument<T>(record: SynthesisDocumentRecord, task: (ctx: Exclusive) => Promise<T> | T): Promise<T> {
    try {
      return await documents.withDocument(record.docName, (shared) => documents.exclusive(shared, task));
    } catch (error) {
      if (error instanceof DocumentLoadError) {
        logger.error({ err: error.cause, doc: record.docName }, "could not load document");
        throw errors.unavailable("the document could not be loaded; try again");
      }
      throw error;
    }
  }

  async function names(userIds: (string | null)[]): Promise<Names> {
    const found: Names = new Map();
    for (const id of new Set(userIds.filter((x): x is string => Boolean(x)))) {
      const user = await storage.users.byId(id);
      if (user) found.set(id, user.displayName);
    }
    return found;
  }

  function requireWritable(ctx: Exclusive): void {
    if (isReadOnlyStatus(ctx.shared.status)) throw errors.conflict("synthesis_agreed", "the document is agreed; a facilitator must reopen it first");
  }

  /** Gives ids to blocks that lack one after a change made from outside content (old versions). */
  async function repairBlockIds(ctx: Exclusive): Promise<void> {
    const repair = blockIdRepair(fragmentOf(ctx.doc));
    if (repair) await ctx.change("block-ids", repair);
  }

  async function fillFromTemplate(ctx: Exclusive, template: SynthesisTemplate, language: string): Promise<void> {
    requireWritable(ctx);
    if (!isEmptyDocument(ctx.doc)) throw errors.conflict("synthesis_not_empty", "a template applies only to an empty document");
    const { taken } = blocksNeedingIds(fragmentOf(ctx.doc));
    const content = templateDocument(template, language, () => {
      const id = newBlockId(taken);
      taken.add(id);
      return id;
    });
    await ctx.change("template", (doc) => replaceContent(doc, content));
  }

  async function versionContent(record: SynthesisDocumentRecord, versionId: string) {
    const found = await storage.synthesis.versionWithState(record.id, versionId);
    if (!found) throw errors.notFound("version");
    return { version: found.version, content: contentOfState(found.state) };
  }

  const service = {
    /** Authorizes an action on a document by id: for routes. */
    access: (userId: string, documentId: string, action: Parameters<typeof registry.accessById>[2]) => registry.accessById(userId, documentId, action),

    /** The documents a workshop's members see: its main synthesis, its other documents, its series' synthesis. */
    async listDocuments(userId: string, workshopId: string): Promise<DocumentAccess[]> {
      const workshop = await storage.workshops.byId(workshopId);
      const membership = await storage.workshops.membership(workshopId, userId);
      if (!workshop || !membership) throw errors.notFound("workshop");
      await registry.mainOf(workshopId);
      const own = (await storage.synthesis.listDocuments({ workshopId })).map((record) => ({ record, role: membership.role }));
      // The main synthesis first, then the others in creation order.
      own.sort((a, b) => Number(b.record.kind === "main") - Number(a.record.kind === "main"));
      if (!workshop.seriesId) return own;
      const series = await registry.seriesSynthesisOf(workshop.seriesId);
      const role = series ? await registry.roleIn(series, userId) : null;
      return series && role ? [...own, { record: series, role }] : own;
    },

    async createDocument(userId: string, workshopId: string, body: CreateDocumentBody): Promise<SynthesisDocumentRecord> {
      const workshop = await storage.workshops.byId(workshopId);
      if (!workshop) throw errors.notFound("workshop");
      const id = newId();
      const now = nowIso();
      const record: SynthesisDocumentRecord = {
        id,
        docName: workshopDocumentName(workshopId, id),
        scope: "workshop",
        workshopId,
        seriesId: null,
        kind: body.kind,
        title: body.title,
        language: body.language ?? workshop.languages[0] ?? "fr",
        status: "draft",
        statusChangedAt: null,
        createdBy: userId,
        createdAt: now,
        updatedAt: now,
      };
      await storage.synthesis.createDocument(record);
      if (body.template) await onDocument(record, (ctx) => fillFromTemplate(ctx, body.template!, record.language));
      options.emit(workshopId, "synthesis.documents.updated", { workshopId });
      return record;
    },

    /** Only documents named by people (per-sequence notes): the main and series syntheses are named by the client. */
    async rename(record: SynthesisDocumentRecord, title: string): Promise<SynthesisDocumentRecord> {
      if (record.kind !== "sequence-notes") throw errors.badRequest("the main synthesis and the series synthesis keep their names");
      const updatedAt = nowIso();
      await storage.synthesis.renameDocument(record.id, title, updatedAt);
      await toWorkshops(record, (workshopId) => options.emit(workshopId, "synthesis.documents.updated", { workshopId }));
      return { ...record, title, updatedAt };
    },

    async applyTemplate(record: SynthesisDocumentRecord, template: SynthesisTemplate, language?: string): Promise<void> {
      await onDocument(record, (ctx) => fillFromTemplate(ctx, template, language ?? record.language));
      await toWorkshops(record, (workshopId) => options.emit(workshopId, "synthesis.documents.updated", { workshopId }));
    },

    async statusHistory(record: SynthesisDocumentRecord) {
      const history = await storage.synthesis.statusHistory(record.id);
      return { history, names: await names(history.map((c) => c.changedBy)) };
    },

    /**
     * Moves the status and records who, when, and the text at that moment (a version), in
     * one step run alone on the document: from the next update on, the new status applies.
     */
    async changeStatus(record: SynthesisDocumentRecord, userId: string, to: SynthesisStatus, expected?: SynthesisStatus) {
      const outcome = await onDocument(record, async (ctx) => {
        const current = (await storage.synthesis.documentById(record.id)) ?? record;
        const refuse = () => errors.conflict("synthesis_status_transition", `the status cannot go from ${current.status} to ${to}`);
        if ((expected && expected !== current.status) || !canChangeStatus(current.status, to)) throw refuse();
        const { version, state } = captureVersion(ctx, { kind: "status", createdBy: userId });
        const change = { id: newId(), documentId: record.id, from: current.status, to, changedBy: userId, changedAt: version.createdAt, versionId: version.id };
        if (!(await storage.synthesis.changeStatus(change, version, state))) throw refuse();
        ctx.shared.status = to;
        markVersioned(ctx.shared);
        ctx.shared.publishServerState();
        if (isReadOnlyStatus(current.status) && !isReadOnlyStatus(to)) documents.reopened(ctx.shared);
        return { change, record: { ...current, status: to, statusChangedAt: change.changedAt, updatedAt: change.changedAt } };
      });
      const who = await names([userId]);
      await toWorkshops(record, (workshopId) => {
        options.emit(workshopId, "synthesis.status", {
          workshopId,
          documentId: record.id,
          status: to,
          changedBy: { userId, displayName: who.get(userId) ?? "" },
          changedAt: outcome.change.changedAt,
          versionId: outcome.change.versionId,
        });
        options.emit(workshopId, "synthesis.versions.updated", { workshopId, documentId: record.id });
      });
      return { ...outcome, names: who };
    },

    async listVersions(record: SynthesisDocumentRecord) {
      const list = await storage.synthesis.listVersions(record.id);
      const who = await names(list.map((v) => v.createdBy));
      return list.map((v) => presentVersion(v, who));
    },

    async createVersion(record: SynthesisDocumentRecord, userId: string, name: string) {
      const version = await onDocument(record, (ctx) => versions.record(ctx, { kind: "manual", name, createdBy: userId }));
      return presentVersion(version, await names([userId]));
    },

    async version(record: SynthesisDocumentRecord, versionId: string) {
      const { version, content } = await versionContent(record, versionId);
      return { version: presentVersion(version, await names([version.createdBy])), content };
    },

    /** Inserted and removed words between two versions, or a version and the current text. */
    async diff(record: SynthesisDocumentRecord, from: string, to: string): Promise<SynthesisDiff> {
      const side = async (ref: string) =>
        ref === "current" ? { version: null, content: await onDocument(record, (ctx) => contentOf(ctx.doc)) } : versionContent(record, ref);
      const [before, after] = [await side(from), await side(to)];
      const who = await names([before.version?.createdBy ?? null, after.version?.createdBy ?? null]);
      return {
        from: before.version ? presentVersion(before.version, who) : null,
        to: after.version ? presentVersion(after.version, who) : null,
        ...diffBlocks(blocksOf(before.content), blocksOf(after.content)),
      };
    },

    /**
     * Brings back an old version's text as a new change on top of the current one: history
     * is kept, connected clients receive it like any edit, and a `restore` version records it.
     */
    async restore(record: SynthesisDocumentRecord, versionId: string, userId: string) {
      const { content } = await versionContent(record, versionId);
      const version = await onDocument(record, async (ctx) => {
        requireWritable(ctx);
        await ctx.change("restore", (doc) => replaceContent(doc, content));
        await repairBlockIds(ctx);
        return versions.record(ctx, { kind: "restore", createdBy: userId, restoredFrom: versionId });
      });
      return presentVersion(version, await names([userId]));
    },

    /** The current text as ProseMirror JSON. */
    content: (record: SynthesisDocumentRecord): Promise<PmNode> => onDocument(record, (ctx) => contentOf(ctx.doc)),

    /**
     * Passages that cite a contribution, or took in a proposal marked "merged into
     * synthesis", in the documents this user may read.
     */
    async passagesCiting(userId: string, kind: CitationKind, targetIds: string[]): Promise<CitingPassage[]> {
      const rows: { documentId: string; blockId: string; excerpt: string; targetId: string; via: CitingPassage["via"] }[] = [];
      for (const targetId of new Set(targetIds)) {
        for (const row of await citations.citing(kind, targetId)) rows.push({ ...row, targetId, via: "citation" });
        if (kind === "proposal") for (const link of await storage.synthesis.proposalLinks(targetId)) rows.push({ ...link, targetId, via: "merged" });
      }
      const readable = new Map<string, SynthesisDocumentRecord | null>();
      const passages: CitingPassage[] = [];
      for (const row of rows) {
        if (!readable.has(row.documentId)) {
          const record = await storage.synthesis.documentById(row.documentId);
          const role = record ? await registry.roleIn(record, userId) : null;
          readable.set(row.documentId, record && can(role, "synthesis.read") ? record : null);
        }
        const record = readable.get(row.documentId);
        if (!record) continue;
        passages.push({ targetId: row.targetId, documentId: record.id, docName: record.docName, documentKind: record.kind, title: record.title, blockId: row.blockId, excerpt: row.excerpt, via: row.via });
      }
      return passages;
    },

    /**
     * Links a proposal marked "merged into synthesis" to the passage that took it in. The
     * document must be the workshop's, or its series' synthesis, and hold the block. The
     * caller (the contributions capability) has checked the proposal and the actor's right.
     */
    async linkProposalToPassage(input: { workshopId: string; proposalId: string; documentId: string; blockId: string; linkedBy: string }): Promise<ProposalLinkRecord> {
      const workshop = await storage.workshops.byId(input.workshopId);
      const record = await storage.synthesis.documentById(input.documentId);
      const belongs = record && workshop && (record.workshopId === workshop.id || (record.seriesId !== null && record.seriesId === workshop.seriesId));
      if (!record || !belongs) throw errors.notFound("synthesis document");
      const excerpt = await onDocument(record, (ctx) => {
        const block = findBlock(fragmentOf(ctx.doc), input.blockId);
        if (!block) throw errors.notFound("passage");
        return excerptOf(block);
      });
      const link: ProposalLinkRecord = {
        workshopId: input.workshopId,
        proposalId: input.proposalId,
        documentId: record.id,
        blockId: input.blockId,
        excerpt,
        linkedBy: input.linkedBy,
        linkedAt: nowIso(),
      };
      await storage.synthesis.linkProposal(link);
      return link;
    },
  };

  return { yjs, documents, service };
}

export type Synthesis = ReturnType<typeof createSynthesis>;
export type SynthesisService = Synthesis["service"];
