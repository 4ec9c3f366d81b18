// The append-only Yjs update log and its snapshots in SQLite.
import type Database from "better-sqlite3";
import { open, type FileHandle } from "node:fs/promises";
import type { YjsLog } from "../port.js";
import { toBuffer, toBytes, type Row } from "./row.js";

/**
 * `walFile`: the database's write-ahead log, for durable batches. A batch commits without its
 * fsync (synchronous = NORMAL for that one transaction, every other write keeps FULL), then the
 * log file is fsynced in libuv's thread pool: the batch is as durable as under FULL before
 * appendUpdates resolves, and the event loop never waits on the disk. Null (in memory, or a
 * bench's non-durable storage): batches commit as the connection is set.
 */
export function yjsLog(db: Database.Database, walFile: string | null = null): YjsLog & { close(): Promise<void> } {
  const nextSeq = db.prepare(
    `SELECT MAX(s) AS seq FROM (
       SELECT MAX(seq) AS s FROM yjs_updates WHERE doc_name = ?
       UNION ALL SELECT up_to_seq AS s FROM yjs_snapshots WHERE doc_name = ?
       UNION ALL SELECT MAX(seq) AS s FROM yjs_quarantine WHERE doc_name = ?)`,
  );
  const insert = db.prepare("INSERT INTO yjs_updates (doc_name, seq, data) VALUES (?, ?, ?)");
  const append = db.transaction((docName: string, update: Uint8Array) => {
    const seq = (((nextSeq.get(docName, docName, docName) as { seq: number | null }).seq ?? 0) as number) + 1;
    insert.run(docName, seq, toBuffer(update));
    return seq;
  });
  // One transaction for the whole batch, one fsync, however many documents it spans. (Not on a
  // connection of its own in a thread: a second writer makes this connection's deferred
  // transactions fail with SQLITE_BUSY whenever it commits between their read and their write.)
  const appendMany = db.transaction((entries: readonly { docName: string; update: Uint8Array }[]) => {
    const next = new Map<string, number>();
    return entries.map(({ docName, update }) => {
      const seq = (next.get(docName) ?? (((nextSeq.get(docName, docName, docName) as { seq: number | null }).seq ?? 0) as number)) + 1;
      next.set(docName, seq);
      insert.run(docName, seq, toBuffer(update));
      return seq;
    });
  });
  const compactTx = db.transaction((docName: string, snapshot: Uint8Array, upToSeq: number) => {
    db.prepare(
      `INSERT INTO yjs_snapshots (doc_name, data, up_to_seq) VALUES (?, ?, ?)
       ON CONFLICT(doc_name) DO UPDATE SET data = excluded.data, up_to_seq = excluded.up_to_seq`,
    ).run(docName, toBuffer(snapshot), upToSeq);
    db.prepare("DELETE FROM yjs_updates WHERE doc_name = ? AND seq <= ?").run(docName, upToSeq);
  });
  const quarantineTx = db.transaction((docName: string, seq: number, reason: string) => {
    db.prepare(
      `INSERT OR REPLACE INTO yjs_quarantine (doc_name, seq, data, reason, quarantined_at)
       SELECT doc_name, seq, data, ?, ? FROM yjs_updates WHERE doc_name = ? AND seq = ?`,
    ).run(reason, new Date().toISOString(), docName, seq);
    db.prepare("DELETE FROM yjs_updates WHERE doc_name = ? AND seq = ?").run(docName, seq);
  });
  const withoutSync = db.prepare("PRAGMA synchronous = NORMAL");
  const withSync = db.prepare("PRAGMA synchronous = FULL");
  /** Commits `write` without waiting for the disk (when a log file is known). */
  function unsynced<T>(write: () => T): T {
    if (!walFile) return write();
    withoutSync.run();
    try {
      return write();
    } finally {
      withSync.run();
    }
  }
  let wal: Promise<FileHandle> | null = null;
  return {
    async appendUpdates(entries) {
      if (entries.length === 0) return [];
      const seqs = unsynced(() => appendMany(entries));
      if (!walFile) return seqs;
      wal ??= open(walFile, "r");
      await (await wal).sync();
      return seqs;
    },
    async close() {
      const handle = wal;
      wal = null;
      await (await handle)?.close();
    },
    async appendUpdate(docName, update) {
      return append(docName, update);
    },
    async load(docName) {
      const snap = db.prepare("SELECT data FROM yjs_snapshots WHERE doc_name = ?").get(docName) as Row | undefined;
      const rows = db.prepare("SELECT seq, data FROM yjs_updates WHERE doc_name = ? ORDER BY seq").all(docName) as Row[];
      return {
        snapshot: snap ? toBytes(snap.data) : null,
        updates: rows.map((r) => ({ seq: r.seq as number, update: toBytes(r.data) })),
      };
    },
    // No fsync needed: lost in a crash, the old log stays; the next durable write (the WAL is
    // ordered) makes it durable too.
    async compact(docName, snapshot, upToSeq) {
      unsynced(() => compactTx(docName, snapshot, upToSeq));
    },
    async quarantine(docName, seq, reason) {
      quarantineTx(docName, seq, reason);
    },
    async storedBytes(docName) {
      const u = db.prepare("SELECT COALESCE(SUM(LENGTH(data)), 0) AS n FROM yjs_updates WHERE doc_name = ?").get(docName) as { n: number };
      const s = db.prepare("SELECT COALESCE(SUM(LENGTH(data)), 0) AS n FROM yjs_snapshots WHERE doc_name = ?").get(docName) as { n: number };
      return u.n + s.n;
    },
  };
}
