// Reading in my language, over real HTTP: short texts take their author's writing language
// (set with PATCH /api/me, else the interface language), addresses are no evidence, a reader
// gets machine drafts of what was written before they came, a corrected language redoes the
// drafts, and search finds a contribution by its stored translation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { richTextToPlain } from "../../shared/richtext.js";
import { detectionThreshold, languageEvidence } from "../../server/translation/source-text.js";
import { skipWithoutApertium } from "../helpers/apertium.js";
import { languageCases } from "../helpers/language-cases.js";
import { invite, TestUser, workshopWithMembers } from "../helpers/clients.js";
import { doc, expectError, openAll } from "../helpers/contributions.js";
import { startServer, type TestServer } from "../helpers/server.js";

const longFrench = "Les habitants et les élus du territoire ont créé ensemble un groupement d'employeurs pour que les saisonniers trouvent du travail toute l'année.";
const textOf = (t: { text: unknown }) => (typeof t.text === "string" ? t.text : richTextToPlain(t.text as never));

async function debateWith(server: TestServer, languages = ["fr", "en", "es"]) {
  const members = await workshopWithMembers(server);
  const base = `/api/workshops/${members.workshopId}`;
  if (languages.join() !== "fr,en,es") expect((await members.facilitator.patch(base, { languages })).status).toBe(200);
  await openAll(members.facilitator, members.workshopId);
  const threadId = (await members.host.post(`${base}/threads`, { title: "Emploi saisonnier", body: doc("Comment garder les saisonniers ?") })).body.thread.id as string;
  const english = await new TestUser(server, `en-${Math.random().toString(36).slice(2, 8)}@test.navette`).register("Grace Reader", "en");
  await invite(members.facilitator, members.workshopId, english, "participant");
  const post = async (user: TestUser, text: string) => {
    const posted = await user.post(`${base}/threads/${threadId}/posts`, { body: doc(text) });
    expect(posted.status).toBe(201);
    return posted.body.post.id as string;
  };
  const sourceLanguageOf = async (user: TestUser, postId: string) => (await user.get(`${base}/translations?targetKind=post&targetId=${postId}`)).body.sourceLanguage;
  return { ...members, base, threadId, english, post, sourceLanguageOf };
}

describe("the author's writing language", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ config: { translationProvider: "none" } });
  });
  afterAll(() => server.close({ wipe: true }));

  it("defaults to the interface language, is set and reset through PATCH /api/me, and is validated", async () => {
    const { host } = await debateWith(server);
    expect((await host.get("/api/me")).body.user).toMatchObject({ language: "fr", writingLanguage: "fr" });
    const set = await host.patch("/api/me", { writingLanguage: "es" });
    expect(set.status).toBe(200);
    expect(set.body.user).toMatchObject({ language: "fr", writingLanguage: "es" });
    expect((await host.get("/api/me")).body.user.writingLanguage).toBe("es");
    expect((await host.patch("/api/me", { language: "en" })).body.user).toMatchObject({ language: "en", writingLanguage: "es" });
    expect((await host.patch("/api/me", { writingLanguage: null })).body.user).toMatchObject({ language: "en", writingLanguage: "en" });
    expectError(await host.patch("/api/me", { writingLanguage: "klingon" }), 400, "validation_failed");
  });

  it("decides short texts, even ones that look like another language; a long, clear text is detected", async () => {
    const { host, participant, english, post, sourceLanguageOf } = await debateWith(server);
    expect((await host.patch("/api/me", { writingLanguage: "es" })).status).toBe(200);
    // Short: the author's writing language, whatever franc would guess.
    expect(await sourceLanguageOf(participant, await post(host, "Sin versión en español"))).toBe("es");
    expect(await sourceLanguageOf(participant, await post(host, "Merci à tous"))).toBe("es");
    // The participant never set one: their interface language (Spanish) stands in.
    expect(await sourceLanguageOf(host, await post(participant, "Merci pour ce retour"))).toBe("es");
    // Long and clear: detected, against the author's usual language.
    expect(await sourceLanguageOf(participant, await post(host, longFrench))).toBe("fr");
    // A French-looking address is no evidence of French.
    expect(await sourceLanguageOf(host, await post(english, "See https://www.economie-solidaire.fr/les-pactes-locaux-de-poitiers-rapport-final for the report."))).toBe("en");
    expect(await sourceLanguageOf(host, await post(english, "Write to coordination.pactes-locaux@exemple.fr or `npm run import --fichier=les-fiches-navettes`"))).toBe("en");
  });
});

describe("the source language of real-looking texts, through the translation service", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close({ wipe: true }));

  it("takes each of the table's texts to be in the expected language, given its author's usual language", async () => {
    const { host, participant, post, sourceLanguageOf } = await debateWith(server);
    const taken: string[] = [];
    for (const { text, author, expected, why } of languageCases) {
      expect((await host.patch("/api/me", { writingLanguage: author })).status).toBe(200);
      const language = await sourceLanguageOf(participant, await post(host, text));
      if (language !== expected) taken.push(`${why}: ${language}, expected ${expected}`);
    }
    expect(taken).toEqual([]);
  });

  it("never overrides the author's language on a text under the detector's threshold", async () => {
    const { host, participant, post, sourceLanguageOf } = await debateWith(server);
    const short = languageCases.filter((c) => (languageEvidence(c.text).match(/\p{L}/gu)?.length ?? 0) < detectionThreshold.minLetters);
    expect(short.length).toBeGreaterThanOrEqual(12);
    for (const author of ["fr", "en", "es"]) {
      expect((await host.patch("/api/me", { writingLanguage: author })).status).toBe(200);
      for (const c of short) expect({ text: c.text, language: await sourceLanguageOf(participant, await post(host, c.text)) }).toEqual({ text: c.text, language: author });
    }
  });
});

describe.skipIf(skipWithoutApertium())("machine drafts for readers and for corrected languages", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ config: { translationProvider: "apertium" } });
  });
  afterAll(() => server.close({ wipe: true }));

  it("a reader whose language the workshop does not work in gets machine drafts of what was written before, when they read", async () => {
    const { base, host, participant, threadId, post } = await debateWith(server, ["fr"]);
    const postId = await post(host, longFrench);
    await server.app.translation.queue.idle();
    // Only French is worked in: nothing was drafted after the write.
    expect((await host.get(`${base}/translations?targetKind=post&targetId=${postId}`)).body.translations).toEqual([]);

    const first = (await participant.get(`${base}/translations?targetKind=post&targetId=${postId}`)).body;
    expect(first).toMatchObject({ sourceLanguage: "fr", translations: [], queued: ["body"] });
    await server.app.translation.queue.idle();
    const second = (await participant.get(`${base}/translations?targetKind=post&targetId=${postId}`)).body;
    expect(second.queued).toEqual([]);
    expect(second.translations).toEqual([expect.objectContaining({ field: "body", language: "es", origin: "machine", machine: true, sourceLanguage: "fr", stale: false })]);
    expect(textOf(second.translations[0])).toMatch(/habitantes/);

    // A list's titles too: the thread's title is queued into the language the list is read in.
    const titles = async () => (await participant.get(`${base}/translations/field?targetKind=thread&field=title&language=es&targetIds=${threadId}`)).body.items[0];
    expect((await titles()).translation).toBeNull();
    await server.app.translation.queue.idle();
    expect((await titles()).translation).toMatchObject({ language: "es", origin: "machine" });
  });

  it("correcting a misdetected language hides the drafts made from the wrong one and redoes them from the right one", async () => {
    const { base, participant, english, post } = await debateWith(server);
    // Grace reads and writes in English, but this short rationale is Spanish: taken as English.
    const postId = await post(english, "Sin versión en español");
    await server.app.translation.queue.idle();
    const path = `${base}/translations?targetKind=post&targetId=${postId}`;
    const before = (await participant.get(path)).body;
    expect(before.sourceLanguage).toBe("en");
    expect(before.translations.find((t: { language: string }) => t.language === "es")).toMatchObject({ origin: "machine", sourceLanguage: "en" });

    const corrected = await english.put(`${base}/source-language/post/${postId}`, { language: "es" });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ sourceLanguage: "es", sourceLanguageCorrected: true });
    // No Spanish "translation" of a Spanish text, no draft made from English any more.
    expect(corrected.body.translations).toEqual([]);
    await server.app.translation.queue.idle();
    const after = (await english.get(path)).body.translations;
    expect(after.map((t: { language: string; sourceLanguage: string }) => `${t.language}<${t.sourceLanguage}`).sort()).toEqual(["en<es", "fr<es"]);
    expect(textOf(after.find((t: { language: string }) => t.language === "fr"))).toMatch(/version/i);
  });
});

describe("search through stored translations", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ config: { translationProvider: "none" } });
  });
  afterAll(() => server.close({ wipe: true }));

  it("a Spanish reader finds a French fiche by the words of its Spanish translation, and still by its own words", async () => {
    const { base, host, participant, translator, facilitator, workshopId } = await workshopWithMembers(server).then((m) => ({ ...m, base: `/api/workshops/${m.workshopId}` }));
    await openAll(facilitator, workshopId);
    const fiche = (await host.post(`${base}/fiches`, { rows: { title: "Un plan pour l'eau construit en veillées citoyennes" } })).body.fiche;
    expect((await host.post(`${base}/fiches/${fiche.id}/status`, { status: "submitted" })).status).toBe(200);
    expect((await translator.put(`${base}/translations/fiche/${fiche.id}/rows.title/es`, { text: "Un plan para el agua construido en veladas ciudadanas" })).status).toBe(200);
    const search = async (words: string) => (await participant.get(`${base}/search?q=${encodeURIComponent(words)}`)).body.items;
    expect(await search("agua")).toEqual([expect.objectContaining({ kind: "fiche", id: fiche.id, excerpt: "Un plan para el agua construido en veladas ciudadanas" })]);
    expect((await search("veladas ciudadanas")).map((h: { id: string }) => h.id)).toEqual([fiche.id]);
    expect((await search("veillees")).map((h: { id: string }) => h.id)).toEqual([fiche.id]);
    expect(await search("agua potable")).toEqual([]);
  });
});
