// The persistence extension of the document core, on the storage port's Yjs log. Writes are
// group commits: every update handed over while a batch is written goes into the next one,
// one transaction for all of them, across connections and documents. Compaction folds a log
// in a worker thread, so a large document never holds up the event loop.
import { Worker } from "node:worker_threads";
import type { Logger } from "pino";
import type { YjsLog } from "../storage/port.js";
import { isDecodable, type DocumentPersistence } from "./documents.js";

export interface LogPersistenceOptions {
  /** Fold a document's log into a snapshot once it holds this many entries. */
  compactAfter: number;
  /** The most updates one commit takes; a longer queue is written in several, yielding in between. */
  maxBatch?: number;
}

interface PendingWrite {
  docName: string;
  update: Uint8Array;
  resolve(seq: number): void;
  reject(error: unknown): void;
}

/** Encodes stored logs into snapshots in a worker thread, one request at a time. */
class SnapshotWorker {
  private worker: Worker | null = null;
  private next = 0;
  private waiting = new Map<number, { resolve(snapshot: Uint8Array): void; reject(error: Error): void }>();

  fold(parts: Uint8Array[]): Promise<Uint8Array> {
    const worker = this.start();
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, parts });
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL("./compaction-worker.mjs", import.meta.url));
    worker.unref(); // a server that stops must not wait for an idle worker
    worker.on("message", ({ id, snapshot, error }: { id: number; snapshot?: Uint8Array; error?: string }) => {
      const request = this.waiting.get(id);
      this.waiting.delete(id);
      if (error !== undefined || !snapshot) request?.reject(new Error(`compaction worker: ${error}`));
      else request?.resolve(snapshot);
    });
    const fail = (error: Error) => {
      this.worker = null;
      for (const request of this.waiting.values()) request.reject(error);
      this.waiting.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`compaction worker exited with ${code}`)));
    return (this.worker = worker);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function logPersistence(log: YjsLog, logger: Logger, options: LogPersistenceOptions): DocumentPersistence {
  const maxBatch = options.maxBatch ?? 2000;
  /** Each loaded document's log since its snapshot, which compaction folds, and the snapshot's size. */
  const logs = new Map<string, { entries: number; bytes: number; snapshotBytes: number }>();
  const logOf = (docName: string) => {
    let state = logs.get(docName);
    if (!state) logs.set(docName, (state = { entries: 0, bytes: 0, snapshotBytes: 0 }));
    return state;
  };
  const compacting = new Map<string, Promise<void>>();
  const worker = new SnapshotWorker();
  let queue: PendingWrite[] = [];
  let writing: Promise<void> | null = null;

  async function writeAll(): Promise<void> {
    while (queue.length > 0) {
      // What arrives until the event loop turns joins this batch; other work runs in between.
      await yieldToEventLoop();
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      try {
        const seqs = await log.appendUpdates(batch);
        batch.forEach((write, i) => write.resolve(seqs[i]!));
        for (const { docName, update } of batch) {
          const state = logOf(docName);
          state.entries++;
          state.bytes += update.byteLength;
        }
        for (const docName of new Set(batch.map((w) => w.docName))) compactIfLong(docName);
      } catch (error) {
        // Later writes of the same documents would leave a gap in their logs: they fail too
        // (the core evicts those documents, and their clients resend).
        const failed = new Set(batch.map((w) => w.docName));
        const dropped = queue.filter((w) => failed.has(w.docName));
        queue = queue.filter((w) => !failed.has(w.docName));
        for (const write of [...batch, ...dropped]) write.reject(error);
      }
    }
    writing = null;
  }

  /**
   * A log is folded once it holds `compactAfter` entries and half the snapshot's size: each
   * fold then costs at most a few times what was appended since the last, however large the
   * document grew (folding a large document every few hundred keystrokes is quadratic).
   */
  function compactIfLong(docName: string): void {
    const state = logOf(docName);
    if (state.entries >= options.compactAfter && state.bytes * 2 >= state.snapshotBytes && !compacting.has(docName)) {
      compact(docName).catch((err: unknown) => logger.error({ err, doc: docName }, "compaction failed; the log is kept as it was"));
    }
  }

  /**
   * Folds the snapshot and the entries stored so far into a new snapshot, encoded in the
   * worker; the port replaces snapshot and log in one transaction, so a crash leaves one or
   * the other. Entries appended meanwhile come after it and stay.
   */
  function compact(docName: string): Promise<void> {
    const running = compacting.get(docName);
    if (running) return running;
    const run = (async () => {
      const stored = await log.load(docName);
      if (stored.updates.length === 0) return;
      const upToSeq = stored.updates.at(-1)!.seq;
      const snapshot = await worker.fold([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates.map((u) => u.update)]);
      await log.compact(docName, snapshot, upToSeq);
      const state = logs.get(docName);
      if (state) {
        state.entries = Math.max(0, state.entries - stored.updates.length);
        state.bytes = Math.max(0, state.bytes - stored.updates.reduce((sum, u) => sum + u.update.byteLength, 0));
        state.snapshotBytes = snapshot.byteLength;
      }
    })();
    compacting.set(docName, run);
    void run.finally(() => compacting.delete(docName)).catch(() => undefined);
    return run;
  }

  return {
    async load(name) {
      const stored = await log.load(name);
      // An entry that does not decode (stored by an older version that did not check) is
      // moved aside rather than making the document unloadable for good.
      const readable = [];
      for (const entry of stored.updates) {
        if (isDecodable(entry.update)) {
          readable.push(entry);
          continue;
        }
        logger.error({ doc: name, seq: entry.seq }, "a stored update does not decode; it is quarantined and the document loads without it");
        await log.quarantine(name, entry.seq, "does not decode");
      }
      logs.set(name, {
        entries: readable.length,
        bytes: readable.reduce((sum, e) => sum + e.update.byteLength, 0),
        snapshotBytes: stored.snapshot?.byteLength ?? 0,
      });
      return {
        updates: [...(stored.snapshot ? [stored.snapshot] : []), ...readable.map((e) => e.update)],
        lastSeq: stored.updates.at(-1)?.seq ?? 0,
      };
    },
    store(docName, update) {
      return new Promise<number>((resolve, reject) => {
        queue.push({ docName, update, resolve, reject });
        writing ??= writeAll();
      });
    },
    compact,
    async flush() {
      while (writing) await writing;
    },
    release(name) {
      logs.delete(name);
    },
    async close() {
      while (writing) await writing;
      await Promise.allSettled(compacting.values());
      await worker.close();
    },
  };
}
