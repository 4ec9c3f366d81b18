// Yjs documents in memory, backed by the storage port's append-only log.
// Every update is appended before it is applied and broadcast, so what any client
// has received back from the server is on disk. A failed load never yields an
// empty document: the error reaches the client instead. The core is small; what a
// synthesis adds (block ids, status, versions, citations, broadcast) plugs in as hooks.
import type { Logger } from "pino";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { isReadOnlyStatus, serverAwarenessKey, type DocumentPerson, type ServerAwareness, type SynthesisStatus } from "../../shared/synthesis.js";
import type { Storage } from "../storage/port.js";

/** Who holds a connection to a document (the endpoint's connections extend this). */
export interface DocumentConnection {
  userId: string;
  name: string;
  language: string;
  canWrite: boolean;
}

/** Origin of a change the server makes itself (block ids, restore, template): stored, then broadcast. */
export class ServerChange {
  constructor(readonly reason: string) {}
}

/** The document could not be read from storage; nothing was written. */
export class DocumentLoadError extends Error {
  constructor(
    readonly docName: string,
    override readonly cause: unknown,
  ) {
    super(`could not load document ${docName}`);
  }
}

/** A client sent an update that does not decode; nothing was stored. */
export class MalformedUpdateError extends Error {
  constructor(readonly docName: string) {
    super(`an update for ${docName} does not decode`);
  }
}

/** Whether a Yjs update decodes whole (structs, contents and delete set), without applying it anywhere. */
export function isDecodable(update: Uint8Array): boolean {
  try {
    Y.decodeUpdate(update);
    return true;
  } catch {
    return false;
  }
}

export class SharedDocument {
  readonly doc = new Y.Doc({ gc: false });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Connections currently attached; documents with none are unloaded after a grace period. */
  readonly connections = new Set<DocumentConnection>();
  /** Updates refused because they came from a read-only connection, or arrived while the document was agreed. */
  droppedUpdates = 0;
  /** Sequence number of the last stored update. */
  lastSeq = 0;
  /** Log entries since the last snapshot, which compaction folds. */
  entriesSinceSnapshot = 0;
  compacting = false;
  /** The registry's id and live status; while agreed every update is dropped. */
  documentId = "";
  status: SynthesisStatus = "draft";
  /** Client edits not yet in any version, and the timer of the next automatic version. */
  editedSinceVersion = false;
  autoVersionTimer: NodeJS.Timeout | null = null;
  /** Edits since the citation index was last written for this document. */
  citationsDirty = false;
  idleTimer: NodeJS.Timeout | null = null;
  /** Set once unloaded or evicted: nothing more may be stored through this copy. */
  closed = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly name: string) {
    // Until the server publishes its own state (publishServerState), it has none.
    this.awareness.setLocalState(null);
  }

  /** Runs tasks one at a time, in arrival order: storage order equals apply order. */
  enqueue<T>(task: () => Promise<T> | T): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Tells every client the live status and who is connected, in the server's awareness state. */
  publishServerState(): void {
    const people = new Map<string, DocumentPerson>();
    for (const c of this.connections) {
      if (!c.userId) continue; // the server holding the document open for a task
      const known = people.get(c.userId);
      people.set(c.userId, { userId: c.userId, name: c.name, language: c.language, readOnly: (known?.readOnly ?? true) && !c.canWrite });
    }
    const state: ServerAwareness = {
      documentId: this.documentId,
      status: this.status,
      people: [...people.values()].map((p) => ({ ...p, readOnly: p.readOnly || isReadOnlyStatus(this.status) })),
    };
    this.awareness.setLocalState({ [serverAwarenessKey]: state });
  }

  destroy(): void {
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.autoVersionTimer) clearTimeout(this.autoVersionTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** What a task running alone on a document may do. */
export interface Exclusive {
  doc: Y.Doc;
  shared: SharedDocument;
  /** Makes a change as the server, stores it, then broadcasts it. Resolves false when it changed nothing. */
  change(reason: string, apply: (doc: Y.Doc) => void): Promise<boolean>;
}

/** Extensions of the core, Hocuspocus-style: each hook is optional. */
export interface DocumentHooks {
  /** Loaded from storage, running alone on it before any connection is served; a throw fails the load. */
  loaded?(ctx: Exclusive): Promise<void> | void;
  /** An update (a client's or the server's) was stored and applied. */
  stored?(shared: SharedDocument, update: Uint8Array, origin: unknown): void;
  /** After a client's update: a change the server makes in reply, at once (block ids), or null. */
  followUp?(shared: SharedDocument, transaction: Y.Transaction): { reason: string; apply: (doc: Y.Doc) => void } | null;
  /** The document is about to leave memory, running alone on it. */
  unloading?(ctx: Exclusive): Promise<void> | void;
  /** The in-memory copy was thrown away because a server change could not be stored: connections must reload. */
  evicted?(shared: SharedDocument): void;
  /**
   * The document accepts updates again after a read-only status: connections are asked for
   * what they hold that the server lacks (edits refused meanwhile), so those merge now and
   * later edits that build on them are not left pending.
   */
  reopened?(shared: SharedDocument): void;
}

export interface DocumentStoreOptions {
  idleMs: number;
  /** Fold the log into a snapshot once it holds this many entries. */
  compactAfter: number;
}

export type ApplyResult = "stored" | "dropped";

export class DocumentStore {
  private docs = new Map<string, Promise<SharedDocument>>();
  private loaded = new Map<string, SharedDocument>();
  private hooks: DocumentHooks[] = [];

  constructor(
    private storage: Storage,
    private logger: Logger,
    private options: DocumentStoreOptions,
  ) {}

  use(hooks: DocumentHooks): void {
    this.hooks.push(hooks);
  }

  /** Loads a document once, however many connections ask for it at the same time. */
  open(name: string): Promise<SharedDocument> {
    let loading = this.docs.get(name);
    if (!loading) {
      loading = this.load(name);
      this.docs.set(name, loading);
      // A failed load is forgotten so the next connection tries again; nothing is written.
      loading.then(
        (shared) => this.loaded.set(name, shared),
        () => this.docs.get(name) === loading && this.docs.delete(name),
      );
    }
    return loading;
  }

  isLoaded(name: string): boolean {
    return this.docs.has(name);
  }

  /** Documents in memory now. */
  loadedDocuments(): SharedDocument[] {
    return [...this.loaded.values()];
  }

  /** Runs `task` with the document open, as if connected: a document loaded for it is unloaded after the grace period. */
  async withDocument<T>(name: string, task: (shared: SharedDocument) => Promise<T>): Promise<T> {
    const shared = await this.open(name).catch((error: unknown) => {
      throw new DocumentLoadError(name, error);
    });
    const holder: DocumentConnection = { userId: "", name: "", language: "", canWrite: false };
    this.attach(shared, holder, { silent: true });
    try {
      return await task(shared);
    } finally {
      this.detach(shared, holder, { silent: true });
    }
  }

  /**
   * Runs `task` alone on the document, between stored updates: what it reads is exactly
   * what is stored, and its changes are stored before any other update is applied.
   */
  exclusive<T>(shared: SharedDocument, task: (ctx: Exclusive) => Promise<T> | T): Promise<T> {
    return shared.enqueue(() => task(this.exclusiveContext(shared)));
  }

  private exclusiveContext(shared: SharedDocument): Exclusive {
    return { doc: shared.doc, shared, change: (reason, apply) => this.storeServerChange(shared, reason, apply) };
  }

  private async load(name: string): Promise<SharedDocument> {
    const stored = await this.storage.yjs.load(name);
    const shared = new SharedDocument(name);
    try {
      // An entry that does not decode (stored by an older version that did not check) is
      // moved aside rather than making the document unloadable for good.
      const broken = stored.updates.filter(({ update }) => !isDecodable(update));
      for (const { seq } of broken) {
        this.logger.error({ doc: name, seq }, "a stored update does not decode; it is quarantined and the document loads without it");
        await this.storage.yjs.quarantine(name, seq, "does not decode");
      }
      Y.transact(shared.doc, () => {
        if (stored.snapshot) Y.applyUpdate(shared.doc, stored.snapshot);
        for (const { update } of stored.updates) if (!broken.some((b) => b.update === update)) Y.applyUpdate(shared.doc, update);
      });
      shared.lastSeq = stored.updates.at(-1)?.seq ?? 0;
      shared.entriesSinceSnapshot = stored.updates.length;
      await shared.enqueue(async () => {
        for (const hooks of this.hooks) await hooks.loaded?.(this.exclusiveContext(shared));
      });
    } catch (error) {
      shared.destroy();
      throw error;
    }
    return shared;
  }

  /**
   * Stores a client's update, then applies it; hooks broadcast it. While the document is
   * agreed the update is dropped: the check runs in queue order, so an update that arrives
   * after a status change is refused even if it was sent before the client heard of it.
   */
  async applyUpdate(shared: SharedDocument, update: Uint8Array, origin: unknown): Promise<ApplyResult> {
    // Checked before anything is stored: a log entry that does not decode would break every later load.
    if (!isDecodable(update)) throw new MalformedUpdateError(shared.name);
    const result = await shared.enqueue(async (): Promise<ApplyResult> => {
      if (shared.closed) throw new Error(`document ${shared.name} is no longer loaded`);
      if (isReadOnlyStatus(shared.status)) {
        shared.droppedUpdates++;
        return "dropped";
      }
      shared.lastSeq = await this.storage.yjs.appendUpdate(shared.name, update);
      shared.entriesSinceSnapshot++;
      let transaction: Y.Transaction | null = null;
      const capture = (tr: Y.Transaction) => (transaction = tr);
      shared.doc.on("afterTransaction", capture);
      try {
        Y.applyUpdate(shared.doc, update, origin);
      } finally {
        shared.doc.off("afterTransaction", capture);
      }
      this.emitStored(shared, update, origin);
      if (transaction) {
        for (const hooks of this.hooks) {
          const reply = hooks.followUp?.(shared, transaction);
          if (reply) await this.storeServerChange(shared, reply.reason, reply.apply);
        }
      }
      return "stored";
    });
    this.compactIfLong(shared);
    return result;
  }

  private emitStored(shared: SharedDocument, update: Uint8Array, origin: unknown): void {
    for (const hooks of this.hooks) {
      try {
        hooks.stored?.(shared, update, origin);
      } catch (err) {
        this.logger.error({ err, doc: shared.name }, "a document hook failed after an update was stored");
      }
    }
  }

  /**
   * A server change is made on the live document, so its update is stored after the fact
   * but before anyone receives it. If storing fails, the in-memory copy holds what storage
   * does not: it is evicted, and its connections reload from storage.
   */
  private async storeServerChange(shared: SharedDocument, reason: string, apply: (doc: Y.Doc) => void): Promise<boolean> {
    if (shared.closed) throw new Error(`document ${shared.name} is no longer loaded`);
    const origin = new ServerChange(reason);
    const parts: Uint8Array[] = [];
    const capture = (update: Uint8Array, o: unknown) => o === origin && parts.push(update);
    shared.doc.on("update", capture);
    try {
      shared.doc.transact(() => apply(shared.doc), origin);
    } finally {
      shared.doc.off("update", capture);
    }
    if (parts.length === 0) return false;
    const update = parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts);
    try {
      shared.lastSeq = await this.storage.yjs.appendUpdate(shared.name, update);
    } catch (error) {
      this.evict(shared, error);
      throw error;
    }
    shared.entriesSinceSnapshot++;
    this.emitStored(shared, update, origin);
    this.compactIfLong(shared);
    return true;
  }

  /** See DocumentHooks.reopened; call it once the status allows edits again. */
  reopened(shared: SharedDocument): void {
    for (const hooks of this.hooks) hooks.reopened?.(shared);
  }

  private evict(shared: SharedDocument, error: unknown): void {
    this.logger.error({ err: error, doc: shared.name }, "a server change could not be stored; reloading the document from storage");
    this.forget(shared);
    for (const hooks of this.hooks) hooks.evicted?.(shared);
    shared.destroy();
  }

  private forget(shared: SharedDocument): void {
    if (this.loaded.get(shared.name) === shared) {
      this.loaded.delete(shared.name);
      this.docs.delete(shared.name);
    }
  }

  private compactIfLong(shared: SharedDocument): void {
    if (shared.entriesSinceSnapshot >= this.options.compactAfter && !shared.compacting) void this.compact(shared);
  }

  /**
   * Folds the stored log into one snapshot of the in-memory state, which holds exactly what
   * was stored. One compaction per document at a time: it runs in the document's queue, and
   * the port replaces snapshot and log in one transaction, so a crash leaves one or the other.
   */
  async compact(shared: SharedDocument): Promise<void> {
    if (shared.compacting) return;
    shared.compacting = true;
    try {
      await shared.enqueue(() => this.compactNow(shared));
    } catch (err) {
      this.logger.error({ err, doc: shared.name }, "compaction failed; the log is kept as it was");
    } finally {
      shared.compacting = false;
    }
  }

  private async compactNow(shared: SharedDocument): Promise<void> {
    if (shared.entriesSinceSnapshot === 0 || shared.closed) return;
    const snapshot = Y.encodeStateAsUpdate(shared.doc);
    await this.storage.yjs.compact(shared.name, snapshot, shared.lastSeq);
    shared.entriesSinceSnapshot = 0;
  }

  attach(shared: SharedDocument, connection: DocumentConnection, { silent = false } = {}): void {
    shared.connections.add(connection);
    if (shared.idleTimer) clearTimeout(shared.idleTimer);
    shared.idleTimer = null;
    if (!silent) shared.publishServerState();
  }

  /** Unloads the document once it has had no connection for the grace period. */
  detach(shared: SharedDocument, connection: DocumentConnection, { silent = false } = {}): void {
    shared.connections.delete(connection);
    if (!silent) shared.publishServerState();
    if (shared.connections.size > 0) return;
    if (shared.idleTimer) clearTimeout(shared.idleTimer);
    shared.idleTimer = setTimeout(() => void this.unload(shared), this.options.idleMs);
    shared.idleTimer.unref();
  }

  private async runUnloadingHooks(shared: SharedDocument): Promise<void> {
    for (const hooks of this.hooks) {
      try {
        await hooks.unloading?.(this.exclusiveContext(shared));
      } catch (err) {
        this.logger.error({ err, doc: shared.name }, "a document hook failed while unloading");
      }
    }
  }

  private async unload(shared: SharedDocument): Promise<void> {
    if (shared.connections.size > 0 || this.loaded.get(shared.name) !== shared) return;
    this.forget(shared);
    try {
      await shared.enqueue(async () => {
        await this.runUnloadingHooks(shared);
        await this.compactNow(shared);
      });
    } catch (err) {
      this.logger.error({ err, doc: shared.name }, "compaction at unload failed; the log is kept as it was");
    }
    shared.destroy();
  }

  /**
   * Waits for pending writes, lets the hooks finish their work (a session's last version),
   * folds each log into its snapshot, and forgets every document (server shutdown).
   */
  async closeAll(): Promise<void> {
    const all = await Promise.allSettled([...this.docs.values()]);
    this.docs.clear();
    this.loaded.clear();
    for (const result of all) {
      if (result.status !== "fulfilled") continue;
      const shared = result.value;
      await shared.enqueue(async () => {
        await this.runUnloadingHooks(shared);
        await this.compactNow(shared).catch((err: unknown) => this.logger.error({ err, doc: shared.name }, "compaction at shutdown failed; the log is kept as it was"));
      });
      shared.destroy();
    }
  }
}
