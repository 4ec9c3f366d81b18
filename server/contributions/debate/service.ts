// Use cases of the debate: threads, free or about a fiche; replies with a stance; authors
// edit their own posts (earlier wordings kept); facilitators hide a post with a logged reason.
import type { CreatePostBody, CreateThreadBody, EditPostBody } from "../../../shared/schemas/contributions.js";
import { errors } from "../../errors.js";
import { newId, nowIso } from "../../ids.js";
import type { LiveEmitter } from "../../live/index.js";
import type { PostRecord, PostView, Storage, ThreadView } from "../../storage/port.js";
import type { FicheService } from "../fiches/service.js";
import { pageRequest } from "../paging.js";
import { requireAuthorOr, scopeOf, type Reader } from "../reader.js";
import type { SequenceService } from "../sequences/service.js";
import type { ContributionTranslation } from "../translatable.js";
import { presentPost, presentThread } from "./presenter.js";

type PageQuery = { cursor?: string; limit: number };

export function createDebateService(
  storage: Storage,
  live: LiveEmitter,
  sequences: SequenceService,
  fiches: FicheService,
  written: ContributionTranslation["sourceChanged"] = () => {},
) {
  const store = storage.debate;

  async function requireThread(workshopId: string, threadId: string): Promise<ThreadView> {
    const thread = await store.threadById(workshopId, threadId);
    if (!thread) throw errors.notFound("thread");
    return thread;
  }

  async function requirePost(workshopId: string, postId: string): Promise<PostView> {
    const post = await store.postById(workshopId, postId);
    if (!post) throw errors.notFound("post");
    return post;
  }

  /** The room gets a member's view: a hidden post's body stays with facilitators and its author. */
  const publishPost = (event: "post.created" | "post.updated", post: PostView) =>
    live.emit(post.workshopId, event, { workshopId: post.workshopId, post: presentPost(post, null) });
  /** A new wording: its translations follow (machine drafts, announced by translation.updated). */
  const publishWording = (event: "post.created" | "post.updated", post: PostView) => {
    publishPost(event, post);
    written({ workshopId: post.workshopId, targetKind: "post", targetId: post.id });
  };

  const newPost = (reader: Reader, workshopId: string, threadId: string, body: CreatePostBody): PostRecord => ({
    id: newId(),
    workshopId,
    threadId,
    parentId: body.parentId ?? null,
    authorId: reader.userId,
    body: body.body,
    stance: body.stance ?? null,
    createdAt: nowIso(),
  });

  return {
    requireThread,

    async threadForReader(reader: Reader, workshopId: string, threadId: string) {
      const thread = await store.threadForReader(workshopId, threadId, reader.userId);
      if (!thread) throw errors.notFound("thread");
      return thread;
    },

    /** One post as this reader may see it (a hidden body only for facilitators and its author). */
    requirePost,

    async createThread(reader: Reader, workshopId: string, body: CreateThreadBody): Promise<{ thread: ThreadView; post: PostView }> {
      await sequences.requireWritable(workshopId, "thread");
      if (body.ficheId) {
        // Only about a fiche the whole room can read: a thread on a draft would leak it.
        const fiche = await fiches.requireReadable(reader, workshopId, body.ficheId);
        if (fiche.status === "draft") throw errors.conflict("fiche_not_submitted", "a debate opens on a submitted fiche");
      }
      const threadId = newId();
      const created = await store.createThread(
        { id: threadId, workshopId, title: body.title, ficheId: body.ficheId ?? null, createdBy: reader.userId, createdAt: nowIso() },
        newPost(reader, workshopId, threadId, { body: body.body, stance: body.stance }),
      );
      live.emit(workshopId, "thread.created", { workshopId, thread: presentThread(created.thread) });
      written({ workshopId, targetKind: "thread", targetId: threadId });
      publishWording("post.created", created.post);
      return created;
    },

    listThreads: (reader: Reader, workshopId: string, query: PageQuery & { ficheId?: string }) =>
      store.listThreads(workshopId, reader.userId, { ficheId: query.ficheId }, pageRequest(query)),

    async listPosts(workshopId: string, threadId: string, query: PageQuery & { afterSeq?: number }) {
      await requireThread(workshopId, threadId);
      const request = pageRequest(query);
      return store.listPosts(threadId, request.after || query.afterSeq === undefined ? request : { ...request, after: [query.afterSeq] });
    },

    async addPost(reader: Reader, workshopId: string, threadId: string, body: CreatePostBody): Promise<PostView> {
      await requireThread(workshopId, threadId);
      await sequences.requireWritable(workshopId, "post");
      if (body.parentId && (await store.postById(workshopId, body.parentId))?.threadId !== threadId) {
        throw errors.validation([{ path: "parentId", message: "is not a post of this thread" }]);
      }
      const post = await store.addPost(newPost(reader, workshopId, threadId, body));
      publishWording("post.created", post);
      return post;
    },

    async editPost(reader: Reader, workshopId: string, postId: string, body: EditPostBody): Promise<PostView> {
      const post = await requirePost(workshopId, postId);
      requireAuthorOr(reader, [post.authorId], null, "post");
      if (post.hidden) throw errors.conflict("post_hidden", "a hidden post can no longer be edited");
      await sequences.requireWritable(workshopId, "post");
      const edited = await store.editPost(postId, { body: body.body, stance: body.stance === undefined ? post.stance : body.stance, at: nowIso() });
      publishWording("post.updated", edited);
      return edited;
    },

    async postRevisions(reader: Reader, workshopId: string, postId: string, query: PageQuery) {
      const post = await requirePost(workshopId, postId);
      // Earlier wordings of a hidden post are as hidden as the post.
      if (presentPost(post, scopeOf(reader)).body === null) throw errors.notFound("post");
      return store.postRevisions(postId, pageRequest(query));
    },

    /** Hiding is moderation, not contribution: it works in any sequence status. */
    async moderate(reader: Reader, workshopId: string, postId: string, change: { hidden: boolean; reason: string }): Promise<PostView> {
      const post = await requirePost(workshopId, postId);
      if (change.hidden === (post.hidden !== null)) {
        throw errors.conflict("invalid_transition", change.hidden ? "this post is already hidden" : "this post is not hidden");
      }
      const moderated = await store.moderatePost({
        id: newId(),
        workshopId,
        postId,
        action: change.hidden ? "hide" : "unhide",
        reason: change.reason,
        by: reader.userId,
        at: nowIso(),
      });
      publishPost("post.updated", moderated);
      return moderated;
    },

    moderationLog: (workshopId: string, query: PageQuery) => store.moderationLog(workshopId, pageRequest(query)),

    /** The reader's view of a post (hidden bodies only for facilitators and the author). */
    view: (reader: Reader) => (post: PostView) => presentPost(post, scopeOf(reader)),
  };
}

export type DebateService = ReturnType<typeof createDebateService>;
