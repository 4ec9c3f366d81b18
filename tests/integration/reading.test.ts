// Reading between meetings over real HTTP and socket.io-client users: unread counts per
// thread and per sequence, "new since my last visit", and full-text search.
import { describe, expect, it } from "vitest";
import { emitAck, workshopWithMembers } from "../helpers/clients.js";
import { allPages, doc, expectError, inRoom, openAll, serverForFile } from "../helpers/contributions.js";

const running = serverForFile();

async function setUp() {
  const members = await workshopWithMembers(running.server);
  await openAll(members.facilitator, members.workshopId);
  return { ...members, base: `/api/workshops/${members.workshopId}` };
}

describe("unread counts", () => {
  it("count what others wrote, per thread and per sequence, until the member marks it read", async () => {
    const { workshopId, host, participant, observer, base } = await setUp();
    const thread = (await host.post(`${base}/threads`, { title: "Emploi partagé", body: doc("Ouverture") })).body.thread;
    await participant.post(`${base}/threads/${thread.id}/posts`, { body: doc("Mi respuesta") });
    const last = (await host.post(`${base}/threads/${thread.id}/posts`, { body: doc("Suite") })).body.post;
    const fiche = (await host.post(`${base}/fiches`, {})).body.fiche;
    await host.post(`${base}/fiches/${fiche.id}/status`, { status: "submitted" });
    await host.post(`${base}/proposals`, { title: "Proposition", body: doc("Texte") });
    const draft = (await host.post(`${base}/fiches`, { rows: { title: "Brouillon" } })).body.fiche;

    expect((await participant.get(`${base}/unread`)).body.sequences).toEqual({ illustrate: 1, debate: 2, propose: 1 });
    expect((await observer.get(`${base}/unread`)).body.sequences).toEqual({ illustrate: 1, debate: 3, propose: 1 });
    expect((await host.get(`${base}/unread`)).body.sequences).toEqual({ illustrate: 0, debate: 1, propose: 0 });
    expect(draft.status).toBe("draft");

    const threads = (await participant.get(`${base}/threads`)).body.items;
    expect(threads[0]).toMatchObject({ id: thread.id, unread: 2, lastReadSeq: 0, postCount: 3 });

    const socket = await inRoom(participant, workshopId);
    const read = await emitAck(socket, "thread.read", { workshopId, threadId: thread.id });
    expect(read).toEqual({ ok: true, lastReadSeq: last.seq });
    expect((await participant.get(`${base}/threads`)).body.items[0]).toMatchObject({ unread: 0, lastReadSeq: last.seq });
    expect((await participant.get(`${base}/threads/${thread.id}`)).body.thread).toMatchObject({ id: thread.id, unread: 0, lastReadSeq: last.seq, postCount: 3 });
    expect((await observer.get(`${base}/threads/${thread.id}`)).body.thread).toMatchObject({ unread: 3, lastReadSeq: 0 });
    expect((await participant.post(`${base}/threads/${thread.id}/read`, { upToSeq: 1 })).body.lastReadSeq).toBe(last.seq);

    await participant.post(`${base}/sequences/illustrate/read`);
    await participant.post(`${base}/sequences/propose/read`);
    expect((await participant.get(`${base}/unread`)).body.sequences).toEqual({ illustrate: 0, debate: 0, propose: 0 });
    // Marking is up to now: what others change afterwards counts again.
    await host.post(`${base}/proposals`, { title: "Une autre", body: doc("Texte") });
    expect((await participant.get(`${base}/unread`)).body.sequences).toEqual({ illustrate: 0, debate: 0, propose: 1 });
    await observer.post(`${base}/sequences/debate/read`);
    expect((await observer.get(`${base}/unread`)).body.sequences.debate).toBe(0);
  });

  it("never count hidden posts, nor reveal a thread to someone outside the workshop", async () => {
    const { facilitator, host, participant, outsider, base } = await setUp();
    const created = (await host.post(`${base}/threads`, { title: "Sujet", body: doc("Ouverture") })).body;
    await facilitator.post(`${base}/posts/${created.post.id}/moderation`, { hidden: true, reason: "doublon" });
    expect((await participant.get(`${base}/unread`)).body.sequences.debate).toBe(0);
    expectError(await outsider.get(`${base}/unread`), 404, "not_found");
    expectError(await participant.post(`${base}/threads/${created.thread.id}/read`, { upToSeq: -1 }), 400, "validation_failed");
    expectError(await participant.post(`${base}/sequences/celebrate/read`), 400, "validation_failed");
  });
});

describe("new since my last visit", () => {
  it("lists what others changed since the member's first visit, and not their own changes", async () => {
    const { workshopId, host, participant, base } = await setUp();
    await inRoom(participant, workshopId);
    const thread = (await host.post(`${base}/threads`, { title: "Dialogue social", body: doc("Ouverture") })).body.thread;
    await host.post(`${base}/threads/${thread.id}/posts`, { body: doc("Suite") });
    const proposal = (await host.post(`${base}/proposals`, { title: "Former ensemble", body: doc("Texte") })).body.proposal;
    await participant.post(`${base}/proposals`, { title: "La mienne", body: doc("Texte") });

    const since = await participant.get(`${base}/since-last-visit`);
    expect(since.body.since).toBeNull();
    expect(since.body.items.map((c: { kind: string; id: string; sequence: string; newPosts: number | null }) => [c.kind, c.id, c.sequence, c.newPosts])).toEqual([
      ["proposal", proposal.id, "propose", null],
      ["thread", thread.id, "debate", 2],
    ]);
    const paged = await allPages(participant, `${base}/since-last-visit`, 1);
    expect(paged.map((c) => c.id)).toEqual([proposal.id, thread.id]);
  });
});

describe("search", () => {
  it("finds « décrètent » from \"decretent\", whatever case and accents, in every kind of contribution", async () => {
    const { host, observer, participant, base } = await setUp();
    const thread = (await host.post(`${base}/threads`, { title: "Participation", body: doc("Les élus DÉCRÈTENT, les habitants proposent.") })).body.thread;
    const fiche = (await observer.post(`${base}/fiches`, { rows: { title: "Soirées citoyennes", lessons: doc("On ne décrète pas la participation : on l'organise.") } })).body.fiche;
    await observer.post(`${base}/fiches/${fiche.id}/status`, { status: "submitted" });
    await host.post(`${base}/proposals`, { title: "Ne plus décréter", body: doc("Co-construire le plan pour l'eau") });

    const hits = (await participant.get(`${base}/search?q=decretent`)).body.items;
    expect(hits).toEqual([expect.objectContaining({ kind: "post", threadId: thread.id, title: "Participation", sequence: "debate" })]);
    expect(hits[0].excerpt).toContain("DÉCRÈTENT");

    const broader = (await participant.get(`${base}/search?q=${encodeURIComponent("DÉCRET")}`)).body.items;
    expect(broader.map((h: { kind: string }) => h.kind).sort()).toEqual(["fiche", "post", "proposal"]);
    const both = (await participant.get(`${base}/search?q=${encodeURIComponent("eau co-construire")}`)).body.items;
    expect(both.map((h: { kind: string }) => h.kind)).toEqual(["proposal"]);
    expect((await participant.get(`${base}/search?q=${encodeURIComponent('" OR * NEAR(')}`)).body.items).toEqual([]);
  });

  it("never finds a draft or a hidden post for someone who may not see it", async () => {
    const { facilitator, host, participant, base } = await setUp();
    await host.post(`${base}/fiches`, { rows: { title: "Ostréiculture confidentielle" } });
    const created = (await host.post(`${base}/threads`, { title: "Sujet", body: doc("Un propos ostréicole déplacé") })).body;
    await facilitator.post(`${base}/posts/${created.post.id}/moderation`, { hidden: true, reason: "hors cadre" });

    const kinds = async (who: typeof host) => (await who.get(`${base}/search?q=ostreic`)).body.items.map((h: { kind: string }) => h.kind).sort();
    expect(await kinds(participant)).toEqual([]);
    expect(await kinds(host)).toEqual(["fiche", "post"]);
    expect(await kinds(facilitator)).toEqual(["fiche", "post"]);
  });

  it("pages its results and refuses queries too short or from outside the workshop", async () => {
    const { host, participant, outsider, base } = await setUp();
    const thread = (await host.post(`${base}/threads`, { title: "Groupements d'employeurs", body: doc("groupement 0") })).body.thread;
    for (let i = 1; i < 5; i++) await host.post(`${base}/threads/${thread.id}/posts`, { body: doc(`groupement ${i}`) });
    const all = await allPages<{ id: string }>(participant, `${base}/search?q=groupement`, 2);
    expect(all).toHaveLength(6);
    expect(new Set(all.map((h) => h.id)).size).toBe(6);
    expectError(await participant.get(`${base}/search?q=a`), 400, "validation_failed");
    expectError(await participant.get(`${base}/search`), 400, "validation_failed");
    expectError(await outsider.get(`${base}/search?q=groupement`), 404, "not_found");
  });
});
