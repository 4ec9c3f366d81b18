// Naive answers to the questions the contribution stores answer, for bench/contributions.ts to measure
// ours against on the same data. Not used by the app.
import { Database } from "../../server/storage/sqlite/driver.js";
import { toPost } from "../../server/storage/sqlite/debate.js";
import type { Row } from "../../server/storage/sqlite/row.js";

export function openNaivePeers(file: string) {
  const db = new Database(file, { readonly: true });
  const offsetPage = db.prepare(
    `SELECT p.*, a.display_name AS author_name, h.display_name AS hidden_by_name
     FROM posts p JOIN users a ON a.id = p.author_id LEFT JOIN users h ON h.id = p.hidden_by
     WHERE p.thread_id = ? ORDER BY p.seq LIMIT ? OFFSET ?`,
  );
  // One pass over every post of the workshop, joined to the reader's positions.
  const unreadScan = db.prepare(
    `SELECT COUNT(*) AS n FROM posts p
     LEFT JOIN read_marks m ON m.user_id = @readerId AND m.workshop_id = p.workshop_id AND m.target = 'thread:' || p.thread_id
     WHERE p.workshop_id = @workshopId AND p.seq > COALESCE(m.position, 0) AND p.hidden_at IS NULL AND p.author_id != @readerId`,
  );
  const likeSearch = db.prepare("SELECT id FROM posts WHERE workshop_id = ? AND body LIKE ? ORDER BY seq DESC LIMIT ?");
  return {
    offsetPage: (threadId: string, limit: number, offset: number) => (offsetPage.all(threadId, limit, offset) as Row[]).map(toPost),
    unreadScan: (workshopId: string, readerId: string) => (unreadScan.get({ workshopId, readerId }) as { n: number }).n,
    /** Case- and accent-sensitive, as LIKE on stored JSON is. */
    likeSearch: (workshopId: string, word: string, limit: number) => likeSearch.all(workshopId, `%${word}%`, limit) as Row[],
    close: () => db.close(),
  };
}
