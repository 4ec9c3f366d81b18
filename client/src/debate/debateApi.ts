// Typed calls to the debate: threads, posts, edits and moderation.
import { richTextToPlain, type RichTextDoc } from "../../../shared/richtext.js";
import type { Post, PostRevision, Stance, Thread, ThreadForReader } from "../../../shared/schemas/contributions.js";
import { api, queryString } from "../api.js";
import { workshopBase } from "../sequences/sequencesApi.js";
import { writeOrKeep } from "../ui/outbox.js";

type Page<T> = { items: T[]; nextCursor: string | null };
/** Where a thread kept on the device shows: at the end of the workshop's threads. */
export const newThreadPlace = (workshopId: string) => `threads:${workshopId}`;
/** Where a reply kept on the device shows: at the end of its thread. */
export const threadPlace = (threadId: string) => `thread:${threadId}`;

export const debateApi = {
  threads: (workshopId: string, query: { ficheId?: string; cursor?: string } = {}) =>
    api.get<Page<ThreadForReader>>(`${workshopBase(workshopId)}/threads${queryString({ limit: 100, ...query })}`),
  /** Opens a thread, or keeps it on this device while the connection is down (null then; it shows at `newThreadPlace`). */
  async createThread(userId: string, workshopId: string, body: { title: string; body: RichTextDoc; ficheId?: string; stance?: Stance }): Promise<{ thread: Thread; post: Post } | null> {
    const text = `${body.title}\n\n${richTextToPlain(body.body)}`;
    return writeOrKeep<{ thread: Thread; post: Post }>(userId, { method: "POST", path: `${workshopBase(workshopId)}/threads`, body, place: newThreadPlace(workshopId), text });
  },
  /** One thread with my unread count and read position in it. */
  thread: (workshopId: string, threadId: string) =>
    api.get<{ thread: ThreadForReader }>(`${workshopBase(workshopId)}/threads/${encodeURIComponent(threadId)}`).then((r) => r.thread),
  /** One post as I may see it (a facilitator sees a hidden post's body). */
  post: (workshopId: string, postId: string) => api.get<{ post: Post }>(`${workshopBase(workshopId)}/posts/${encodeURIComponent(postId)}`).then((r) => r.post),
  /** Every post of a thread, following the pages. */
  async allPosts(workshopId: string, threadId: string): Promise<Post[]> {
    const posts: Post[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.get<Page<Post>>(`${workshopBase(workshopId)}/threads/${encodeURIComponent(threadId)}/posts${queryString({ limit: 100, cursor })}`);
      posts.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return posts;
  },
  /** Posts in the thread, or keeps the post on this device while the connection is down (null then; it shows in the thread as not yet sent). */
  async reply(userId: string, workshopId: string, threadId: string, body: { body: RichTextDoc; parentId?: string; stance?: Stance }): Promise<Post | null> {
    const path = `${workshopBase(workshopId)}/threads/${encodeURIComponent(threadId)}/posts`;
    const answer = await writeOrKeep<{ post: Post }>(userId, { method: "POST", path, body, place: threadPlace(threadId), text: richTextToPlain(body.body) });
    return answer?.post ?? null;
  },
  edit: (workshopId: string, postId: string, body: { body: RichTextDoc; stance: Stance | null }) =>
    api.patch<{ post: Post }>(`${workshopBase(workshopId)}/posts/${encodeURIComponent(postId)}`, body).then((r) => r.post),
  revisions: (workshopId: string, postId: string) =>
    api.get<Page<PostRevision>>(`${workshopBase(workshopId)}/posts/${encodeURIComponent(postId)}/revisions${queryString({ limit: 100 })}`),
  moderate: (workshopId: string, postId: string, hidden: boolean, reason: string) =>
    api.post<{ post: Post }>(`${workshopBase(workshopId)}/posts/${encodeURIComponent(postId)}/moderation`, { hidden, reason }).then((r) => r.post),
  markRead: (workshopId: string, threadId: string, upToSeq?: number) =>
    api.post<{ lastReadSeq: number }>(`${workshopBase(workshopId)}/threads/${encodeURIComponent(threadId)}/read`, upToSeq === undefined ? {} : { upToSeq }),
};
