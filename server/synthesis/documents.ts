// Yjs documents in memory, backed by the storage port's append-only log.
// Every update is appended before it is applied and broadcast, so what any client
// has received back from the server is on disk. A failed load never yields an
// empty document: the error reaches the client instead.
import type { Logger } from "pino";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Storage } from "../storage/port.js";

export class SharedDocument {
  readonly doc = new Y.Doc({ gc: false });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Connections currently attached; documents with none are unloaded after a grace period. */
  readonly connections = new Set<object>();
  /** Updates refused because they came from a read-only connection. */
  droppedUpdates = 0;
  /** Sequence number of the last stored update. */
  lastSeq = 0;
  /** Log entries since the last snapshot, which compaction folds. */
  entriesSinceSnapshot = 0;
  idleTimer: NodeJS.Timeout | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly name: string) {
    // Awareness is local to each connection's clients; we do not track our own state.
    this.awareness.setLocalState(null);
  }

  /** Runs tasks one at a time, in arrival order: storage order equals apply order. */
  enqueue<T>(task: () => Promise<T> | T): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  destroy(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }
}

export interface DocumentStoreOptions {
  idleMs: number;
  /** Fold the log into a snapshot once it holds this many entries. */
  compactAfter: number;
}

export class DocumentStore {
  private docs = new Map<string, Promise<SharedDocument>>();

  constructor(
    private storage: Storage,
    private logger: Logger,
    private options: DocumentStoreOptions,
  ) {}

  /** Loads a document once, however many connections ask for it at the same time. */
  open(name: string): Promise<SharedDocument> {
    let loading = this.docs.get(name);
    if (!loading) {
      loading = this.load(name);
      this.docs.set(name, loading);
      // A failed load is forgotten so the next connection tries again; nothing is written.
      loading.catch(() => this.docs.delete(name));
    }
    return loading;
  }

  isLoaded(name: string): boolean {
    return this.docs.has(name);
  }

  private async load(name: string): Promise<SharedDocument> {
    const stored = await this.storage.yjs.load(name);
    const shared = new SharedDocument(name);
    Y.transact(shared.doc, () => {
      if (stored.snapshot) Y.applyUpdate(shared.doc, stored.snapshot);
      for (const { update } of stored.updates) Y.applyUpdate(shared.doc, update);
    });
    shared.lastSeq = stored.updates.at(-1)?.seq ?? 0;
    shared.entriesSinceSnapshot = stored.updates.length;
    return shared;
  }

  /** Stores an update, then applies it; listeners on the doc broadcast it. */
  async applyUpdate(shared: SharedDocument, update: Uint8Array, origin: unknown): Promise<void> {
    await shared.enqueue(async () => {
      shared.lastSeq = await this.storage.yjs.appendUpdate(shared.name, update);
      shared.entriesSinceSnapshot++;
      Y.applyUpdate(shared.doc, update, origin);
    });
    if (shared.entriesSinceSnapshot >= this.options.compactAfter) void this.compact(shared);
  }

  /** Folds the stored log into one snapshot of the in-memory state, which holds exactly what was stored. */
  async compact(shared: SharedDocument): Promise<void> {
    await shared.enqueue(async () => {
      if (shared.entriesSinceSnapshot === 0) return;
      const snapshot = Y.encodeStateAsUpdate(shared.doc);
      await this.storage.yjs.compact(shared.name, snapshot, shared.lastSeq);
      shared.entriesSinceSnapshot = 0;
    }).catch((err) => this.logger.error({ err, doc: shared.name }, "compaction failed; the log is kept as it was"));
  }

  attach(shared: SharedDocument, connection: object): void {
    shared.connections.add(connection);
    if (shared.idleTimer) clearTimeout(shared.idleTimer);
    shared.idleTimer = null;
  }

  /** Unloads the document once it has had no connection for the grace period. */
  detach(shared: SharedDocument, connection: object): void {
    shared.connections.delete(connection);
    if (shared.connections.size > 0) return;
    if (shared.idleTimer) clearTimeout(shared.idleTimer);
    shared.idleTimer = setTimeout(() => void this.unload(shared), this.options.idleMs);
    shared.idleTimer.unref();
  }

  private async unload(shared: SharedDocument): Promise<void> {
    if (shared.connections.size > 0) return;
    this.docs.delete(shared.name);
    await this.compact(shared);
    shared.destroy();
  }

  /** Waits for pending writes and forgets every document (server shutdown). */
  async closeAll(): Promise<void> {
    const all = await Promise.allSettled([...this.docs.values()]);
    this.docs.clear();
    for (const result of all) {
      if (result.status !== "fulfilled") continue;
      await result.value.enqueue(() => undefined);
      result.value.destroy();
    }
  }
}
