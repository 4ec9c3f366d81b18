// Stored translations over real HTTP and socket.io-client users in each role: human writes,
// reviews, staleness, machine drafts through the queue (a stand-in LibreTranslate we run here,
// and the real Apertium), and the errors each refusal gets.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { skipWithoutApertium } from "../helpers/apertium.js";
import { workshopWithMembers, type TestUser } from "../helpers/clients.js";
import { expectError, inRoom, nextEvent, openSockets } from "../helpers/contributions.js";
import { startServer, type TestServer } from "../helpers/server.js";

const description =
  "Les habitants et les élus du territoire ont créé ensemble un groupement d'employeurs pour l'emploi saisonnier. Chaque fiche navette décrit une action de l'ESS.";

/** A LibreTranslate stand-in: it tags each text with its target, and can hold answers back. */
async function fakeLibreTranslate() {
  const requests: { q: string[]; source: string; target: string; format: string; api_key?: string }[] = [];
  let hold: Promise<void> | null = null;
  let release = () => {};
  const arrived: (() => void)[] = [];
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const body = JSON.parse(raw);
    requests.push(body);
    for (const notify of arrived.splice(0)) notify();
    if (hold) await hold;
    const q: string[] = Array.isArray(body.q) ? body.q : [body.q];
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ translatedText: q.map((text) => `[${body.target}] ${text}`) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    holdAnswers() {
      hold = new Promise((resolve) => (release = () => { hold = null; resolve(); }));
    },
    release: () => release(),
    nextRequest: () => new Promise<void>((resolve) => arrived.push(resolve)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const at = (workshopId: string) => `/api/workshops/${workshopId}/translations`;
const one = (workshopId: string, field: string, language: string) => `${at(workshopId)}/workshop/${workshopId}/${field}/${language}`;
const listOf = async (user: TestUser, workshopId: string, language?: string) =>
  (await user.get(`${at(workshopId)}?targetKind=workshop&targetId=${workshopId}${language ? `&language=${language}` : ""}`)).body;
const recordOf = async (user: TestUser, workshopId: string, field: string, language: string) =>
  (await listOf(user, workshopId, language)).translations.find((t: { field: string }) => t.field === field);

afterEach(() => {
  for (const socket of openSockets.splice(0)) socket.disconnect();
});

describe("translations", () => {
  let server: TestServer;
  let libre: Awaited<ReturnType<typeof fakeLibreTranslate>>;
  beforeAll(async () => {
    libre = await fakeLibreTranslate();
    server = await startServer({ config: { translationProvider: "libretranslate", libreTranslateUrl: libre.url, libreTranslateKey: "secret-key" } });
  });
  afterAll(async () => {
    await server.close({ wipe: true });
    await libre.close();
  });

  async function withDescription() {
    const members = await workshopWithMembers(server);
    const patched = await members.facilitator.patch(`/api/workshops/${members.workshopId}`, { description });
    expect(patched.status).toBe(200);
    return members;
  }

  it("a translator writes a human translation; the room hears of it; a participant may not write one", async () => {
    const { workshopId, translator, participant, outsider, host } = await withDescription();
    const watcher = await inRoom(host, workshopId);
    const heard = nextEvent(watcher, "translation.updated");
    const written = await translator.put(one(workshopId, "description", "en"), { text: "Residents and local councillors set up an employers' alliance for seasonal work." });
    expect(written.status).toBe(200);
    expect(written.body.translation).toMatchObject({ origin: "human", machine: false, provider: null, status: "draft", translator: { id: translator.id }, sourceLanguage: "fr", stale: false });
    expect(await heard).toEqual({
      workshopId,
      targetKind: "workshop",
      targetId: workshopId,
      field: "description",
      language: "en",
      format: "plain",
      text: "Residents and local councillors set up an employers' alliance for seasonal work.",
      origin: "human",
      provider: null,
      status: "draft",
      stale: false,
    });

    expectError(await participant.put(one(workshopId, "description", "es"), { text: "Los habitantes…" }), 403, "forbidden");
    expectError(await outsider.put(one(workshopId, "description", "es"), { text: "Los habitantes…" }), 404, "not_found");
    // Every member reads them.
    expect((await listOf(participant, workshopId)).translations).toHaveLength(1);
  });

  it("a translation becomes stale when the source is edited, until a translator updates or confirms it", async () => {
    const { workshopId, facilitator, translator, participant } = await withDescription();
    await translator.put(one(workshopId, "description", "en"), { text: "Residents set up an employers' alliance." });
    await translator.put(one(workshopId, "title", "es"), { text: "Taller de prueba" });
    expect((await recordOf(participant, workshopId, "description", "en")).stale).toBe(false);

    await facilitator.patch(`/api/workshops/${workshopId}`, { description: `${description} Les saisonniers y trouvent un emploi à l'année.` });
    const after = await listOf(participant, workshopId);
    expect(after.translations.find((t: { field: string }) => t.field === "description").stale).toBe(true);
    expect(after.translations.find((t: { field: string }) => t.field === "title").stale).toBe(false);
    const queue = (await translator.get(`${at(workshopId)}/queue?language=en`)).body;
    expect(queue.items).toContainEqual(expect.objectContaining({ targetKind: "workshop", field: "description", language: "en", state: "stale" }));

    const confirmed = await translator.post(`${one(workshopId, "description", "en")}/confirm`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.translation.stale).toBe(false);
    expect((await recordOf(participant, workshopId, "description", "en")).stale).toBe(false);
    expectError(await participant.post(`${one(workshopId, "description", "en")}/confirm`), 403, "forbidden");
  });

  it("a translation is reviewed by a second translator, never by its writer, and only while current", async () => {
    const { workshopId, facilitator, translator } = await withDescription();
    await translator.put(one(workshopId, "description", "en"), { text: "Residents set up an employers' alliance." });
    expectError(await translator.post(`${one(workshopId, "description", "en")}/review`), 409, "own_translation");
    const reviewed = await facilitator.post(`${one(workshopId, "description", "en")}/review`);
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.translation).toMatchObject({ status: "reviewed", reviewedBy: { id: facilitator.id } });

    await facilitator.patch(`/api/workshops/${workshopId}`, { description: "Un autre texte, assez long pour être reconnu comme du français." });
    await translator.put(one(workshopId, "title", "en"), { text: "Test workshop" });
    await facilitator.patch(`/api/workshops/${workshopId}`, { title: "Atelier d'essai" });
    expectError(await facilitator.post(`${one(workshopId, "title", "en")}/review`), 409, "translation_stale");
    expectError(await facilitator.post(`${one(workshopId, "title", "es")}/review`), 404, "not_found");
  });

  it("malformed languages, unknown targets and fields get clear errors", async () => {
    const { workshopId, translator, facilitator } = await withDescription();
    expectError(await translator.put(one(workshopId, "description", "french"), { text: "x" }), 400, "validation_failed");
    expectError(await translator.put(one(workshopId, "description", "xx"), { text: "x" }), 400, "validation_failed");
    expectError(await translator.get(`${at(workshopId)}?targetKind=workshop&targetId=${workshopId}&language=EN`), 400, "validation_failed");
    expectError(await translator.get(`${at(workshopId)}?targetKind=nonsense&targetId=${workshopId}`), 400, "validation_failed");
    expectError(await translator.post(`${at(workshopId)}/machine`, { targetKind: "workshop", targetId: workshopId, languages: ["english"] }), 400, "validation_failed");
    expectError(await translator.put(one(workshopId, "description", "en"), { text: { type: "doc", content: [] } }), 400, "validation_failed");
    expectError(await translator.put(one(workshopId, "description", "fr"), { text: "Déjà en français" }), 400, "validation_failed");

    const otherWorkshop = (await facilitator.post("/api/workshops", { title: "Autre atelier", languages: ["fr"] })).body.workshop.id;
    expectError(await translator.put(`${at(workshopId)}/workshop/${otherWorkshop}/description/en`, { text: "x" }), 404, "not_found");
    expectError(await translator.put(`${at(workshopId)}/workshop/unknownTarget123/description/en`, { text: "x" }), 404, "not_found");
    expectError(await translator.put(one(workshopId, "question:nope", "en"), { text: "x" }), 404, "not_found");
    // A kind whose capability registered no source yet is not found either.
    expectError(await translator.get(`${at(workshopId)}?targetKind=synthesisBlock&targetId=${workshopId}`), 404, "not_found");
    expectError(await translator.post(`${one(workshopId, "description", "es")}/confirm`), 404, "not_found");
    // The provider cannot reach Wolof: said plainly, not queued.
    expectError(await translator.post(`${at(workshopId)}/machine`, { targetKind: "workshop", targetId: workshopId, languages: ["wo"] }), 422, "translation_unavailable");
  });

  it("machine drafts are labelled, cached by source hash, and never replace a person's translation", async () => {
    const { workshopId, participant, translator } = await withDescription();
    const watcher = await inRoom(participant, workshopId);
    const heard = nextEvent(watcher, "translation.updated", (e) => e.field === "description" && e.language === "en");
    const asked = await participant.post(`${at(workshopId)}/machine`, { targetKind: "workshop", targetId: workshopId, fields: ["description"], languages: ["en", "fr"] });
    expect(asked.status).toBe(202);
    expect(asked.body.jobs).toEqual([
      { field: "description", language: "en", state: "queued", provider: "libretranslate" },
      { field: "description", language: "fr", state: "source", provider: null },
    ]);
    await heard;
    const machine = await recordOf(participant, workshopId, "description", "en");
    expect(machine).toMatchObject({ origin: "machine", machine: true, provider: "libretranslate", translator: null, status: "draft", sourceLanguage: "fr", stale: false });
    expect(machine.text).toMatch(/^\[en\] /);
    expect(libre.requests.at(-1)).toMatchObject({ source: "fr", target: "en", format: "html", api_key: "secret-key" });

    const again = await participant.post(`${at(workshopId)}/machine`, { targetKind: "workshop", targetId: workshopId, fields: ["description"], languages: ["en"] });
    expect(again.body.jobs[0].state).toBe("cached");

    // A person takes it over; machine jobs leave it alone from then on, even after the source changes.
    await translator.put(one(workshopId, "description", "en"), { text: "Residents set up an employers' alliance." });
    const blocked = await participant.post(`${at(workshopId)}/machine`, { targetKind: "workshop", targetId: workshopId, fields: ["description"], languages: ["en"] });
    expect(blocked.body.jobs[0].state).toBe("human");
    expect(await recordOf(participant, workshopId, "description", "en")).toMatchObject({ origin: "human", text: "Residents set up an employers' alliance." });
  });

  it("a person's translation saved while a machine job is in flight is kept", async () => {
    const { workshopId, participant, translator } = await withDescription();
    const blockedBefore = server.app.translation.service.stats().blockedByHuman;
    libre.holdAnswers();
    const arrived = libre.nextRequest();
    const asked = await participant.post(`${at(workshopId)}/machine`, { targetKind: "workshop", targetId: workshopId, fields: ["description"], languages: ["es"] });
    expect(asked.body.jobs[0].state).toBe("queued");
    await arrived; // The provider is translating now.
    const human = await translator.put(one(workshopId, "description", "es"), { text: "Los habitantes crearon una agrupación de empleadores." });
    expect(human.status).toBe(200);
    libre.release();
    await server.app.translation.queue.idle();
    expect(await recordOf(participant, workshopId, "description", "es")).toMatchObject({ origin: "human", text: "Los habitantes crearon una agrupación de empleadores." });
    expect(server.app.translation.service.stats().blockedByHuman).toBe(blockedBefore + 1);
  });

  it("the translator's queue lists missing, machine-only and stale fields with progress per language", async () => {
    const { workshopId, translator, participant } = await withDescription();
    await translator.put(one(workshopId, "title", "en"), { text: "Test workshop" });
    await participant.post(`${at(workshopId)}/machine`, { targetKind: "workshop", targetId: workshopId, fields: ["description"], languages: ["en"] });
    await server.app.translation.queue.idle();
    const queue = (await participant.get(`${at(workshopId)}/queue?language=en`)).body;
    const question = (await participant.get(`/api/workshops/${workshopId}`)).body.workshop.readingGrid.questions[0].id;
    expect(queue.items.map((i: { field: string; state: string }) => `${i.field}:${i.state}`).sort()).toEqual(["description:machine", `question:${question}:missing`]);
    expect(queue.progress).toEqual([{ language: "en", total: 3, missing: 1, machine: 1, stale: 0, draft: 1, reviewed: 0, progress: 1 / 3 }]);
    const all = (await participant.get(`${at(workshopId)}/queue`)).body;
    expect(all.progress.map((p: { language: string }) => p.language)).toEqual(["en", "es"]);
  });

  it("the source language is detected, and its author or a translator may correct it; others may not", async () => {
    const { workshopId, facilitator, participant, translator } = await withDescription();
    expect((await listOf(participant, workshopId)).sourceLanguage).toBe("fr");
    const path = `/api/workshops/${workshopId}/source-language/workshop/${workshopId}`;
    expectError(await participant.put(path, { language: "es" }), 403, "forbidden");
    expectError(await facilitator.put(path, { language: "klingon" }), 400, "validation_failed");
    const corrected = await facilitator.put(path, { language: "es" });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ sourceLanguage: "es", sourceLanguageCorrected: true });
    expect((await translator.put(path, { language: "fr" })).body.sourceLanguage).toBe("fr");
  });
});

describe.skipIf(skipWithoutApertium())("translations through Apertium", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ config: { translationProvider: "apertium" } });
  });
  afterAll(() => server.close({ wipe: true }));

  it("French to English pivots through Spanish, says so, and keeps glossary terms", async () => {
    const { workshopId, facilitator, participant } = await workshopWithMembers(server);
    await facilitator.patch(`/api/workshops/${workshopId}`, { description });
    const asked = await participant.post(`${at(workshopId)}/machine`, { targetKind: "workshop", targetId: workshopId, languages: ["en", "es"] });
    expect(asked.status).toBe(202);
    expect(asked.body.jobs).toContainEqual({ field: "description", language: "en", state: "queued", provider: "apertium:fr>es>en" });
    expect(asked.body.jobs).toContainEqual({ field: "description", language: "es", state: "queued", provider: "apertium" });
    await server.app.translation.queue.idle();

    const english = await recordOf(participant, workshopId, "description", "en");
    expect(english).toMatchObject({ origin: "machine", machine: true, provider: "apertium:fr>es>en", sourceLanguage: "fr", stale: false });
    expect(english.text).toMatch(/shuttle sheet/);
    expect(english.text).not.toMatch(/chip/i);
    expect(english.text).toMatch(/\bESS\b/);
    expect(english.text).toMatch(/inhabitants|residents/i);
    const spanish = await recordOf(participant, workshopId, "description", "es");
    expect(spanish).toMatchObject({ provider: "apertium", origin: "machine" });
    expect(spanish.text).toMatch(/habitantes/);
    expect(spanish.text).toMatch(/fiche navette/);
  });

  it("batches the jobs that share a language pair into one Apertium call", async () => {
    const { workshopId, facilitator, participant } = await workshopWithMembers(server);
    await facilitator.patch(`/api/workshops/${workshopId}`, { description, readingGrid: [{ text: "Quelle économie l'action a-t-elle générée ?" }, { text: "Quelles leçons pour démultiplier ces actions ?" }] });
    await server.app.translation.queue.idle();
    const before = server.app.translation.queue.stats.batches;
    const asked = await participant.post(`${at(workshopId)}/machine`, { targetKind: "workshop", targetId: workshopId, languages: ["es"] });
    expect(asked.body.jobs.filter((j: { state: string }) => j.state === "queued")).toHaveLength(4);
    await server.app.translation.queue.idle();
    expect(server.app.translation.queue.stats.batches - before).toBe(1);
    const texts = (await listOf(participant, workshopId, "es")).translations.map((t: { text: string }) => t.text);
    expect(texts).toHaveLength(4);
    expect(texts.join(" ")).toMatch(/economía/);
  });
});
