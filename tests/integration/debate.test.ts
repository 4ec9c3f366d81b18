// The debate over real HTTP and socket.io-client users in each role: threads, replies with
// stances, edits with history, moderation, closed sequences and a 2,000-post thread.
import { describe, expect, it } from "vitest";
import { newId } from "../../server/ids.js";
import { emitAck, workshopWithMembers } from "../helpers/clients.js";
import { allPages, doc, expectError, inRoom, nextEvent, openAll, recorder, serverForFile, setSequences } from "../helpers/contributions.js";

const running = serverForFile();

async function setUp() {
  const members = await workshopWithMembers(running.server);
  await openAll(members.facilitator, members.workshopId);
  const base = `/api/workshops/${members.workshopId}`;
  const thread = (await members.host.post(`${base}/threads`, { title: "Des lieux pour se parler", body: doc("Où le dialogue social territorial trouve-t-il sa place ?") })).body;
  return { ...members, base, threadId: thread.thread.id as string, openingPostId: thread.post.id as string };
}

describe("threads and replies", () => {
  it("reach a second member's socket live, with stance and reply-to", async () => {
    const { workshopId, participant, observer, base, threadId, openingPostId } = await setUp();
    const writer = await inRoom(participant, workshopId);
    const reader = await inRoom(observer, workshopId);
    const arrives = nextEvent(reader, "post.created");
    const ack = await emitAck(writer, "post.create", { workshopId, threadId, parentId: openingPostId, stance: "disagree", body: doc("No estoy de acuerdo: el diálogo necesita medios propios.") });
    expect(ack.ok).toBe(true);
    const { post } = await arrives;
    expect(post).toMatchObject({ id: ack.post.id, threadId, parentId: openingPostId, stance: "disagree", author: { id: participant.id }, hidden: null });
    const listed = await observer.get(`${base}/threads/${threadId}/posts`);
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([openingPostId, post.id]);
  });

  it("open free or about a submitted fiche, never about a draft", async () => {
    const { workshopId, host, observer, participant, base } = await setUp();
    const draft = (await host.post(`${base}/fiches`, {})).body.fiche;
    expectError(await host.post(`${base}/threads`, { title: "Sur mon brouillon", ficheId: draft.id, body: doc("x") }), 409, "fiche_not_submitted");
    expectError(await observer.post(`${base}/threads`, { title: "Sur le brouillon d'un autre", ficheId: draft.id, body: doc("x") }), 404, "not_found");
    await host.post(`${base}/fiches/${draft.id}/status`, { status: "submitted" });

    const watcher = await inRoom(participant, workshopId);
    const created = nextEvent(watcher, "thread.created");
    const socket = await inRoom(observer, workshopId);
    const ack = await emitAck(socket, "thread.create", { workshopId, title: "Sur la fiche", ficheId: draft.id, body: doc("Question aux invitants"), stance: "question" });
    expect(ack.ok).toBe(true);
    expect((await created).thread).toMatchObject({ ficheId: draft.id, title: "Sur la fiche", postCount: 1 });
    const aboutFiche = await participant.get(`${base}/threads?ficheId=${draft.id}`);
    expect(aboutFiche.body.items.map((t: { id: string }) => t.id)).toEqual([ack.thread.id]);
  });

  it("refuse a reply to a post of another thread, and the roles that do not debate", async () => {
    const { host, translator, outsider, base, threadId } = await setUp();
    const other = (await host.post(`${base}/threads`, { title: "Autre", body: doc("Autre sujet") })).body;
    expectError(await host.post(`${base}/threads/${threadId}/posts`, { body: doc("x"), parentId: other.post.id }), 400, "validation_failed");
    expectError(await translator.post(`${base}/threads/${threadId}/posts`, { body: doc("x") }), 403, "forbidden");
    expectError(await translator.post(`${base}/threads`, { title: "t", body: doc("x") }), 403, "forbidden");
    expectError(await outsider.get(`${base}/threads/${threadId}/posts`), 404, "not_found");
    expectError(await host.post(`${base}/threads/${newId()}/posts`, { body: doc("x") }), 404, "not_found");
    expectError(await host.get(`${base}/threads/${newId()}`), 404, "not_found");
    expectError(await outsider.get(`${base}/threads/${threadId}`), 404, "not_found");
  });

  it("give each reader one thread with their own unread count and read position", async () => {
    const { host, participant, base, threadId } = await setUp();
    const reply = (await participant.post(`${base}/threads/${threadId}/posts`, { body: doc("Dans les conseils de développement.") })).body.post;
    expect((await host.get(`${base}/threads/${threadId}`)).body.thread).toMatchObject({ id: threadId, postCount: 2, unread: 1, lastReadSeq: 0, author: { id: host.id } });
    expect((await participant.get(`${base}/threads/${threadId}`)).body.thread).toMatchObject({ unread: 1, lastReadSeq: 0 });
    await host.post(`${base}/threads/${threadId}/read`, {});
    expect((await host.get(`${base}/threads/${threadId}`)).body.thread).toMatchObject({ unread: 0, lastReadSeq: reply.seq });
  });

  it("answers malformed socket payloads with validation_failed", async () => {
    const { workshopId, participant, threadId } = await setUp();
    const socket = await inRoom(participant, workshopId);
    for (const payload of [
      undefined,
      { workshopId, threadId },
      { workshopId, body: doc("sans fil") },
      { workshopId, threadId, body: "<p>du HTML</p>" },
      { workshopId, threadId, body: { type: "doc", content: [{ type: "paragraph" }] } },
      { workshopId, threadId, body: doc("x"), stance: "maybe" },
      { workshopId, threadId: "../../etc/passwd", body: doc("x") },
    ]) {
      const ack = await emitAck(socket, "post.create", payload);
      expect(ack.error?.code, JSON.stringify(payload)).toBe("validation_failed");
    }
  });
});

describe("the debate sequence", () => {
  it("refuses threads and posts before it opens and after it closes", async () => {
    const { workshopId, facilitator, host } = await workshopWithMembers(running.server);
    const base = `/api/workshops/${workshopId}`;
    await setSequences(facilitator, workshopId, [["illustrate", "open"]]);
    expectError(await host.post(`${base}/threads`, { title: "Trop tôt", body: doc("x") }), 409, "sequence_not_open");
    await setSequences(facilitator, workshopId, [["debate", "open"]]);
    const thread = (await host.post(`${base}/threads`, { title: "À l'heure", body: doc("x") })).body.thread;
    await setSequences(facilitator, workshopId, [["debate", "closed"]]);
    expectError(await host.post(`${base}/threads/${thread.id}/posts`, { body: doc("Trop tard") }), 409, "sequence_closed");
    const socket = await inRoom(host, workshopId);
    expect((await emitAck(socket, "post.create", { workshopId, threadId: thread.id, body: doc("Trop tard") })).error.code).toBe("sequence_closed");
  });
});

describe("editing a post", () => {
  it("is for its author only, and keeps every earlier wording", async () => {
    const { workshopId, host, participant, facilitator, base, openingPostId } = await setUp();
    const watcher = await inRoom(participant, workshopId);
    const updated = nextEvent(watcher, "post.updated");
    const edited = await host.patch(`${base}/posts/${openingPostId}`, { body: doc("Où trouve-t-il sa place, et avec quels moyens ?"), stance: "question" });
    expect(edited.body.post).toMatchObject({ revisionCount: 1, stance: "question", body: doc("Où trouve-t-il sa place, et avec quels moyens ?") });
    expect(edited.body.post.editedAt).not.toBeNull();
    expect((await updated).post.revisionCount).toBe(1);

    const socket = await inRoom(host, workshopId);
    expect((await emitAck(socket, "post.edit", { workshopId, postId: openingPostId, body: doc("Troisième version") })).post.revisionCount).toBe(2);
    const history = await participant.get(`${base}/posts/${openingPostId}/revisions`);
    expect(history.body.items.map((r: { revision: number; body: unknown }) => [r.revision, r.body])).toEqual([
      [1, doc("Où le dialogue social territorial trouve-t-il sa place ?")],
      [2, doc("Où trouve-t-il sa place, et avec quels moyens ?")],
    ]);

    expectError(await participant.patch(`${base}/posts/${openingPostId}`, { body: doc("Pas à moi") }), 403, "not_author");
    expectError(await facilitator.patch(`${base}/posts/${openingPostId}`, { body: doc("Pas à moi non plus") }), 403, "not_author");
  });
});

describe("moderation", () => {
  it("lets a facilitator hide a post with a logged reason; others see that it is hidden and why", async () => {
    const { workshopId, facilitator, host, participant, base, threadId, openingPostId } = await setUp();
    const watcher = await inRoom(participant, workshopId);
    const updated = nextEvent(watcher, "post.updated");
    const hidden = await facilitator.post(`${base}/posts/${openingPostId}/moderation`, { hidden: true, reason: "Propos hors du cadre de l'atelier" });
    expect(hidden.body.post.body).not.toBeNull();
    const live = (await updated).post;
    expect(live).toMatchObject({ body: null, hidden: { reason: "Propos hors du cadre de l'atelier", by: { id: facilitator.id } } });

    const asParticipant = (await participant.get(`${base}/threads/${threadId}/posts`)).body.items[0];
    expect(asParticipant).toMatchObject({ id: openingPostId, body: null, hidden: { reason: "Propos hors du cadre de l'atelier" } });
    expect((await host.get(`${base}/threads/${threadId}/posts`)).body.items[0].body).not.toBeNull();
    expectError(await participant.get(`${base}/posts/${openingPostId}/revisions`), 404, "not_found");
    expectError(await host.patch(`${base}/posts/${openingPostId}`, { body: doc("Je corrige") }), 409, "post_hidden");

    const log = await facilitator.get(`${base}/moderation-log`);
    expect(log.body.items).toEqual([expect.objectContaining({ postId: openingPostId, threadId, action: "hide", reason: "Propos hors du cadre de l'atelier", by: expect.objectContaining({ id: facilitator.id }) })]);
    const socket = await inRoom(facilitator, workshopId);
    expect((await emitAck(socket, "post.moderate", { workshopId, postId: openingPostId, hidden: false, reason: "Reformulé en séance" })).post.hidden).toBeNull();
    expect((await facilitator.get(`${base}/moderation-log`)).body.items.map((m: { action: string }) => m.action)).toEqual(["unhide", "hide"]);
  });

  it("lets each reader fetch one post as they may see it: the hidden body for facilitators and its author only", async () => {
    const { facilitator, host, participant, outsider, base, openingPostId } = await setUp();
    await facilitator.post(`${base}/posts/${openingPostId}/moderation`, { hidden: true, reason: "Hors sujet" });
    const opening = doc("Où le dialogue social territorial trouve-t-il sa place ?");
    const hidden = { reason: "Hors sujet", by: expect.objectContaining({ id: facilitator.id }) };

    expect((await facilitator.get(`${base}/posts/${openingPostId}`)).body.post).toMatchObject({ id: openingPostId, body: opening, hidden });
    expect((await host.get(`${base}/posts/${openingPostId}`)).body.post).toMatchObject({ id: openingPostId, body: opening, hidden });
    expect((await participant.get(`${base}/posts/${openingPostId}`)).body.post).toMatchObject({ id: openingPostId, body: null, hidden });
    expectError(await outsider.get(`${base}/posts/${openingPostId}`), 404, "not_found");
    expectError(await participant.get(`${base}/posts/${newId()}`), 404, "not_found");

    await facilitator.post(`${base}/posts/${openingPostId}/moderation`, { hidden: false, reason: "Reformulé" });
    expect((await participant.get(`${base}/posts/${openingPostId}`)).body.post).toMatchObject({ body: opening, hidden: null });
  });

  it("is refused to other roles, without a reason, and when nothing would change", async () => {
    const { workshopId, facilitator, host, participant, base, openingPostId } = await setUp();
    expectError(await host.post(`${base}/posts/${openingPostId}/moderation`, { hidden: true, reason: "x" }), 403, "forbidden");
    expectError(await participant.get(`${base}/moderation-log`), 403, "forbidden");
    expectError(await facilitator.post(`${base}/posts/${openingPostId}/moderation`, { hidden: true, reason: "  " }), 400, "validation_failed");
    expectError(await facilitator.post(`${base}/posts/${openingPostId}/moderation`, { hidden: false, reason: "x" }), 409, "invalid_transition");
    const socket = await inRoom(participant, workshopId);
    expect((await emitAck(socket, "post.moderate", { workshopId, postId: openingPostId, hidden: true, reason: "x" })).error.code).toBe("forbidden");
  });

  it("works in a closed sequence too", async () => {
    const { workshopId, facilitator, base, openingPostId } = await setUp();
    await setSequences(facilitator, workshopId, [["debate", "closed"]]);
    expect((await facilitator.post(`${base}/posts/${openingPostId}/moderation`, { hidden: true, reason: "après coup" })).status).toBe(200);
  });
});

describe("a long thread", () => {
  it("pages 2,000 posts completely, in order, without repeats or gaps", async () => {
    const { workshopId, host, participant, base, threadId } = await setUp();
    for (let i = 0; i < 1999; i++) {
      await running.server.app.storage.debate.addPost({ id: newId(), workshopId, threadId, parentId: null, authorId: i % 2 ? host.id : participant.id, body: doc(`Message ${i}`), stance: null, createdAt: new Date().toISOString() });
      // Server and test share one process: let it handle its sockets (keep-alive timeouts) meanwhile.
      if (i % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const posts = await allPages<{ id: string; seq: number }>(participant, `${base}/threads/${threadId}/posts`, 100);
    expect(posts).toHaveLength(2000);
    expect(new Set(posts.map((p) => p.id)).size).toBe(2000);
    expect(posts.map((p) => p.seq)).toEqual([...posts.map((p) => p.seq)].sort((a, b) => a - b));
    // Pages of 37 end where pages of 100 do: same posts, same order.
    expect((await allPages<{ id: string }>(participant, `${base}/threads/${threadId}/posts`, 37)).map((p) => p.id)).toEqual(posts.map((p) => p.id));
    // Starting after a known post continues from there.
    const after = await participant.get(`${base}/threads/${threadId}/posts?afterSeq=${posts[1499]!.seq}&limit=100`);
    expect(after.body.items[0].id).toBe(posts[1500]!.id);
    expectError(await participant.get(`${base}/threads/${threadId}/posts?cursor=not-a-cursor`), 400, "invalid_cursor");
    expectError(await participant.get(`${base}/threads/${threadId}/posts?limit=1000`), 400, "validation_failed");
  });

  it("sends the room only the posts it should see", async () => {
    const { workshopId, host, participant, base, threadId } = await setUp();
    const watcher = await inRoom(participant, workshopId);
    const posts = recorder(watcher, "post.created");
    await host.post(`${base}/threads/${threadId}/posts`, { body: doc("Un") });
    await host.post(`${base}/threads/${threadId}/posts`, { body: doc("Deux") });
    await posts.settle();
    expect(posts.seen.map((e) => e.post.body)).toEqual([doc("Un"), doc("Deux")]);
  });
});
