// Synthesis documents in SQLite: the registry, versions, status changes, citations, proposal links.
import type Database from "better-sqlite3";
import type { CitationKind } from "../../../shared/editor.js";
import type { DocumentKind, SynthesisStatus, VersionKind } from "../../../shared/synthesis.js";
import type { ProposalLinkRecord, StatusChangeRecord, SynthesisDocumentRecord, SynthesisStore, SynthesisVersionRecord } from "../port.js";
import { toBuffer, toBytes, type Row } from "./row.js";

const toDocument = (r: Row): SynthesisDocumentRecord => ({
  id: r.id as string,
  docName: r.doc_name as string,
  scope: r.scope as "workshop" | "series",
  workshopId: (r.workshop_id as string | null) ?? null,
  seriesId: (r.series_id as string | null) ?? null,
  kind: r.kind as DocumentKind,
  title: r.title as string,
  language: r.language as string,
  status: r.status as SynthesisStatus,
  statusChangedAt: (r.status_changed_at as string | null) ?? null,
  createdBy: (r.created_by as string | null) ?? null,
  createdAt: r.created_at as string,
  updatedAt: r.updated_at as string,
});

const toVersion = (r: Row): SynthesisVersionRecord => ({
  id: r.id as string,
  documentId: r.document_id as string,
  name: r.name as string,
  kind: r.kind as VersionKind,
  createdBy: (r.created_by as string | null) ?? null,
  createdAt: r.created_at as string,
  restoredFrom: (r.restored_from as string | null) ?? null,
  seq: r.seq as number,
});

const toStatusChange = (r: Row): StatusChangeRecord => ({
  id: r.id as string,
  documentId: r.document_id as string,
  from: r.from_status as SynthesisStatus,
  to: r.to_status as SynthesisStatus,
  changedBy: r.changed_by as string,
  changedAt: r.changed_at as string,
  versionId: r.version_id as string,
});

const toLink = (r: Row): ProposalLinkRecord => ({
  workshopId: r.workshop_id as string,
  proposalId: r.proposal_id as string,
  documentId: r.document_id as string,
  blockId: r.block_id as string,
  excerpt: r.excerpt as string,
  linkedBy: r.linked_by as string,
  linkedAt: r.linked_at as string,
});

const versionColumns = "id, document_id, name, kind, created_by, created_at, restored_from, seq";

export function synthesisStore(db: Database.Database): SynthesisStore {
  const insertDocument = db.prepare(
    `INSERT INTO synthesis_documents (id, doc_name, scope, workshop_id, series_id, kind, title, language, status, status_changed_at, created_by, created_at, updated_at)
     VALUES (@id, @docName, @scope, @workshopId, @seriesId, @kind, @title, @language, @status, @statusChangedAt, @createdBy, @createdAt, @updatedAt)
     ON CONFLICT(doc_name) DO NOTHING`,
  );
  const byName = db.prepare("SELECT * FROM synthesis_documents WHERE doc_name = ?");
  const insertVersion = db.prepare(
    `INSERT INTO synthesis_versions (id, document_id, name, kind, created_by, created_at, restored_from, seq, state)
     VALUES (@id, @documentId, @name, @kind, @createdBy, @createdAt, @restoredFrom, @seq, @state)`,
  );
  const addVersion = (v: SynthesisVersionRecord, state: Uint8Array) => insertVersion.run({ ...v, state: toBuffer(state) });

  const changeStatusTx = db.transaction((change: StatusChangeRecord, version: SynthesisVersionRecord, state: Uint8Array) => {
    const moved = db
      .prepare("UPDATE synthesis_documents SET status = ?, status_changed_at = ?, updated_at = ? WHERE id = ? AND status = ?")
      .run(change.to, change.changedAt, change.changedAt, change.documentId, change.from);
    if (moved.changes === 0) return false;
    addVersion(version, state);
    db.prepare(
      `INSERT INTO synthesis_status_changes (id, document_id, from_status, to_status, changed_by, changed_at, version_id)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(change.id, change.documentId, change.from, change.to, change.changedBy, change.changedAt, change.versionId);
    return true;
  });

  const replaceCitationsTx = db.transaction((documentId: string, rows: { blockId: string; kind: CitationKind; targetId: string; excerpt: string }[]) => {
    db.prepare("DELETE FROM synthesis_citations WHERE document_id = ?").run(documentId);
    const insert = db.prepare(
      "INSERT OR IGNORE INTO synthesis_citations (document_id, block_id, kind, target_id, excerpt) VALUES (?, ?, ?, ?, ?)",
    );
    for (const row of rows) insert.run(documentId, row.blockId, row.kind, row.targetId, row.excerpt);
  });

  return {
    async ensureDocument(doc) {
      insertDocument.run(doc);
      return toDocument(byName.get(doc.docName) as Row);
    },
    async createDocument(doc) {
      const result = insertDocument.run(doc);
      if (result.changes === 0) throw new Error(`a synthesis document named ${doc.docName} exists already`);
    },
    async renameDocument(documentId, title, updatedAt) {
      return db.prepare("UPDATE synthesis_documents SET title = ?, updated_at = ? WHERE id = ?").run(title, updatedAt, documentId).changes > 0;
    },
    async documentById(id) {
      const r = db.prepare("SELECT * FROM synthesis_documents WHERE id = ?").get(id) as Row | undefined;
      return r ? toDocument(r) : null;
    },
    async documentByName(docName) {
      const r = byName.get(docName) as Row | undefined;
      return r ? toDocument(r) : null;
    },
    async listDocuments(filter) {
      const rows =
        "workshopId" in filter
          ? db.prepare("SELECT * FROM synthesis_documents WHERE workshop_id = ? ORDER BY created_at, id").all(filter.workshopId)
          : "seriesId" in filter
            ? db.prepare("SELECT * FROM synthesis_documents WHERE series_id = ? ORDER BY created_at, id").all(filter.seriesId)
            : db.prepare("SELECT * FROM synthesis_documents ORDER BY created_at, id").all();
      return (rows as Row[]).map(toDocument);
    },
    async changeStatus(change, version, state) {
      return changeStatusTx(change, version, state);
    },
    async statusHistory(documentId) {
      return (
        db.prepare("SELECT * FROM synthesis_status_changes WHERE document_id = ? ORDER BY rowid").all(documentId) as Row[]
      ).map(toStatusChange);
    },
    async addVersion(version, state) {
      addVersion(version, state);
    },
    async listVersions(documentId) {
      return (
        db.prepare(`SELECT ${versionColumns} FROM synthesis_versions WHERE document_id = ? ORDER BY rowid DESC`).all(documentId) as Row[]
      ).map(toVersion);
    },
    async deleteAutoVersions(documentId, versionIds) {
      const remove = db.prepare("DELETE FROM synthesis_versions WHERE document_id = ? AND id = ? AND kind = 'auto'");
      return db.transaction(() => versionIds.reduce((gone, id) => gone + remove.run(documentId, id).changes, 0))();
    },
    async versionWithState(documentId, versionId) {
      const r = db
        .prepare(`SELECT ${versionColumns}, state FROM synthesis_versions WHERE document_id = ? AND id = ?`)
        .get(documentId, versionId) as Row | undefined;
      return r ? { version: toVersion(r), state: toBytes(r.state) } : null;
    },
    async replaceCitations(documentId, rows) {
      replaceCitationsTx(documentId, rows);
    },
    async citationsOf(kind, targetId) {
      const rows = db
        .prepare("SELECT * FROM synthesis_citations WHERE kind = ? AND target_id = ? ORDER BY document_id, block_id")
        .all(kind, targetId) as Row[];
      return rows.map((r) => ({
        documentId: r.document_id as string,
        blockId: r.block_id as string,
        kind: r.kind as CitationKind,
        targetId: r.target_id as string,
        excerpt: r.excerpt as string,
      }));
    },
    async linkProposal(link) {
      db.prepare(
        `INSERT INTO synthesis_proposal_links (workshop_id, proposal_id, document_id, block_id, excerpt, linked_by, linked_at)
         VALUES (@workshopId, @proposalId, @documentId, @blockId, @excerpt, @linkedBy, @linkedAt)
         ON CONFLICT(proposal_id, document_id, block_id) DO UPDATE SET excerpt = excluded.excerpt, linked_by = excluded.linked_by, linked_at = excluded.linked_at`,
      ).run(link);
    },
    async proposalLinks(proposalId) {
      return (db.prepare("SELECT * FROM synthesis_proposal_links WHERE proposal_id = ? ORDER BY linked_at").all(proposalId) as Row[]).map(toLink);
    },
  };
}
