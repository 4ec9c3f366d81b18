// Socket events of the debate, for the live room: the same use cases as the HTTP routes.
import type { SocketServer } from "../../live/index.js";
import { readerOfEvent } from "../reader.js";
import type { DebateService } from "./service.js";
import { presentThread } from "./presenter.js";

export function debateEvents({ on }: SocketServer, service: DebateService): void {
  on("thread.create", { summary: "Open a thread with its opening post", action: "thread.create", errors: ["sequence_closed", "sequence_not_open", "fiche_not_submitted"] }, async ({ workshopId, ...body }, ctx) => {
    const reader = readerOfEvent(ctx);
    const created = await service.createThread(reader, workshopId, body);
    return { thread: presentThread(created.thread), post: service.view(reader)(created.post) };
  });

  on("post.create", { summary: "Reply in a thread; answers with the post", action: "post.create", errors: ["sequence_closed", "sequence_not_open"] }, async ({ workshopId, threadId, ...body }, ctx) => {
    const reader = readerOfEvent(ctx);
    return { post: service.view(reader)(await service.addPost(reader, workshopId, threadId, body)) };
  });

  on("post.edit", { summary: "Edit my own post; its earlier wording is kept", action: "post.create", errors: ["not_author", "post_hidden", "sequence_closed"] }, async ({ workshopId, postId, ...body }, ctx) => {
    const reader = readerOfEvent(ctx);
    return { post: service.view(reader)(await service.editPost(reader, workshopId, postId, body)) };
  });

  on("post.moderate", { summary: "Hide or show a post with a logged reason", action: "post.moderate", errors: ["invalid_transition"] }, async ({ workshopId, postId, ...change }, ctx) => {
    const reader = readerOfEvent(ctx);
    return { post: service.view(reader)(await service.moderate(reader, workshopId, postId, change)) };
  });
}
