// The public shapes of threads and posts. A hidden post shows "hidden", its reason and who
// hid it to everyone; its body only to facilitators and to its author.
import type { ModerationEntry, Post, PostRevision, Thread, ThreadForReader } from "../../../shared/schemas/contributions.js";
import type { ModerationRecord, PersonRef, PostRevisionRecord, PostView, ReaderScope, ThreadView } from "../../storage/port.js";

export const presentThread = (t: ThreadView): Thread => ({
  id: t.id,
  workshopId: t.workshopId,
  title: t.title,
  ficheId: t.ficheId,
  author: t.author,
  createdAt: t.createdAt,
  postCount: t.postCount,
  lastPostAt: t.lastPostAt,
  lastPostSeq: t.lastPostSeq,
});

export const presentThreadForReader = (t: ThreadView & { unread: number; lastReadSeq: number }): ThreadForReader => ({
  ...presentThread(t),
  unread: t.unread,
  lastReadSeq: t.lastReadSeq,
});

/** `scope` null: the view of any member, used for what the whole room receives. */
export function presentPost(p: PostView, scope: ReaderScope | null): Post {
  const bodyVisible = !p.hidden || (scope !== null && (scope.seesHidden || scope.userId === p.authorId));
  return {
    id: p.id,
    seq: p.seq,
    workshopId: p.workshopId,
    threadId: p.threadId,
    parentId: p.parentId,
    author: p.author,
    body: bodyVisible ? p.body : null,
    stance: p.stance,
    createdAt: p.createdAt,
    editedAt: p.editedAt,
    revisionCount: p.revisionCount,
    hidden: p.hidden,
  };
}

export const presentPostRevision = (r: PostRevisionRecord): PostRevision => ({ revision: r.revision, body: r.body, stance: r.stance, writtenAt: r.writtenAt });

export const presentModeration = (m: ModerationRecord & { threadId: string; byPerson: PersonRef }): ModerationEntry => ({
  id: m.id,
  postId: m.postId,
  threadId: m.threadId,
  action: m.action,
  reason: m.reason,
  by: m.byPerson,
  at: m.at,
});
