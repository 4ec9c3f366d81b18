// Debate threads and posts in SQLite, with each post's earlier wordings and the moderation log.
import type Database from "better-sqlite3";
import { richTextToPlain, type RichTextDoc } from "../../../shared/richtext.js";
import type { DebateStore, ModerationRecord, PostRecord, PostView, StanceValue, ThreadRecord, ThreadView } from "../port.js";
import { changeCounter, mapPage, pageOf, parseJson, personOf, preparedStatements, searchIndex } from "./contributions.js";
import type { Row } from "./row.js";

const selectPost = `SELECT p.*, a.display_name AS author_name, h.display_name AS hidden_by_name
  FROM posts p JOIN users a ON a.id = p.author_id LEFT JOIN users h ON h.id = p.hidden_by`;
const selectThread = "SELECT t.*, u.display_name AS author_name FROM threads t JOIN users u ON u.id = t.created_by";

/** Also used by bench/peers/naive-contributions.ts, so a naive peer does the same work per row. */
export const toPost = (r: Row): PostView => ({
  id: r.id as string,
  seq: r.seq as number,
  workshopId: r.workshop_id as string,
  threadId: r.thread_id as string,
  parentId: (r.parent_id as string | null) ?? null,
  authorId: r.author_id as string,
  author: personOf(r, "author_id", "author_name"),
  body: parseJson<RichTextDoc>(r.body),
  stance: (r.stance as StanceValue | null) ?? null,
  createdAt: r.created_at as string,
  editedAt: (r.edited_at as string | null) ?? null,
  revisionCount: r.revision_count as number,
  hidden: r.hidden_at ? { reason: r.hidden_reason as string, at: r.hidden_at as string, by: personOf(r, "hidden_by", "hidden_by_name") } : null,
});

const toThread = (r: Row): ThreadView => ({
  id: r.id as string,
  workshopId: r.workshop_id as string,
  title: r.title as string,
  ficheId: (r.fiche_id as string | null) ?? null,
  createdBy: r.created_by as string,
  createdAt: r.created_at as string,
  author: personOf(r, "created_by", "author_name"),
  postCount: r.post_count as number,
  lastPostAt: r.last_post_at as string,
  lastPostSeq: r.last_post_seq as number,
});

/** Threads with the reader's (@readerId) position and unread count: their own and hidden posts are not unread. */
const selectThreadForReader = `SELECT t.*, u.display_name AS author_name, COALESCE(m.position, 0) AS last_read,
    (SELECT COUNT(*) FROM posts p WHERE p.thread_id = t.id AND p.seq > COALESCE(m.position, 0)
       AND p.hidden_at IS NULL AND p.author_id != @readerId) AS unread
  FROM threads t JOIN users u ON u.id = t.created_by
  LEFT JOIN read_marks m ON m.user_id = @readerId AND m.workshop_id = t.workshop_id AND m.target = 'thread:' || t.id`;

const toThreadForReader = (r: Row): ThreadView & { unread: number; lastReadSeq: number } => ({
  ...toThread(r),
  unread: r.unread as number,
  lastReadSeq: r.last_read as number,
});

export function debateStore(db: Database.Database): DebateStore {
  const prepared = preparedStatements(db);
  const counter = changeCounter(db);
  const search = searchIndex(db);
  const postBySeq = prepared(`${selectPost} WHERE p.seq = ?`);
  const postById = prepared(`${selectPost} WHERE p.id = ?`);
  const threadById = prepared(`${selectThread} WHERE t.id = ?`);
  const threadTitle = prepared("SELECT title FROM threads WHERE id = ?");

  const indexPost = (p: PostRecord, title: string, hidden = false) =>
    search.put({ workshopId: p.workshopId, kind: "post", itemId: p.id, threadId: p.threadId, title, at: p.createdAt, authorId: p.authorId, hidden, text: richTextToPlain(p.body) });

  const insertPost = (p: PostRecord): number => {
    const seq = counter.next();
    prepared(
      `INSERT INTO posts (seq, id, workshop_id, thread_id, parent_id, author_id, body, stance, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(seq, p.id, p.workshopId, p.threadId, p.parentId, p.authorId, JSON.stringify(p.body), p.stance, p.createdAt);
    prepared("UPDATE threads SET post_count = post_count + 1, last_post_seq = ?, last_post_at = ? WHERE id = ?").run(seq, p.createdAt, p.threadId);
    return seq;
  };

  const createThreadTx = db.transaction((t: ThreadRecord, opening: PostRecord) => {
    prepared(
      `INSERT INTO threads (id, workshop_id, fiche_id, title, created_by, created_at, post_count, last_post_seq, last_post_at)
       VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?)`,
    ).run(t.id, t.workshopId, t.ficheId, t.title, t.createdBy, t.createdAt, t.createdAt);
    search.put({ workshopId: t.workshopId, kind: "thread", itemId: t.id, threadId: t.id, ficheId: t.ficheId, title: t.title, at: t.createdAt, authorId: t.createdBy, text: t.title });
    const seq = insertPost(opening);
    indexPost(opening, t.title);
    return { thread: toThread(threadById.get(t.id) as Row), post: toPost(postBySeq.get(seq) as Row) };
  });

  const addPostTx = db.transaction((p: PostRecord) => {
    const seq = insertPost(p);
    indexPost(p, (threadTitle.get(p.threadId) as Row).title as string);
    return toPost(postBySeq.get(seq) as Row);
  });

  const editTx = db.transaction((postId: string, change: { body: RichTextDoc; stance: StanceValue | null; at: string }) => {
    const before = toPost(postById.get(postId) as Row);
    prepared("INSERT INTO post_revisions (post_id, revision, body, stance, written_at) VALUES (?, ?, ?, ?, ?)").run(
      postId,
      before.revisionCount + 1,
      JSON.stringify(before.body),
      before.stance,
      before.editedAt ?? before.createdAt,
    );
    prepared("UPDATE posts SET body = ?, stance = ?, edited_at = ?, revision_count = revision_count + 1 WHERE id = ?").run(
      JSON.stringify(change.body),
      change.stance,
      change.at,
      postId,
    );
    indexPost({ ...before, body: change.body }, (threadTitle.get(before.threadId) as Row).title as string, before.hidden !== null);
    return toPost(postById.get(postId) as Row);
  });

  const moderateTx = db.transaction((m: ModerationRecord) => {
    const hide = m.action === "hide";
    prepared("UPDATE posts SET hidden_reason = ?, hidden_at = ?, hidden_by = ? WHERE id = ?").run(hide ? m.reason : null, hide ? m.at : null, hide ? m.by : null, m.postId);
    prepared("INSERT INTO moderation_log (id, workshop_id, post_id, action, reason, by_user, at) VALUES (?, ?, ?, ?, ?, ?, ?)").run(
      m.id,
      m.workshopId,
      m.postId,
      m.action,
      m.reason,
      m.by,
      m.at,
    );
    search.setHidden("post", m.postId, hide);
    return toPost(postById.get(m.postId) as Row);
  });

  return {
    async createThread(thread, openingPost) {
      return createThreadTx(thread, openingPost);
    },
    async threadById(workshopId, id) {
      const r = prepared(`${selectThread} WHERE t.workshop_id = ? AND t.id = ?`).get(workshopId, id) as Row | undefined;
      return r ? toThread(r) : null;
    },
    async threadForReader(workshopId, id, readerId) {
      const r = prepared(`${selectThreadForReader} WHERE t.workshop_id = @workshopId AND t.id = @id`).get({ workshopId, id, readerId }) as Row | undefined;
      return r ? toThreadForReader(r) : null;
    },
    async listThreads(workshopId, readerId, filter, page) {
      const rows = prepared(
        `${selectThreadForReader}
         WHERE t.workshop_id = @workshopId AND t.last_post_seq < @before ${filter.ficheId ? "AND t.fiche_id = @ficheId" : ""}
         ORDER BY t.last_post_seq DESC LIMIT @limit`,
      ).all({ workshopId, readerId, ficheId: filter.ficheId ?? null, before: page.after?.[0] ?? Number.MAX_SAFE_INTEGER, limit: page.limit + 1 }) as Row[];
      return mapPage(pageOf(rows, page, (r) => [r.last_post_seq as number]), toThreadForReader);
    },
    async addPost(post) {
      return addPostTx(post);
    },
    async postById(workshopId, id) {
      const r = prepared(`${selectPost} WHERE p.workshop_id = ? AND p.id = ?`).get(workshopId, id) as Row | undefined;
      return r ? toPost(r) : null;
    },
    async listPosts(threadId, page) {
      const rows = prepared(`${selectPost} WHERE p.thread_id = ? AND p.seq > ? ORDER BY p.seq LIMIT ?`).all(threadId, page.after?.[0] ?? 0, page.limit + 1) as Row[];
      return mapPage(pageOf(rows, page, (r) => [r.seq as number]), toPost);
    },
    async editPost(postId, change) {
      return editTx(postId, change);
    },
    async postRevisions(postId, page) {
      const rows = prepared("SELECT * FROM post_revisions WHERE post_id = ? AND revision > ? ORDER BY revision LIMIT ?")
        .all(postId, page.after?.[0] ?? 0, page.limit + 1) as Row[];
      return mapPage(pageOf(rows, page, (r) => [r.revision as number]), (r) => ({
        revision: r.revision as number,
        body: parseJson<RichTextDoc>(r.body),
        stance: (r.stance as StanceValue | null) ?? null,
        writtenAt: r.written_at as string,
      }));
    },
    async moderatePost(entry) {
      return moderateTx(entry);
    },
    async moderationLog(workshopId, page) {
      const rows = prepared(
        `SELECT m.*, p.thread_id, u.display_name FROM moderation_log m JOIN posts p ON p.id = m.post_id JOIN users u ON u.id = m.by_user
         WHERE m.workshop_id = ? AND m.seq < ? ORDER BY m.seq DESC LIMIT ?`,
      ).all(workshopId, page.after?.[0] ?? Number.MAX_SAFE_INTEGER, page.limit + 1) as Row[];
      return mapPage(pageOf(rows, page, (r) => [r.seq as number]), (r) => ({
        id: r.id as string,
        workshopId,
        postId: r.post_id as string,
        threadId: r.thread_id as string,
        action: r.action as ModerationRecord["action"],
        reason: r.reason as string,
        by: r.by_user as string,
        byPerson: personOf(r, "by_user", "display_name"),
        at: r.at as string,
      }));
    },
  };
}
