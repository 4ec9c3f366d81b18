// What the contribution stores share in SQLite: the one order of changes, the full-text
// index kept in step with every write, and keyset pages.
import type Database from "better-sqlite3";
import type { Page, PageRequest, PersonRef, ReaderScope, SearchHitRecord } from "../port.js";
import type { Row } from "./row.js";

/** Prepares each SQL text once and keeps it: preparing costs more than running most of these statements. */
export function preparedStatements(db: Database.Database): (sql: string) => Database.Statement {
  const cache = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (!statement) cache.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
}

/** Hands out the next position in the workshop-wide order of changes; call inside the write's transaction. */
export function changeCounter(db: Database.Database) {
  const next = db.prepare("UPDATE change_counter SET value = value + 1 WHERE id = 1 RETURNING value");
  const current = db.prepare("SELECT value FROM change_counter WHERE id = 1");
  return {
    next: () => (next.get() as { value: number }).value,
    current: () => (current.get() as { value: number }).value,
  };
}

export interface SearchEntry {
  workshopId: string;
  kind: SearchHitRecord["kind"];
  itemId: string;
  ficheId?: string | null;
  threadId?: string | null;
  proposalId?: string | null;
  /** The fiche, thread or proposal the item belongs to. */
  title: string;
  at: string;
  authorId: string;
  draft?: boolean;
  hidden?: boolean;
  text: string;
}

/** The search index; every method runs inside the caller's transaction, so the index never lags. */
export function searchIndex(db: Database.Database) {
  const upsert = db.prepare(
    `INSERT INTO search_docs (workshop_id, kind, item_id, fiche_id, thread_id, proposal_id, title, at, author_id, draft, hidden)
     VALUES (@workshopId, @kind, @itemId, @ficheId, @threadId, @proposalId, @title, @at, @authorId, @draft, @hidden)
     ON CONFLICT (kind, item_id) DO UPDATE SET title = excluded.title, draft = excluded.draft, hidden = excluded.hidden
     RETURNING doc`,
  );
  const removeText = db.prepare("DELETE FROM search_text WHERE rowid = ?");
  const addText = db.prepare("INSERT INTO search_text (rowid, text) VALUES (?, ?)");
  const setHidden = db.prepare("UPDATE search_docs SET hidden = ? WHERE kind = ? AND item_id = ?");
  const retitleUnderFiche = db.prepare("UPDATE search_docs SET title = ? WHERE fiche_id = ? AND kind = 'ficheEntry'");
  const retitleUnderProposal = db.prepare("UPDATE search_docs SET title = ? WHERE proposal_id = ? AND kind = 'amendment'");
  return {
    put(entry: SearchEntry): void {
      const { doc } = upsert.get({
        workshopId: entry.workshopId,
        kind: entry.kind,
        itemId: entry.itemId,
        ficheId: entry.ficheId ?? null,
        threadId: entry.threadId ?? null,
        proposalId: entry.proposalId ?? null,
        title: entry.title,
        at: entry.at,
        authorId: entry.authorId,
        draft: entry.draft ? 1 : 0,
        hidden: entry.hidden ? 1 : 0,
      }) as { doc: number };
      removeText.run(doc);
      addText.run(doc, entry.text);
    },
    setHidden(kind: SearchEntry["kind"], itemId: string, hidden: boolean): void {
      setHidden.run(hidden ? 1 : 0, kind, itemId);
    },
    /** Items found under a fiche or a proposal show its title; keep it current. */
    retitle(parent: "fiche" | "proposal", id: string, title: string): void {
      (parent === "fiche" ? retitleUnderFiche : retitleUnderProposal).run(title, id);
    },
  };
}

/**
 * SQL condition: the fiche `column` is not a draft, or the reader may see it (an author, or
 * someone who sees every draft). Binds @seesDrafts and @readerId.
 */
export const ficheVisibleTo = (statusColumn: string, ficheIdColumn: string) =>
  `(${statusColumn} != 'draft' OR @seesDrafts = 1 OR EXISTS (SELECT 1 FROM fiche_authors fa WHERE fa.fiche_id = ${ficheIdColumn} AND fa.user_id = @readerId))`;

export const scopeParams = (scope: ReaderScope) => ({ readerId: scope.userId, seesDrafts: scope.seesDrafts ? 1 : 0, seesHidden: scope.seesHidden ? 1 : 0 });

/** Reads one row more than the page holds, so the last page says so without another query. */
export function pageOf<T>(rows: T[], page: PageRequest, keyOf: (item: T) => number[]): Page<T> {
  const items = rows.slice(0, page.limit);
  return { items, next: rows.length > page.limit ? keyOf(items[items.length - 1]!) : null };
}

export const mapPage = <T, U>(page: Page<T>, map: (item: T) => U): Page<U> => ({ items: page.items.map(map), next: page.next });

export const personOf = (row: Row, idColumn: string, nameColumn: string): PersonRef => ({ id: row[idColumn] as string, displayName: row[nameColumn] as string });

export const maybePersonOf = (row: Row, idColumn: string, nameColumn: string): PersonRef | null =>
  row[idColumn] ? personOf(row, idColumn, nameColumn) : null;

export const parseJson = <T>(value: unknown): T => JSON.parse(value as string) as T;
