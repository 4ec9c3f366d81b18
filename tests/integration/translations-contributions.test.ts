// Contributions as translation sources, over real HTTP and sockets: machine drafts follow each
// write (the real Apertium where installed), reach readers live with their text, go stale on
// edits, never replace a person's work, and stay as hidden as the draft fiche they translate.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { richTextToPlain } from "../../shared/richtext.js";
import { skipWithoutApertium } from "../helpers/apertium.js";
import { workshopWithMembers, type TestUser } from "../helpers/clients.js";
import { doc, expectError, inRoom, nextEvent, openAll, openSockets, recorder } from "../helpers/contributions.js";
import { startServer, type TestServer } from "../helpers/server.js";

const spanish =
  "Los habitantes y los concejales del territorio crearon juntos una agrupación de empleadores para el empleo de temporada. Así los trabajadores encuentran un empleo durante todo el año.";
const spanishEdited = `${spanish} Ahora la región quiere extender la experiencia a otras comarcas.`;

const translationsOf = async (user: TestUser, workshopId: string, targetKind: string, targetId: string, language?: string) =>
  user.get(`/api/workshops/${workshopId}/translations?targetKind=${targetKind}&targetId=${targetId}${language ? `&language=${language}` : ""}`);
const textOf = (t: { text: unknown }) => (typeof t.text === "string" ? t.text : richTextToPlain(t.text as never));

afterEach(() => {
  for (const socket of openSockets.splice(0)) socket.disconnect();
});

async function debate(server: TestServer) {
  const members = await workshopWithMembers(server);
  await openAll(members.facilitator, members.workshopId);
  const base = `/api/workshops/${members.workshopId}`;
  const thread = (await members.host.post(`${base}/threads`, { title: "Emploi saisonnier", body: doc("Comment garder les saisonniers toute l'année sur le territoire ?") })).body;
  return { ...members, base, threadId: thread.thread.id as string };
}

describe.skipIf(skipWithoutApertium())("contributions translated by Apertium", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ config: { translationProvider: "apertium" } });
  });
  afterAll(() => server.close({ wipe: true }));

  it("a Spanish post gets a French machine draft, delivered live with its text to a French reader", async () => {
    const { workshopId, host, participant, base, threadId } = await debate(server);
    const french = await inRoom(host, workshopId);
    const created = nextEvent(french, "post.created", (e) => e.post.author.id === participant.id);
    const translated = nextEvent(french, "translation.updated", (e) => e.targetKind === "post" && e.language === "fr");
    const posted = await participant.post(`${base}/threads/${threadId}/posts`, { body: doc(spanish) });
    expect(posted.status).toBe(201);
    const postId = posted.body.post.id;
    expect((await created).post.id).toBe(postId);
    const event = await translated;
    expect(event).toMatchObject({ workshopId, targetKind: "post", targetId: postId, field: "body", language: "fr", format: "rich", origin: "machine", provider: "apertium", status: "draft", stale: false });
    expect(textOf(event)).toMatch(/habitants/);
    await server.app.translation.queue.idle();

    const listed = (await translationsOf(host, workshopId, "post", postId)).body;
    expect(listed.sourceLanguage).toBe("es");
    expect(listed.translations.map((t: { language: string }) => t.language).sort()).toEqual(["en", "fr"]);
    expect(listed.translations.find((t: { language: string }) => t.language === "en")).toMatchObject({ origin: "machine", provider: "apertium" });
  });

  it("editing a post makes its French translation stale until a fresh machine draft replaces it", async () => {
    const { workshopId, host, participant, base, threadId } = await debate(server);
    const french = await inRoom(host, workshopId);
    const first = nextEvent(french, "translation.updated", (e) => e.targetKind === "post" && e.language === "fr");
    const postId = (await participant.post(`${base}/threads/${threadId}/posts`, { body: doc(spanish) })).body.post.id;
    const before = textOf(await first);

    const fresh = nextEvent(french, "translation.updated", (e) => e.targetId === postId && e.language === "fr");
    expect((await participant.patch(`${base}/posts/${postId}`, { body: doc(spanishEdited) })).status).toBe(200);
    // The new machine job takes a few hundred milliseconds: until then the old draft is stale.
    const right = (await translationsOf(host, workshopId, "post", postId, "fr")).body.translations[0];
    expect(right).toMatchObject({ origin: "machine", stale: true });
    expect(textOf(right)).toBe(before);
    const replaced = await fresh;
    expect(replaced).toMatchObject({ origin: "machine", stale: false });
    expect(textOf(replaced)).toMatch(/región|région/);
    expect((await translationsOf(host, workshopId, "post", postId, "fr")).body.translations[0].stale).toBe(false);
  });

  it("a translator's translation of a post is kept when the author edits it again and machine jobs run", async () => {
    const { workshopId, host, participant, translator, base, threadId } = await debate(server);
    const postId = (await participant.post(`${base}/threads/${threadId}/posts`, { body: doc(spanish) })).body.post.id;
    await server.app.translation.queue.idle();
    const human = doc("Les habitants et les élus ont créé ensemble un groupement d'employeurs pour l'emploi saisonnier.");
    const written = await translator.put(`${base}/translations/post/${postId}/body/fr`, { text: human });
    expect(written.status).toBe(200);

    const watcher = await inRoom(host, workshopId);
    const english = nextEvent(watcher, "translation.updated", (e) => e.targetId === postId && e.language === "en");
    await participant.patch(`${base}/posts/${postId}`, { body: doc(spanishEdited) });
    expect(await english).toMatchObject({ origin: "machine", stale: false });
    await server.app.translation.queue.idle();

    const kept = (await translationsOf(host, workshopId, "post", postId, "fr")).body.translations[0];
    expect(kept).toMatchObject({ origin: "human", translator: { id: translator.id }, stale: true });
    expect(textOf(kept)).toBe(richTextToPlain(human));
  });

  it("a draft fiche's translations reach only its authors and facilitators: 404, no queue item and no live event for others", async () => {
    const { workshopId, host, participant, facilitator, translator } = await workshopWithMembers(server);
    const base = `/api/workshops/${workshopId}`;
    const author = await inRoom(host, workshopId);
    const other = recorder(await inRoom(participant, workshopId), "translation.updated");
    const heard = nextEvent(author, "translation.updated", (e) => e.targetKind === "fiche" && e.language === "es");
    const created = await host.post(`${base}/fiches`, {
      rows: { title: "Plan pour l'eau du pays", descriptive: doc("Des soirées ouvertes à tous les habitants ont nourri le plan de gestion de l'eau du territoire.") },
    });
    expect(created.status).toBe(201);
    const ficheId = created.body.fiche.id;
    expect(await heard).toMatchObject({ targetId: ficheId, origin: "machine" });
    await server.app.translation.queue.idle();
    await other.settle();
    expect(other.seen.filter((e) => e.targetId === ficheId)).toEqual([]);

    expect((await translationsOf(host, workshopId, "fiche", ficheId)).body.translations.length).toBeGreaterThan(0);
    expect((await translationsOf(facilitator, workshopId, "fiche", ficheId)).status).toBe(200);
    expectError(await translationsOf(participant, workshopId, "fiche", ficheId), 404, "not_found");
    expectError(await translationsOf(translator, workshopId, "fiche", ficheId), 404, "not_found");
    expectError(await translator.put(`${base}/translations/fiche/${ficheId}/rows.title/es`, { text: "Plan para el agua" }), 404, "not_found");
    const queueOf = async (user: TestUser) => (await user.get(`${base}/translations/queue`)).body.items.filter((i: { targetId: string }) => i.targetId === ficheId);
    expect(await queueOf(participant)).toEqual([]);
    expect(await queueOf(translator)).toEqual([]);
    expect((await queueOf(facilitator)).length).toBeGreaterThan(0);

    // Once submitted, the whole room reads it, its translations and its queue items.
    await openAll(facilitator, workshopId);
    expect((await host.post(`${base}/fiches/${ficheId}/status`, { status: "submitted" })).status).toBe(200);
    expect((await translationsOf(participant, workshopId, "fiche", ficheId)).status).toBe(200);
  });
});

describe("contributions as translation targets", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ config: { translationProvider: "none" } });
  });
  afterAll(() => server.close({ wipe: true }));

  it("a participant may not write a translation of a post; its author may correct its source language", async () => {
    const { participant, host, translator, base, threadId } = await debate(server);
    const postId = (await participant.post(`${base}/threads/${threadId}/posts`, { body: doc(spanish) })).body.post.id;
    expectError(await participant.put(`${base}/translations/post/${postId}/body/fr`, { text: doc("Les habitants…") }), 403, "forbidden");
    expectError(await host.put(`${base}/translations/post/${postId}/body/fr`, { text: doc("Les habitants…") }), 403, "forbidden");
    expect((await translator.put(`${base}/translations/post/${postId}/body/fr`, { text: doc("Les habitants…") })).status).toBe(200);

    const path = `${base}/source-language/post/${postId}`;
    expectError(await host.put(path, { language: "pt" }), 403, "forbidden");
    const corrected = await participant.put(path, { language: "pt" });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ sourceLanguage: "pt", sourceLanguageCorrected: true });
  });

  it("a hidden post's translations are not found by other members", async () => {
    const { workshopId, participant, observer, facilitator, translator, base, threadId } = await debate(server);
    const postId = (await participant.post(`${base}/threads/${threadId}/posts`, { body: doc(spanish) })).body.post.id;
    expect((await translator.put(`${base}/translations/post/${postId}/body/fr`, { text: doc("Les habitants…") })).status).toBe(200);
    expect((await facilitator.post(`${base}/posts/${postId}/moderation`, { hidden: true, reason: "Hors du cadre" })).status).toBe(200);
    expectError(await translationsOf(observer, workshopId, "post", postId), 404, "not_found");
    expect((await translationsOf(participant, workshopId, "post", postId)).status).toBe(200);
    expect((await translationsOf(facilitator, workshopId, "post", postId)).status).toBe(200);
  });

  it("proposals, amendments and agenda items are translation targets with their fields", async () => {
    const { workshopId, participant, translator, facilitator, host, base } = await debate(server);
    const proposal = (await participant.post(`${base}/proposals`, { title: "Un fondo común", body: doc(spanish) })).body.proposal;
    const listed = (await translationsOf(translator, workshopId, "proposal", proposal.id)).body;
    expect(listed).toMatchObject({ sourceLanguage: "es" });
    expect(listed.fields.map((f: { field: string }) => f.field)).toEqual(["title", "body"]);
    const amendment = (await host.post(`${base}/proposals/${proposal.id}/amendments`, { body: doc(spanishEdited), rationale: "Más ambición para el territorio" })).body.amendment;
    expect((await translationsOf(participant, workshopId, "amendment", amendment.id)).body.fields.map((f: { field: string }) => f.field)).toEqual(["title", "body", "rationale"]);
    const queue = (await facilitator.get(`${base}/translations/queue?language=fr`)).body.items;
    expect(queue).toContainEqual(expect.objectContaining({ targetKind: "proposal", targetId: proposal.id, field: "body", state: "missing" }));
  });

  it("a thread's title is a target, and a list's titles come in one request, leaving out what the reader may not see", async () => {
    const { workshopId, participant, translator, host, base, threadId } = await debate(server);
    const thread = (await translationsOf(participant, workshopId, "thread", threadId)).body;
    expect(thread.fields.map((f: { field: string }) => f.field)).toEqual(["title"]);
    expect((await translator.put(`${base}/translations/thread/${threadId}/title/es`, { text: "Empleo de temporada" })).status).toBe(200);

    const other = (await host.post(`${base}/threads`, { title: "Coopérer entre territoires", body: doc("Quels liens entre les pays ?") })).body.thread.id;
    const draftFiche = (await host.post(`${base}/fiches`, { rows: { title: "Brouillon de fiche" } })).body.fiche.id;
    const titles = await participant.get(`${base}/translations/field?targetKind=thread&field=title&language=es&targetIds=${threadId},${other},unknown-thread`);
    expect(titles.status).toBe(200);
    expect(titles.body.items.map((i: { targetId: string; translation: { text: string } | null }) => [i.targetId, i.translation?.text ?? null])).toEqual([
      [threadId, "Empleo de temporada"],
      [other, null],
    ]);
    // A draft fiche stays with its authors: left out for others, there for its author.
    const ficheTitles = (user: TestUser) => user.get(`${base}/translations/field?targetKind=fiche&field=rows.title&language=es&targetIds=${draftFiche}`);
    expect((await ficheTitles(participant)).body.items).toEqual([]);
    expect((await ficheTitles(host)).body.items.map((i: { targetId: string }) => i.targetId)).toEqual([draftFiche]);

    expectError(await participant.get(`${base}/translations/field?targetKind=thread&field=title&language=xx-nope&targetIds=${threadId}`), 400, "validation_failed");
    expectError(await participant.get(`${base}/translations/field?targetKind=thread&field=title&language=es&targetIds=${Array.from({ length: 201 }, (_, i) => `t${i}`).join(",")}`), 400, "validation_failed");
    expectError(await participant.get(`${base}/translations/field?targetKind=nothing&field=title&language=es&targetIds=${threadId}`), 400, "validation_failed");
  });
});
