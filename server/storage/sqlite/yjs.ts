// The append-only Yjs update log and its snapshots in SQLite.
import type Database from "better-sqlite3";
import type { YjsLog } from "../port.js";
import { toBuffer, toBytes, type Row } from "./row.js";

export function yjsLog(db: Database.Database): YjsLog {
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
  // One transaction for the whole batch: one fsync, however many documents it spans. (Not in a
  // thread with its own connection: a second writer makes the main connection's deferred
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
  return {
    async appendUpdate(docName, update) {
      return append(docName, update);
    },
    async appendUpdates(entries) {
      return entries.length === 0 ? [] : appendMany(entries);
    },
    async load(docName) {
      const snap = db.prepare("SELECT data FROM yjs_snapshots WHERE doc_name = ?").get(docName) as Row | undefined;
      const rows = db.prepare("SELECT seq, data FROM yjs_updates WHERE doc_name = ? ORDER BY seq").all(docName) as Row[];
      return {
        snapshot: snap ? toBytes(snap.data) : null,
        updates: rows.map((r) => ({ seq: r.seq as number, update: toBytes(r.data) })),
      };
    },
    async compact(docName, snapshot, upToSeq) {
      compactTx(docName, snapshot, upToSeq);
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
