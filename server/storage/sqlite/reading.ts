// Reading between meetings in SQLite: read positions, unread counts, visits, what changed
// since a visit, and full-text search (FTS5, case and accent insensitive) of contributions,
// synthesis passages, and their stored translations.
import type Database from "better-sqlite3";
import { synthesisBlockField } from "../../../shared/domain/translations.js";
import type { DocumentKind } from "../../../shared/synthesis.js";
import type { ChangeRecord, ReadingStore, SearchHitRecord, SynthesisSearchText, VisitRecord } from "../port.js";
import { changeCounter, ficheVisibleTo, mapPage, pageOf, preparedStatements, scopeParams } from "./contributions.js";
import type { Row } from "./row.js";

/**
 * The reader's words as an FTS5 query: every word must match, each as a prefix, quoted so
 * no word is read as FTS syntax. "decretent" finds « décrètent »: the index and the query
 * both fold case and accents (unicode61, remove_diacritics 2).
 */
export function ftsQuery(words: string): string | null {
  const tokens = words.normalize("NFC").match(/[\p{L}\p{N}]+/gu) ?? [];
  return tokens.length ? tokens.slice(0, 12).map((token) => `"${token}"*`).join(" ") : null;
}

const threadMark = (threadId: string) => `thread:${threadId}`;

/** A synthesis passage's row in the search index: one per workshop reading it, document and block. */
const synthesisKey = {
  of: (workshopId: string, documentId: string, blockId: string) => `${workshopId}:${documentId}:${blockId}`,
  /** Ids never hold a colon: the three parts come back as they went in. */
  parse(itemId: string): { documentId: string; blockId: string } {
    const [, documentId = "", blockId = ""] = itemId.split(":");
    return { documentId, blockId };
  },
};
const blockFieldPrefix = synthesisBlockField("");

export function readingStore(db: Database.Database): ReadingStore {
  const prepared = preparedStatements(db);
  const counter = changeCounter(db);

  // A document's passages are keyed "<workshop>:<document>:<block>": one range of the (kind, item_id) index.
  const passagesOf = db.prepare(
    `SELECT d.doc, d.item_id, d.title, s.text FROM search_docs d JOIN search_text s ON s.rowid = d.doc
     WHERE d.kind = 'synthesis' AND d.item_id >= @from AND d.item_id < @to`,
  );
  const upsertPassage = db.prepare(
    `INSERT INTO search_docs (workshop_id, kind, item_id, title, at, author_id, document_kind)
     VALUES (@workshopId, 'synthesis', @itemId, @title, @at, @authorId, @documentKind)
     ON CONFLICT (kind, item_id) DO UPDATE SET title = excluded.title, at = excluded.at, document_kind = excluded.document_kind
     RETURNING doc`,
  );
  const removeText = db.prepare("DELETE FROM search_text WHERE rowid = ?");
  const addText = db.prepare("INSERT INTO search_text (rowid, text) VALUES (?, ?)");
  const removeDoc = db.prepare("DELETE FROM search_docs WHERE doc = ?");
  const indexSynthesisTx = db.transaction(({ workshopId, document, passages, at }: SynthesisSearchText) => {
    const prefix = synthesisKey.of(workshopId, document.id, "");
    const before = new Map(
      (passagesOf.all({ from: prefix, to: `${prefix.slice(0, -1)};` }) as { doc: number; item_id: string; title: string; text: string }[]).map((r) => [r.item_id, r]),
    );
    for (const passage of passages) {
      const itemId = synthesisKey.of(workshopId, document.id, passage.blockId);
      const known = before.get(itemId);
      before.delete(itemId);
      if (known && known.text === passage.text && known.title === document.title) continue;
      const { doc } = upsertPassage.get({ workshopId, itemId, title: document.title, at, authorId: document.createdBy ?? "", documentKind: document.kind }) as { doc: number };
      removeText.run(doc);
      addText.run(doc, passage.text);
    }
    for (const gone of before.values()) {
      removeText.run(gone.doc);
      removeDoc.run(gone.doc);
    }
  });
  const upsertMark = prepared(
    `INSERT INTO read_marks (user_id, workshop_id, target, position) VALUES (?, ?, ?, ?)
     ON CONFLICT (user_id, workshop_id, target) DO UPDATE SET position = MAX(position, excluded.position)
     RETURNING position`,
  );
  const markPosition = "COALESCE((SELECT position FROM read_marks WHERE user_id = @readerId AND workshop_id = @workshopId AND target = @target), 0)";
  const unreadFiches = prepared(
    `SELECT COUNT(*) AS n FROM fiches f WHERE f.workshop_id = @workshopId AND f.changed_seq > ${markPosition}
       AND f.updated_by != @readerId AND ${ficheVisibleTo("f.status", "f.id")}`,
  );
  const unreadProposals = prepared(
    `SELECT COUNT(*) AS n FROM proposals p WHERE p.workshop_id = @workshopId AND p.changed_seq > ${markPosition} AND p.updated_by != @readerId`,
  );
  // Per thread, a range count on the covering index posts_unread: cheap for a reader who keeps up.
  const unreadPosts = prepared(
    `SELECT COALESCE(SUM((SELECT COUNT(*) FROM posts p WHERE p.thread_id = t.id AND p.seq > COALESCE(m.position, 0)
        AND p.hidden_at IS NULL AND p.author_id != @readerId)), 0) AS n
     FROM threads t LEFT JOIN read_marks m ON m.user_id = @readerId AND m.workshop_id = t.workshop_id AND m.target = 'thread:' || t.id
     WHERE t.workshop_id = @workshopId`,
  );

  const visitTx = db.transaction((workshopId: string, userId: string, at: string, newVisitAfterMs: number): VisitRecord => {
    const seq = counter.current();
    const r = prepared("SELECT * FROM visits WHERE workshop_id = ? AND user_id = ?").get(workshopId, userId) as Row | undefined;
    if (!r) {
      prepared("INSERT INTO visits (workshop_id, user_id, last_seen_at, last_seen_seq, since_at, since_seq) VALUES (?, ?, ?, ?, NULL, 0)").run(workshopId, userId, at, seq);
      return { sinceSeq: 0, sinceAt: null };
    }
    const newVisit = Date.parse(at) - Date.parse(r.last_seen_at as string) > newVisitAfterMs;
    const since: VisitRecord = newVisit
      ? { sinceSeq: r.last_seen_seq as number, sinceAt: r.last_seen_at as string }
      : { sinceSeq: r.since_seq as number, sinceAt: (r.since_at as string | null) ?? null };
    prepared("UPDATE visits SET last_seen_at = ?, last_seen_seq = ?, since_at = ?, since_seq = ? WHERE workshop_id = ? AND user_id = ?").run(
      at,
      seq,
      since.sinceAt,
      since.sinceSeq,
      workshopId,
      userId,
    );
    return since;
  });

  const markDebateRead = prepared(
    `INSERT INTO read_marks (user_id, workshop_id, target, position)
     SELECT @readerId, workshop_id, 'thread:' || id, last_post_seq FROM threads WHERE workshop_id = @workshopId
     ON CONFLICT (user_id, workshop_id, target) DO UPDATE SET position = MAX(position, excluded.position)`,
  );

  return {
    async markThreadRead(workshopId, userId, threadId, upToSeq) {
      const last = ((prepared("SELECT last_post_seq FROM threads WHERE id = ?").get(threadId) as Row | undefined)?.last_post_seq as number | undefined) ?? 0;
      // Never past the last post: a position from the future would swallow posts not yet written.
      const position = Math.min(upToSeq ?? last, last);
      return (upsertMark.get(userId, workshopId, threadMark(threadId), position) as { position: number }).position;
    },
    async markSequenceRead(workshopId, userId, sequence) {
      if (sequence === "debate") markDebateRead.run({ readerId: userId, workshopId });
      else upsertMark.get(userId, workshopId, sequence, counter.current());
    },
    async unreadCounts(workshopId, scope) {
      const params = { workshopId, ...scopeParams(scope) };
      const count = (statement: Database.Statement, target: string | null) => (statement.get({ ...params, ...(target && { target }) }) as { n: number }).n;
      return {
        illustrate: count(unreadFiches, "illustrate"),
        debate: count(unreadPosts, null),
        propose: count(unreadProposals, "propose"),
      };
    },
    async recordVisit(workshopId, userId, at, newVisitAfterMs) {
      return visitTx(workshopId, userId, at, newVisitAfterMs);
    },
    async changesSince(workshopId, scope, sinceSeq, page) {
      const rows = prepared(
        `SELECT * FROM (
           SELECT 'fiche' AS kind, f.id, f.title, f.updated_at AS changed_at, f.changed_seq, NULL AS new_posts FROM fiches f
             WHERE f.workshop_id = @workshopId AND f.changed_seq > @since AND f.updated_by != @readerId AND ${ficheVisibleTo("f.status", "f.id")}
           UNION ALL
           SELECT 'proposal', p.id, p.title, p.updated_at, p.changed_seq, NULL FROM proposals p
             WHERE p.workshop_id = @workshopId AND p.changed_seq > @since AND p.updated_by != @readerId
           UNION ALL
           SELECT 'thread', t.id, t.title, t.last_post_at, t.last_post_seq,
               (SELECT COUNT(*) FROM posts x WHERE x.thread_id = t.id AND x.seq > @since AND x.hidden_at IS NULL AND x.author_id != @readerId)
             FROM threads t WHERE t.workshop_id = @workshopId AND t.last_post_seq > @since
         ) WHERE changed_seq < @before AND (kind != 'thread' OR new_posts > 0)
         ORDER BY changed_seq DESC LIMIT @limit`,
      ).all({ workshopId, since: sinceSeq, before: page.after?.[0] ?? Number.MAX_SAFE_INTEGER, limit: page.limit + 1, ...scopeParams(scope) }) as Row[];
      return mapPage(pageOf(rows, page, (r) => [r.changed_seq as number]), (r): ChangeRecord => ({
        kind: r.kind as ChangeRecord["kind"],
        id: r.id as string,
        title: r.title as string,
        changedAt: r.changed_at as string,
        changedSeq: r.changed_seq as number,
        newPosts: (r.new_posts as number | null) ?? null,
      }));
    },
    async search(workshopId, scope, words, page) {
      const query = ftsQuery(words);
      if (!query) return { items: [], next: null };
      // An item matches by its own words or by a stored translation of it (any field, any
      // language); when both match, the excerpt comes from its own words.
      const rows = prepared(
        `WITH found AS (
           SELECT rowid AS doc, snippet(search_text, 0, '', '', '…', 24) AS excerpt, 0 AS via FROM search_text
             WHERE search_text MATCH @query AND rowid < @before
           UNION ALL
           SELECT d.doc, snippet(translation_text, 0, '', '', '…', 24), 1 FROM translation_text
             JOIN translations t ON t.rowid = translation_text.rowid
             JOIN search_docs d ON d.kind = t.target_kind AND d.item_id = t.target_id
             WHERE translation_text MATCH @query AND t.workshop_id = @workshopId AND d.doc < @before
           UNION ALL
           SELECT d.doc, snippet(translation_text, 0, '', '', '…', 24), 1 FROM translation_text
             JOIN translations t ON t.rowid = translation_text.rowid
             JOIN search_docs d ON d.kind = 'synthesis' AND d.item_id = t.workshop_id || ':' || t.target_id || ':' || substr(t.field, ${blockFieldPrefix.length + 1})
             WHERE translation_text MATCH @query AND t.workshop_id = @workshopId AND t.target_kind = 'synthesis' AND d.doc < @before
         )
         SELECT d.*, f.excerpt FROM (SELECT doc, excerpt, MIN(via) FROM found GROUP BY doc) f JOIN search_docs d ON d.doc = f.doc
         WHERE d.workshop_id = @workshopId
           AND (d.draft = 0 OR @seesDrafts = 1 OR EXISTS (SELECT 1 FROM fiche_authors fa WHERE fa.fiche_id = d.fiche_id AND fa.user_id = @readerId))
           AND (d.hidden = 0 OR @seesHidden = 1 OR d.author_id = @readerId)
         ORDER BY d.doc DESC LIMIT @limit`,
      ).all({ query, workshopId, before: page.after?.[0] ?? Number.MAX_SAFE_INTEGER, limit: page.limit + 1, ...scopeParams(scope) }) as Row[];
      return mapPage(pageOf(rows, page, (r) => [r.doc as number]), (r): SearchHitRecord => {
        const passage = r.kind === "synthesis" ? synthesisKey.parse(r.item_id as string) : null;
        return {
          kind: r.kind as SearchHitRecord["kind"],
          id: passage ? passage.documentId : (r.item_id as string),
          ficheId: (r.fiche_id as string | null) ?? null,
          threadId: (r.thread_id as string | null) ?? null,
          proposalId: (r.proposal_id as string | null) ?? null,
          title: r.title as string,
          excerpt: r.excerpt as string,
          at: r.at as string,
          synthesis: passage && { ...passage, documentKind: r.document_kind as DocumentKind },
        };
      });
    },
    async indexSynthesis(text) {
      indexSynthesisTx(text);
    },
  };
}
