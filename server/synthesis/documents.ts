// Yjs documents in memory. The core is small: an accepted update is applied at once and the
// hooks propagate it; its storage goes through the persistence extension, which writes
// updates in batches, and the update's `stored` promise settles once its batch is durable (the
// echo to its sender waits for that). If a batch fails, the copy in memory holds what storage
// lacks: it is evicted and its clients, who still hold their edits, hand them back on
// reconnect. A failed load never yields an empty document: the error reaches the client
// instead. What a synthesis adds (block ids, status, versions, citations, broadcast) plugs in as hooks.
import type { Logger } from "pino";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { isReadOnlyStatus, serverAwarenessKey, type DocumentPerson, type ServerAwareness, type SynthesisStatus } from "../../shared/synthesis.js";

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
  /** Sequence number of the last durable update. */
  lastSeq = 0;
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
  /** Makes a change as the server and broadcasts it; resolves once it is stored, false when it changed nothing. */
  change(reason: string, apply: (doc: Y.Doc) => void): Promise<boolean>;
}

/**
 * Where documents come from and go to: one extension of the core, like Hocuspocus' Database
 * extension. `store` is called once per update, in apply order; the extension batches writes.
 */
export interface DocumentPersistence {
  /** The updates that rebuild a document, in order, and the sequence number of the last. */
  load(name: string): Promise<{ updates: Uint8Array[]; lastSeq: number }>;
  /** Resolves with the update's sequence number once it is durable. */
  store(name: string, update: Uint8Array): Promise<number>;
  /** Folds what is stored of a document into a snapshot; one at a time per document. */
  compact(name: string): Promise<void>;
  /** Resolves once every update handed to `store` so far has settled. */
  flush(): Promise<void>;
  /** The document left memory: whatever the extension keeps about it can go. */
  release(name: string): void;
  close(): Promise<void>;
}

/** Extensions of the core, Hocuspocus-style: each hook is optional. */
export interface DocumentHooks {
  /** Loaded from storage, running alone on it before any connection is served; a throw fails the load. */
  loaded?(ctx: Exclusive): Promise<void> | void;
  /** An update (a client's, the server's, another node's) was applied in memory; its storage may still be in flight. */
  applied?(shared: SharedDocument, update: Uint8Array, origin: unknown): void;
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
}

/** A client's update, once its turn in the document's queue came: applied and propagated, or dropped. */
export interface Acceptance {
  accepted: boolean;
  /** Settles once the update is durable (at once when dropped); rejects when its batch failed. */
  stored: Promise<void>;
}

export class DocumentStore {
  private docs = new Map<string, Promise<SharedDocument>>();
  private loaded = new Map<string, SharedDocument>();
  /** Documents leaving memory: a connection that asks for one meanwhile waits, then loads it afresh. */
  private unloading = new Map<string, Promise<void>>();
  private hooks: DocumentHooks[] = [];

  constructor(
    private persistence: DocumentPersistence,
    private logger: Logger,
    private options: DocumentStoreOptions,
  ) {}

  use(hooks: DocumentHooks): void {
    this.hooks.push(hooks);
  }

  /** Loads a document once, however many connections ask for it at the same time. */
  open(name: string): Promise<SharedDocument> {
    const leaving = this.unloading.get(name);
    if (leaving) return leaving.then(() => this.open(name));
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
    return this.docs.has(name) || this.unloading.has(name);
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
   * Runs `task` alone on the document, between accepted updates: what it reads is every
   * update accepted before it, and its changes are applied before any later one.
   */
  exclusive<T>(shared: SharedDocument, task: (ctx: Exclusive) => Promise<T> | T): Promise<T> {
    return shared.enqueue(() => task(this.exclusiveContext(shared)));
  }

  private exclusiveContext(shared: SharedDocument): Exclusive {
    return { doc: shared.doc, shared, change: (reason, apply) => this.storeServerChange(shared, reason, apply) };
  }

  private async load(name: string): Promise<SharedDocument> {
    const stored = await this.persistence.load(name);
    const shared = new SharedDocument(name);
    try {
      Y.transact(shared.doc, () => {
        for (const update of stored.updates) Y.applyUpdate(shared.doc, update);
      });
      shared.lastSeq = stored.lastSeq;
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
   * Accepts a client's update in queue order: applied, handed to the hooks (which propagate
   * it to the other clients at once), and given to persistence; `stored` settles once it is
   * durable. While the document is agreed the update is dropped: the check runs in queue
   * order, so an update that arrives after a status change is refused even if it was sent
   * before the client heard of it.
   */
  async applyUpdate(shared: SharedDocument, update: Uint8Array, origin: unknown): Promise<Acceptance> {
    // Checked before anything is stored: a log entry that does not decode would break every later load.
    if (!isDecodable(update)) throw new MalformedUpdateError(shared.name);
    return shared.enqueue((): Acceptance => {
      if (shared.closed) throw new Error(`document ${shared.name} is no longer loaded`);
      if (isReadOnlyStatus(shared.status)) {
        shared.droppedUpdates++;
        return { accepted: false, stored: Promise.resolve() };
      }
      let transaction: Y.Transaction | null = null;
      const capture = (tr: Y.Transaction) => (transaction = tr);
      shared.doc.on("afterTransaction", capture);
      try {
        Y.applyUpdate(shared.doc, update, origin);
      } finally {
        shared.doc.off("afterTransaction", capture);
      }
      const stored = this.persist(shared, update);
      this.emitApplied(shared, update, origin);
      if (transaction) {
        for (const hooks of this.hooks) {
          const reply = hooks.followUp?.(shared, transaction);
          // Its storage joins the next batch; a failure evicts the document, as for any update.
          if (reply) this.makeServerChange(shared, reply.reason, reply.apply)?.catch(() => undefined);
        }
      }
      return { accepted: true, stored };
    });
  }

  /**
   * Applies an update that is already stored elsewhere (another node's, through its log or a
   * pub/sub channel): propagated like any other, never stored again here.
   */
  applyStoredUpdate(shared: SharedDocument, update: Uint8Array, origin: unknown): Promise<void> {
    return shared.enqueue(() => {
      if (shared.closed) return;
      Y.applyUpdate(shared.doc, update, origin);
      this.emitApplied(shared, update, origin);
    });
  }

  /** Hands an applied update to persistence; a failed write evicts the document, whose clients then resend. */
  private persist(shared: SharedDocument, update: Uint8Array): Promise<void> {
    const stored = this.persistence.store(shared.name, update).then(
      (seq) => void (shared.lastSeq = Math.max(shared.lastSeq, seq)),
      (error: unknown) => {
        this.evict(shared, error);
        throw error;
      },
    );
    stored.catch(() => undefined); // whoever waits for it sees the error; nobody has to
    return stored;
  }

  private emitApplied(shared: SharedDocument, update: Uint8Array, origin: unknown): void {
    for (const hooks of this.hooks) {
      try {
        hooks.applied?.(shared, update, origin);
      } catch (err) {
        this.logger.error({ err, doc: shared.name }, "a document hook failed after an update was applied");
      }
    }
  }

  /** A server change, made on the live document and broadcast at once; resolves once it is stored, false when it changed nothing. */
  private async storeServerChange(shared: SharedDocument, reason: string, apply: (doc: Y.Doc) => void): Promise<boolean> {
    const stored = this.makeServerChange(shared, reason, apply);
    if (!stored) return false;
    await stored;
    return true;
  }

  /** Makes a change as the server; returns the promise of its storage, or null when it changed nothing. */
  private makeServerChange(shared: SharedDocument, reason: string, apply: (doc: Y.Doc) => void): Promise<void> | null {
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
    if (parts.length === 0) return null;
    const update = parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts);
    const stored = this.persist(shared, update);
    this.emitApplied(shared, update, origin);
    return stored;
  }

  /** See DocumentHooks.reopened; call it once the status allows edits again. */
  reopened(shared: SharedDocument): void {
    for (const hooks of this.hooks) hooks.reopened?.(shared);
  }

  private evict(shared: SharedDocument, error: unknown): void {
    if (shared.closed) return;
    this.logger.error({ err: error, doc: shared.name }, "an update could not be stored; reloading the document from storage");
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

  /**
   * Folds the stored log into one snapshot now (persistence also does it on its own once the
   * log is long). A failure is logged and leaves the log as it was.
   */
  async compact(shared: SharedDocument): Promise<void> {
    await this.persistence.compact(shared.name).catch((err: unknown) => this.logger.error({ err, doc: shared.name }, "compaction failed; the log is kept as it was"));
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
    shared.idleTimer = setTimeout(() => this.unload(shared), this.options.idleMs);
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

  private unload(shared: SharedDocument): void {
    if (shared.connections.size > 0 || this.loaded.get(shared.name) !== shared) return;
    this.forget(shared);
    const leaving = (async () => {
      await shared.enqueue(() => this.runUnloadingHooks(shared));
      await this.leaveMemory(shared);
    })();
    this.unloading.set(shared.name, leaving);
    void leaving.finally(() => this.unloading.delete(shared.name));
  }

  /** Once its last writes are durable, the document leaves memory and its log is folded. */
  private async leaveMemory(shared: SharedDocument): Promise<void> {
    await this.persistence.flush();
    shared.destroy();
    await this.persistence.compact(shared.name).catch((err: unknown) => this.logger.error({ err, doc: shared.name }, "compaction at unload failed; the log is kept as it was"));
    this.persistence.release(shared.name);
  }

  /**
   * Lets the hooks finish their work (a session's last version), waits for pending writes,
   * folds each log into its snapshot, and forgets every document (server shutdown).
   */
  async closeAll(): Promise<void> {
    const all = await Promise.allSettled([...this.docs.values()]);
    this.docs.clear();
    this.loaded.clear();
    for (const result of all) {
      if (result.status !== "fulfilled" || result.value.closed) continue;
      const shared = result.value;
      await shared.enqueue(() => this.runUnloadingHooks(shared));
      await this.leaveMemory(shared);
    }
    await Promise.allSettled(this.unloading.values());
    await this.persistence.close();
  }
}
