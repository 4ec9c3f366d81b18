// HTTP routes of the debate: threads, posts, edits, moderation.
import { Router } from "express";
import { z } from "zod";
import { id } from "../../../shared/schemas/common.js";
import {
  createPostBody,
  createThreadBody,
  editPostBody,
  moderatePostBody,
  moderationEntry,
  page,
  pageQuery,
  post,
  postRevision,
  postsQuery,
  thread,
  threadForReader,
  threadsQuery,
} from "../../../shared/schemas/contributions.js";
import { defineRoute, type Guard } from "../../http/route.js";
import { presentPage } from "../paging.js";
import { readerOf, workshopParams } from "../routing.js";
import { presentModeration, presentPostRevision, presentThread, presentThreadForReader } from "./presenter.js";
import type { DebateService } from "./service.js";

export function debateRoutes(service: DebateService, guard: Guard): Router {
  const router = Router();
  const tag = "debate";
  const base = "/api/workshops/:workshopId";
  const threadParams = workshopParams.extend({ threadId: id });
  const postParams = workshopParams.extend({ postId: id });
  const postBody = z.object({ post });
  const read = { action: "contribution.read", workshopParam: "workshopId" };

  defineRoute(
    router,
    guard,
    { method: "get", path: `${base}/threads`, tag, summary: "Threads, most recently active first, each with my unread count; ?ficheId= for those about one fiche", access: read, params: workshopParams, query: threadsQuery, response: page(threadForReader), errors: ["invalid_cursor"] },
    async ({ params, query, res }) => presentPage(await service.listThreads(readerOf(res), params.workshopId, query), presentThreadForReader),
  );

  defineRoute(
    router,
    guard,
    {
      method: "post",
      path: `${base}/threads`,
      tag,
      summary: "Open a thread, free or about a submitted fiche, with its opening post",
      access: { action: "thread.create", workshopParam: "workshopId" },
      params: workshopParams,
      body: createThreadBody,
      response: z.object({ thread, post }),
      status: 201,
      errors: ["sequence_closed", "sequence_not_open", "fiche_not_submitted"],
    },
    async ({ params, body, res }) => {
      const reader = readerOf(res);
      const created = await service.createThread(reader, params.workshopId, body);
      return { thread: presentThread(created.thread), post: service.view(reader)(created.post) };
    },
  );

  defineRoute(
    router,
    guard,
    { method: "get", path: `${base}/threads/:threadId`, tag, summary: "One thread, with my unread count and read position in it", access: read, params: threadParams, response: z.object({ thread: threadForReader }) },
    async ({ params, res }) => ({ thread: presentThreadForReader(await service.threadForReader(readerOf(res), params.workshopId, params.threadId)) }),
  );

  defineRoute(
    router,
    guard,
    {
      method: "get",
      path: `${base}/threads/:threadId/posts`,
      tag,
      summary: "Posts of a thread in order (replies carry parentId). ?afterSeq= starts after a known post, e.g. my lastReadSeq.",
      access: read,
      params: threadParams,
      query: postsQuery,
      response: page(post),
      errors: ["invalid_cursor"],
    },
    async ({ params, query, res }) => presentPage(await service.listPosts(params.workshopId, params.threadId, query), service.view(readerOf(res))),
  );

  defineRoute(
    router,
    guard,
    {
      method: "post",
      path: `${base}/threads/:threadId/posts`,
      tag,
      summary: "Reply in a thread, optionally to a post and with a stance (agree, disagree, question)",
      access: { action: "post.create", workshopParam: "workshopId" },
      params: threadParams,
      body: createPostBody,
      response: postBody,
      status: 201,
      errors: ["sequence_closed", "sequence_not_open"],
    },
    async ({ params, body, res }) => {
      const reader = readerOf(res);
      return { post: service.view(reader)(await service.addPost(reader, params.workshopId, params.threadId, body)) };
    },
  );

  defineRoute(
    router,
    guard,
    {
      method: "patch",
      path: `${base}/posts/:postId`,
      tag,
      summary: "Edit my own post; its earlier wording is kept",
      access: { action: "post.create", workshopParam: "workshopId" },
      params: postParams,
      body: editPostBody,
      response: postBody,
      errors: ["not_author", "post_hidden", "sequence_closed"],
    },
    async ({ params, body, res }) => {
      const reader = readerOf(res);
      return { post: service.view(reader)(await service.editPost(reader, params.workshopId, params.postId, body)) };
    },
  );

  defineRoute(
    router,
    guard,
    {
      method: "get",
      path: `${base}/posts/:postId`,
      tag,
      summary: "One post as I may see it: a hidden post's body only for facilitators and its author, its reason for everyone",
      access: read,
      params: postParams,
      response: postBody,
    },
    async ({ params, res }) => ({ post: service.view(readerOf(res))(await service.requirePost(params.workshopId, params.postId)) }),
  );

  defineRoute(
    router,
    guard,
    { method: "get", path: `${base}/posts/:postId/revisions`, tag, summary: "Earlier wordings of a post, oldest first", access: read, params: postParams, query: pageQuery, response: page(postRevision), errors: ["invalid_cursor"] },
    async ({ params, query, res }) => presentPage(await service.postRevisions(readerOf(res), params.workshopId, params.postId, query), presentPostRevision),
  );

  defineRoute(
    router,
    guard,
    {
      method: "post",
      path: `${base}/posts/:postId/moderation`,
      tag,
      summary: "Hide a post, or show it again, with a reason; the reason is logged and shown in place of the post",
      access: { action: "post.moderate", workshopParam: "workshopId" },
      params: postParams,
      body: moderatePostBody,
      response: postBody,
      errors: ["invalid_transition"],
    },
    async ({ params, body, res }) => {
      const reader = readerOf(res);
      return { post: service.view(reader)(await service.moderate(reader, params.workshopId, params.postId, body)) };
    },
  );

  defineRoute(
    router,
    guard,
    { method: "get", path: `${base}/moderation-log`, tag, summary: "Who hid or showed which post, when and why; newest first", access: { action: "post.moderate", workshopParam: "workshopId" }, params: workshopParams, query: pageQuery, response: page(moderationEntry), errors: ["invalid_cursor"] },
    async ({ params, query }) => presentPage(await service.moderationLog(params.workshopId, query), presentModeration),
  );

  return router;
}
