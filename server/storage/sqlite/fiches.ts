// Fiches navettes in SQLite: their rows, authors, signed entries and revision history.
import type Database from "better-sqlite3";
import type { AuthorSide, ConsentValue, FicheStatus } from "../../../shared/domain/fiches.js";
import { richTextToPlain, type RichTextDoc } from "../../../shared/richtext.js";
import type { FicheEntryRecord, FicheRecord, FicheRevisionRecord, FicheRows, FicheStore, FicheView } from "../port.js";
import { changeCounter, ficheVisibleTo, mapPage, maybePersonOf, pageOf, parseJson, personOf, preparedStatements, scopeParams, searchIndex } from "./contributions.js";
import type { Row } from "./row.js";

/** Everything a reader might search a fiche for, rows in sheet order. */
function searchText(rows: FicheRows): string {
  return [
    rows.title,
    rows.presenters.join(", "),
    rows.actionDate,
    rows.place,
    richTextToPlain(rows.descriptive),
    ...Object.values(rows.gridAnswers).map(richTextToPlain),
    richTextToPlain(rows.recurringIssues),
    richTextToPlain(rows.lessons),
    Object.values(rows.keywords).flat().join(", "),
    rows.references.map((r) => r.label).join(", "),
  ]
    .filter(Boolean)
    .join("\n");
}

export function ficheStore(db: Database.Database): FicheStore {
  const prepared = preparedStatements(db);
  const counter = changeCounter(db);
  const search = searchIndex(db);

  const authorsOf = prepared(
    "SELECT a.user_id, u.display_name FROM fiche_authors a JOIN users u ON u.id = a.user_id WHERE a.fiche_id = ? ORDER BY a.position",
  );
  const entriesOf = prepared(
    "SELECT e.*, u.display_name AS author_name FROM fiche_entries e JOIN users u ON u.id = e.author_id WHERE e.fiche_id = ? ORDER BY e.seq",
  );
  const selectFiche = "SELECT f.*, c.display_name AS consent_set_by_name FROM fiches f LEFT JOIN users c ON c.id = f.consent_set_by";

  const toView = (r: Row): FicheView => {
    const authors = (authorsOf.all(r.id) as Row[]).map((a) => personOf(a, "user_id", "display_name"));
    return {
      id: r.id as string,
      workshopId: r.workshop_id as string,
      status: r.status as FicheStatus,
      authorSide: r.author_side as AuthorSide,
      authorIds: authors.map((a) => a.id),
      rows: parseJson(r.rows),
      consent: {
        toParticipants: r.consent_participants as ConsentValue,
        asWorkingDocument: r.consent_working_document as ConsentValue,
        conditions: r.consent_conditions as string,
        setBy: (r.consent_set_by as string | null) ?? null,
        setAt: (r.consent_set_at as string | null) ?? null,
      },
      version: r.version as number,
      createdBy: r.created_by as string,
      createdAt: r.created_at as string,
      updatedAt: r.updated_at as string,
      updatedBy: r.updated_by as string,
      submittedAt: (r.submitted_at as string | null) ?? null,
      finalisedAt: (r.finalised_at as string | null) ?? null,
      authors,
      consentSetBy: maybePersonOf(r, "consent_set_by", "consent_set_by_name"),
      entries: (entriesOf.all(r.id) as Row[]).map((e) => ({
        id: e.id as string,
        ficheId: e.fiche_id as string,
        workshopId: e.workshop_id as string,
        kind: e.kind as FicheEntryRecord["kind"],
        body: parseJson<RichTextDoc>(e.body),
        authorId: e.author_id as string,
        createdAt: e.created_at as string,
        author: personOf(e, "author_id", "author_name"),
      })),
    };
  };

  const columns = (f: FicheRecord, changedSeq: number) => ({
    id: f.id,
    workshopId: f.workshopId,
    changedSeq,
    status: f.status,
    authorSide: f.authorSide,
    title: f.rows.title,
    rows: JSON.stringify(f.rows),
    consentParticipants: f.consent.toParticipants,
    consentWorkingDocument: f.consent.asWorkingDocument,
    consentConditions: f.consent.conditions,
    consentSetBy: f.consent.setBy,
    consentSetAt: f.consent.setAt,
    version: f.version,
    updatedAt: f.updatedAt,
    updatedBy: f.updatedBy,
    submittedAt: f.submittedAt,
    finalisedAt: f.finalisedAt,
  });
  const index = (f: FicheRecord) =>
    search.put({ workshopId: f.workshopId, kind: "fiche", itemId: f.id, ficheId: f.id, title: f.rows.title, at: f.createdAt, authorId: f.createdBy, draft: f.status === "draft", text: searchText(f.rows) });
  const insertRevision = prepared("INSERT INTO fiche_revisions (fiche_id, version, changed_by, changed_at, changes) VALUES (?, ?, ?, ?, ?)");
  const addRevision = (r: FicheRevisionRecord) => insertRevision.run(r.ficheId, r.version, r.changedBy, r.changedAt, JSON.stringify(r.changes));

  const createTx = db.transaction((f: FicheRecord, revision: FicheRevisionRecord) => {
    const seq = counter.next();
    prepared(
      `INSERT INTO fiches (id, workshop_id, seq, changed_seq, status, author_side, title, rows, consent_participants, consent_working_document,
         consent_conditions, consent_set_by, consent_set_at, version, created_by, created_at, updated_at, updated_by, submitted_at, finalised_at)
       VALUES (@id, @workshopId, @seq, @changedSeq, @status, @authorSide, @title, @rows, @consentParticipants, @consentWorkingDocument,
         @consentConditions, @consentSetBy, @consentSetAt, @version, @createdBy, @createdAt, @updatedAt, @updatedBy, @submittedAt, @finalisedAt)`,
    ).run({ ...columns(f, seq), seq, createdBy: f.createdBy, createdAt: f.createdAt });
    const addAuthor = prepared("INSERT INTO fiche_authors (fiche_id, user_id, position) VALUES (?, ?, ?)");
    f.authorIds.forEach((userId, position) => addAuthor.run(f.id, userId, position));
    addRevision(revision);
    index(f);
  });

  const updateTx = db.transaction((f: FicheRecord, expectedVersion: number, revision: FicheRevisionRecord): boolean => {
    const changed = prepared(
      `UPDATE fiches SET changed_seq = @changedSeq, status = @status, author_side = @authorSide, title = @title, rows = @rows,
         consent_participants = @consentParticipants, consent_working_document = @consentWorkingDocument, consent_conditions = @consentConditions,
         consent_set_by = @consentSetBy, consent_set_at = @consentSetAt, version = @version, updated_at = @updatedAt, updated_by = @updatedBy,
         submitted_at = @submittedAt, finalised_at = @finalisedAt
       WHERE id = @id AND version = @expectedVersion`,
    ).run({ ...columns(f, counter.next()), expectedVersion }).changes;
    if (!changed) return false;
    addRevision(revision);
    index(f);
    search.retitle("fiche", f.id, f.rows.title);
    return true;
  });

  const addEntryTx = db.transaction((e: FicheEntryRecord) => {
    const seq = counter.next();
    prepared("INSERT INTO fiche_entries (id, fiche_id, workshop_id, kind, body, author_id, created_at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)").run(
      e.id,
      e.ficheId,
      e.workshopId,
      e.kind,
      JSON.stringify(e.body),
      e.authorId,
      e.createdAt,
      seq,
    );
    prepared("UPDATE fiches SET changed_seq = ?, updated_at = ?, updated_by = ? WHERE id = ?").run(seq, e.createdAt, e.authorId, e.ficheId);
    const title = (prepared("SELECT title FROM fiches WHERE id = ?").get(e.ficheId) as Row).title as string;
    search.put({ workshopId: e.workshopId, kind: "ficheEntry", itemId: e.id, ficheId: e.ficheId, title, at: e.createdAt, authorId: e.authorId, text: richTextToPlain(e.body) });
  });

  return {
    async create(fiche, revision) {
      createTx(fiche, revision);
    },
    async byId(workshopId, id) {
      const r = prepared(`${selectFiche} WHERE f.workshop_id = ? AND f.id = ?`).get(workshopId, id) as Row | undefined;
      return r ? toView(r) : null;
    },
    async list(workshopId, scope, filter, page) {
      const rows = prepared(
        `${selectFiche} WHERE f.workshop_id = @workshopId AND f.seq > @after AND ${ficheVisibleTo("f.status", "f.id")}
         ${filter.status ? "AND f.status = @status" : ""} ORDER BY f.seq LIMIT @limit`,
      ).all({ workshopId, after: page.after?.[0] ?? 0, limit: page.limit + 1, status: filter.status ?? null, ...scopeParams(scope) }) as Row[];
      return mapPage(pageOf(rows, page, (r) => [r.seq as number]), toView);
    },
    async update(fiche, expectedVersion, revision) {
      return updateTx(fiche, expectedVersion, revision);
    },
    async addEntry(entry) {
      addEntryTx(entry);
    },
    async revisions(ficheId, page) {
      const rows = prepared(
        `SELECT r.*, u.display_name FROM fiche_revisions r JOIN users u ON u.id = r.changed_by
         WHERE r.fiche_id = ? AND r.version > ? ORDER BY r.version LIMIT ?`,
      ).all(ficheId, page.after?.[0] ?? 0, page.limit + 1) as Row[];
      return mapPage(pageOf(rows, page, (r) => [r.version as number]), (r) => ({
        ficheId,
        version: r.version as number,
        changedBy: r.changed_by as string,
        changedAt: r.changed_at as string,
        changes: parseJson<Record<string, unknown>>(r.changes),
        changedByPerson: personOf(r, "changed_by", "display_name"),
      }));
    },
    async changedSince(ficheId, version) {
      const rows = prepared("SELECT changes FROM fiche_revisions WHERE fiche_id = ? AND version > ?").all(ficheId, version) as Row[];
      return [...new Set(rows.flatMap((r) => Object.keys(parseJson<Record<string, unknown>>(r.changes))))];
    },
  };
}
