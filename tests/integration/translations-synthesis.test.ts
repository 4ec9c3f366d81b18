// A synthesis translated block by block, over real HTTP, sockets and y-websocket clients: each
// block (its stable id) is a field with its own sourceHash; an edit makes only that block's
// translations stale; machine drafts follow edits once typing pauses (the real Apertium where
// installed), keep citations, and never replace a person's work; the translator sees what
// changed since the last agreed version.
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { richTextFromPlain, type RichTextDoc } from "../../shared/richtext.js";
import { skipWithoutApertium } from "../helpers/apertium.js";
import { invite, TestUser, waitForSync, workshopWithMembers } from "../helpers/clients.js";
import { expectError, inRoom, nextEvent, openSockets, recorder } from "../helpers/contributions.js";
import { eventually, fragmentOf, mainDocument, synthesisSession, writeParagraph } from "../helpers/synthesis.js";
import { startServer, type TestServer } from "../helpers/server.js";

const { boot, open } = synthesisSession();
afterEach(() => {
  for (const socket of openSockets.splice(0)) socket.disconnect();
});

type Block = { blockId: string; field: string; type: string; state: string; sourceHash: string; changedSinceAgreed: boolean | null; text: string; source: any; translation: any };

const inLanguage = (user: TestUser, workshopId: string, documentId: string, language: string) =>
  user.get(`/api/workshops/${workshopId}/synthesis/documents/${documentId}/translations?language=${language}`);
const blocksIn = async (user: TestUser, workshopId: string, documentId: string, language: string): Promise<Block[]> => {
  const res = await inLanguage(user, workshopId, documentId, language);
  if (res.status !== 200) throw new Error(`reading the synthesis in ${language} failed: ${JSON.stringify(res.body)}`);
  return res.body.blocks;
};
const blockOf = (blocks: Block[], blockId: string) => blocks.find((b) => b.blockId === blockId)!;
const fieldPath = (workshopId: string, documentId: string, blockId: string, language: string) =>
  `/api/workshops/${workshopId}/translations/synthesis/${documentId}/block:${blockId}/${language}`;

function writeHeading(doc: Y.Doc, text: string, blockId: string): Y.XmlElement {
  const heading = new Y.XmlElement("heading");
  heading.setAttribute("level", 2 as unknown as string);
  heading.setAttribute("blockId", blockId);
  heading.insert(0, [new Y.XmlText(text)]);
  fragmentOf(doc).insert(fragmentOf(doc).length, [heading]);
  return heading;
}

/** Types at the end of a block, one keystroke (one update) per character, as the editor does. */
function type(block: Y.XmlElement, text: string): void {
  const run = block.get(block.length - 1) as Y.XmlText;
  for (const char of text) run.insert(run.length, char);
}

/** A workshop (fr, en, es) whose main synthesis holds the given paragraphs, stored on the server. */
async function synthesisWith(server: TestServer, paragraphs: Record<string, string>) {
  const members = await workshopWithMembers(server);
  const main = await mainDocument(members.facilitator, members.workshopId);
  const writer = open(members.host, members.workshopId);
  await waitForSync(writer.provider);
  const elements: Record<string, Y.XmlElement> = {};
  for (const [blockId, text] of Object.entries(paragraphs)) elements[blockId] = writeParagraph(writer.doc, text, { blockId });
  const ids = Object.keys(paragraphs);
  await eventually(async () => (await blocksIn(members.facilitator, members.workshopId, main.id, "en")).length === ids.length, "the paragraphs are stored");
  return { ...members, documentId: main.id, doc: writer.doc, elements };
}

const findings = "Les habitants et les élus du territoire ont créé ensemble un groupement d'employeurs pour l'emploi saisonnier.";
const lessons = "Les dynamiques durables reposent sur la coopération entre les acteurs et les échelles de gouvernance.";

describe("a synthesis translated block by block", () => {
  const quick = { config: { translationProvider: "none", synthesisTranslationDelayMs: 100 } };

  it("makes each block with text a field of its own, with its sourceHash, in the document's language", async () => {
    const server = await boot(quick);
    const { workshopId, facilitator, participant, documentId, doc } = await synthesisWith(server, { "b-findings": findings, "b-lessons": lessons });
    writeHeading(doc, "Constats", "h-title");
    writeParagraph(doc, ""); // an empty paragraph has nothing to translate
    await eventually(async () => (await blocksIn(facilitator, workshopId, documentId, "en")).length === 3, "the heading is stored");

    const read = await inLanguage(participant, workshopId, documentId, "en");
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ documentId, kind: "main", sourceLanguage: "fr", language: "en", status: "draft", agreed: null });
    const blocks: Block[] = read.body.blocks;
    expect(blocks.map((b) => [b.blockId, b.field, b.type, b.state, b.changedSinceAgreed, b.translation])).toEqual([
      ["b-findings", "block:b-findings", "paragraph", "missing", null, null],
      ["b-lessons", "block:b-lessons", "paragraph", "missing", null, null],
      ["h-title", "block:h-title", "heading", "missing", null, null],
    ]);
    expect(blocks[2]).toMatchObject({ level: 2, text: "Constats", source: { type: "doc", content: [{ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Constats" }] }] } });
    expect(new Set(blocks.map((b) => b.sourceHash)).size).toBe(3);
    for (const b of blocks) expect(b.sourceHash).toMatch(/^[0-9a-f]{64}$/);
    expect(read.body.progress.map((p: { language: string; total: number; missing: number }) => [p.language, p.total, p.missing])).toEqual([
      ["en", 3, 3],
      ["es", 3, 3],
    ]);

    // The translation API sees the same fields and hashes.
    const target = await participant.get(`/api/workshops/${workshopId}/translations?targetKind=synthesis&targetId=${documentId}`);
    expect(target.status).toBe(200);
    expect(target.body.sourceLanguage).toBe("fr");
    expect(target.body.fields).toEqual(blocks.map((b) => ({ field: b.field, format: "rich", sourceHash: b.sourceHash })));
    // In its own language, every block is the source.
    expect((await blocksIn(participant, workshopId, documentId, "fr")).map((b) => b.state)).toEqual(["source", "source", "source"]);
  });

  it("an edit over y-websocket makes that block's translations stale, and only its own; readers hear of it", async () => {
    const server = await boot(quick);
    const { workshopId, translator, participant, documentId, elements } = await synthesisWith(server, { "b-findings": findings, "b-lessons": lessons });
    for (const [blockId, text] of [["b-findings", "Residents and councillors set up an employers' alliance."], ["b-lessons", "Lasting dynamics rest on cooperation."]] as const) {
      const written = await translator.put(fieldPath(workshopId, documentId, blockId, "en"), { text: richTextFromPlain(text) });
      expect(written.status).toBe(200);
      expect(written.body.translation).toMatchObject({ targetKind: "synthesis", targetId: documentId, field: `block:${blockId}`, origin: "human", status: "draft", stale: false, translator: { id: translator.id } });
    }
    const before = await blocksIn(participant, workshopId, documentId, "en");
    expect(before.map((b) => b.state)).toEqual(["draft", "draft"]);

    const reader = await inRoom(participant, workshopId);
    const heard = nextEvent(reader, "synthesis.text.updated", (e) => e.documentId === documentId);
    type(elements["b-lessons"]!, " Et sur la confiance.");
    await eventually(async () => blockOf(await blocksIn(participant, workshopId, documentId, "en"), "b-lessons").state === "stale", "the edited block goes stale");
    const after = await blocksIn(participant, workshopId, documentId, "en");
    expect(blockOf(after, "b-lessons")).toMatchObject({ state: "stale", translation: { stale: true, origin: "human" }, text: `${lessons} Et sur la confiance.` });
    expect(blockOf(after, "b-lessons").sourceHash).not.toBe(blockOf(before, "b-lessons").sourceHash);
    expect(blockOf(after, "b-findings")).toMatchObject({ state: "draft", translation: { stale: false }, sourceHash: blockOf(before, "b-findings").sourceHash });
    expect(await heard).toEqual({ workshopId, documentId });

    // Confirming says the translation still holds for the new text.
    expect((await translator.post(`${fieldPath(workshopId, documentId, "b-lessons", "en")}/confirm`)).status).toBe(200);
    expect(blockOf(await blocksIn(participant, workshopId, documentId, "en"), "b-lessons").state).toBe("draft");
  });

  it("search finds a passage by its words once typing pauses, and by a translator's Spanish, and opens it at its block", async () => {
    const server = await boot(quick);
    const { workshopId, translator, participant, outsider, documentId, elements } = await synthesisWith(server, { "b-findings": findings, "b-lessons": lessons });
    const search = async (user: TestUser, q: string) => {
      const res = await user.get(`/api/workshops/${workshopId}/search?q=${encodeURIComponent(q)}`);
      return res.status === 200 ? res.body.items : res;
    };
    const passage = (blockId: string) => ({ kind: "synthesis", id: documentId, sequence: null, synthesis: { documentId, blockId, documentKind: "main" } });
    await eventually(async () => (await search(participant, "confiance")).length === 0 && (await search(participant, "coopération")).length > 0, "the passages are indexed");
    expect(await search(participant, "cooperation")).toEqual([expect.objectContaining(passage("b-lessons"))]);

    type(elements["b-lessons"]!, " Et sur la confiance.");
    await eventually(async () => (await search(participant, "confiance")).length === 1, "the edit is indexed");
    expect(await search(participant, "confiance")).toEqual([expect.objectContaining({ ...passage("b-lessons"), excerpt: expect.stringContaining("confiance") })]);

    expect((await translator.put(fieldPath(workshopId, documentId, "b-findings", "es"), { text: richTextFromPlain("Vecinos y concejales crearon una agrupación de empleadores.") })).status).toBe(200);
    expect(await search(participant, "agrupacion empleadores")).toEqual([expect.objectContaining({ ...passage("b-findings"), excerpt: expect.stringContaining("agrupación") })]);
    // Not a member, no passage.
    expect((await search(outsider, "confiance")).status).toBe(404);
  });

  it("only translators and facilitators write a block's translation, and a second one reviews it", async () => {
    const server = await boot(quick);
    const { workshopId, facilitator, host, observer, participant, translator, outsider, documentId } = await synthesisWith(server, { "b-findings": findings });
    const path = fieldPath(workshopId, documentId, "b-findings", "es");
    const body = { text: richTextFromPlain("Los habitantes y los concejales crearon una agrupación de empleadores.") };
    for (const user of [host, observer, participant]) expectError(await user.put(path, body), 403, "forbidden");
    expectError(await outsider.put(path, body), 404, "not_found");
    expect((await translator.put(path, body)).status).toBe(200);

    expectError(await translator.post(`${path}/review`), 409, "own_translation");
    expectError(await participant.post(`${path}/review`), 403, "forbidden");
    const reviewed = await facilitator.post(`${path}/review`);
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.translation).toMatchObject({ status: "reviewed", reviewedBy: { id: facilitator.id } });
    const shown = await inLanguage(participant, workshopId, documentId, "es");
    expect(blockOf(shown.body.blocks, "b-findings")).toMatchObject({ state: "reviewed", translation: { origin: "human", translator: { id: translator.id } } });
    expect(shown.body.progress.find((p: { language: string }) => p.language === "es")).toMatchObject({ total: 1, reviewed: 1, progress: 1 });
  });

  it("flags the blocks changed or added since the last agreed version", async () => {
    const server = await boot(quick);
    const { workshopId, facilitator, translator, documentId, doc, elements } = await synthesisWith(server, { "b-findings": findings, "b-lessons": lessons });
    const status = (to: string) => facilitator.post(`/api/synthesis/documents/${documentId}/status`, { status: to });
    expect((await status("submitted")).status).toBe(200);
    const agreed = await status("agreed");
    expect(agreed.status).toBe(200);
    const atAgreement = await inLanguage(translator, workshopId, documentId, "en");
    expect(atAgreement.body.agreed).toEqual({ versionId: agreed.body.change.versionId, at: agreed.body.change.changedAt });
    expect(atAgreement.body.blocks.map((b: Block) => b.changedSinceAgreed)).toEqual([false, false]);

    // Reopened and amended: one block edited, one added.
    expect((await status("draft")).status).toBe(200);
    type(elements["b-lessons"]!, " Et sur la durée.");
    writeParagraph(doc, "Un nouveau constat venu de l'étape de Lyon.", { blockId: "b-new" });
    await eventually(async () => (await blocksIn(translator, workshopId, documentId, "en")).length === 3, "the new block is stored");
    await eventually(async () => blockOf(await blocksIn(translator, workshopId, documentId, "en"), "b-lessons").changedSinceAgreed === true, "the edit is stored");
    const blocks = await blocksIn(translator, workshopId, documentId, "en");
    expect(blocks.map((b) => [b.blockId, b.changedSinceAgreed])).toEqual([
      ["b-findings", false],
      ["b-lessons", true],
      ["b-new", true],
    ]);
  });

  it("answers malformed languages, unknown documents and blocks with clear errors", async () => {
    const server = await boot(quick);
    const { workshopId, translator, outsider, documentId } = await synthesisWith(server, { "b-findings": findings });
    const base = `/api/workshops/${workshopId}/synthesis/documents/${documentId}/translations`;
    for (const query of ["?language=xx", "?language=EN", "?language=", ""]) expectError(await translator.get(`${base}${query}`), 400, "validation_failed");
    expectError(await translator.get(`/api/workshops/${workshopId}/synthesis/documents/nosuchdocument/translations?language=en`), 404, "not_found");
    expectError(await translator.get(`/api/workshops/${workshopId}/synthesis/documents/not%20an%20id/translations?language=en`), 400, "validation_failed");
    expectError(await outsider.get(`${base}?language=en`), 404, "not_found");

    // Another workshop's synthesis is not reached through this one.
    const other = await workshopWithMembers(server);
    const otherMain = await mainDocument(other.facilitator, other.workshopId);
    expectError(await translator.get(`/api/workshops/${workshopId}/synthesis/documents/${otherMain.id}/translations?language=en`), 404, "not_found");
    expectError(await translator.put(fieldPath(workshopId, otherMain.id, "b-findings", "en"), { text: richTextFromPlain("x") }), 404, "not_found");

    const text = { text: richTextFromPlain("Residents set up an employers' alliance.") };
    expectError(await translator.put(fieldPath(workshopId, documentId, "b-findings", "zz"), text), 400, "validation_failed");
    expectError(await translator.put(fieldPath(workshopId, documentId, "no-such-block", "en"), text), 404, "not_found");
    expectError(await translator.put(fieldPath(workshopId, documentId, "b-findings", "fr"), text), 400, "validation_failed");
    expectError(await translator.put(fieldPath(workshopId, documentId, "b-findings", "en"), { text: "plain text for a rich block" }), 400, "validation_failed");
    expectError(await translator.put(fieldPath(workshopId, documentId, "b-findings", "en"), { text: { type: "doc", content: [] } }), 400, "validation_failed");
  });

  it("a series' synthesis is translated in each workshop of the series, for its members", async () => {
    const server = await boot(quick);
    const { workshopId: first, facilitator, translator, outsider } = await workshopWithMembers(server);
    const second: string = (await facilitator.post("/api/workshops", { title: "Étape 2 : Lyon", languages: ["fr", "es"] })).body.workshop.id;
    const stageTwo = await new TestUser(server, `stage2-${Date.now()}@test.navette`).register("Rosa", "es");
    await invite(facilitator, second, stageTwo, "translator");
    const seriesId: string = (await facilitator.post(`/api/workshops/${first}/series`, { title: "Démarche" })).body.series.id;
    expect((await facilitator.put(`/api/workshops/${second}/series`, { seriesId })).status).toBe(200);
    const listed = (await facilitator.get(`/api/workshops/${first}/synthesis/documents`)).body.documents;
    const series = listed.find((d: { kind: string }) => d.kind === "series");
    const writer = open(facilitator, series.docName);
    await waitForSync(writer.provider);
    writeParagraph(writer.doc, findings, { blockId: "s-findings" });
    await eventually(async () => (await blocksIn(stageTwo, second, series.id, "es")).length === 1, "stored");

    expect((await stageTwo.put(fieldPath(second, series.id, "s-findings", "es"), { text: richTextFromPlain("Los habitantes…") })).status).toBe(200);
    expect(blockOf(await blocksIn(stageTwo, second, series.id, "es"), "s-findings").state).toBe("draft");
    // Each workshop keeps its own translations, into its own working languages.
    expect(blockOf(await blocksIn(translator, first, series.id, "es"), "s-findings").state).toBe("missing");
    expect((await inLanguage(stageTwo, second, series.id, "es")).body.progress.map((p: { language: string }) => p.language)).toEqual(["es"]);
    expectError(await inLanguage(stageTwo, first, series.id, "es"), 404, "not_found");
    expectError(await inLanguage(outsider, second, series.id, "es"), 404, "not_found");
  });
});

const spanishOf = (t: { text: RichTextDoc }) => JSON.stringify(t.text);

describe.skipIf(skipWithoutApertium())("machine drafts of a synthesis, by Apertium", () => {
  const apertium = (delayMs: number) => ({ config: { translationProvider: "apertium", synthesisTranslationDelayMs: delayMs } });

  it("drafts follow an edit once typing pauses, only for the block that changed, and never replace a person's translation", async () => {
    const server = await boot(apertium(150));
    const members = await workshopWithMembers(server);
    const { workshopId, facilitator, translator, participant } = members;
    const documentId = (await mainDocument(facilitator, workshopId)).id;
    const room = await inRoom(participant, workshopId);
    const drafts = recorder(room, "translation.updated");
    const writer = open(members.host, workshopId);
    await waitForSync(writer.provider);
    const findingsBlock = writeParagraph(writer.doc, findings, { blockId: "b-findings" });
    writeParagraph(writer.doc, lessons, { blockId: "b-lessons" });
    // Two blocks into English (through Spanish) and Spanish.
    await eventually(() => drafts.seen.filter((e) => e.targetId === documentId).length >= 4, "four machine drafts");
    await server.app.synthesisTranslation.idle();
    await server.app.translation.queue.idle();
    const es = await blocksIn(participant, workshopId, documentId, "es");
    expect(es.map((b) => [b.state, b.translation.origin, b.translation.provider, b.translation.machine])).toEqual([
      ["machine", "machine", "apertium", true],
      ["machine", "machine", "apertium", true],
    ]);
    expect(spanishOf(blockOf(es, "b-findings").translation)).toMatch(/habitantes/);
    expect(blockOf(await blocksIn(participant, workshopId, documentId, "en"), "b-findings").translation).toMatchObject({ provider: "apertium:fr>es>en", machine: true });

    // A translator's Spanish for the first block.
    const human = richTextFromPlain("Vecinos y concejales fundaron juntos una agrupación de empleadores para el empleo de temporada.");
    expect((await translator.put(fieldPath(workshopId, documentId, "b-findings", "es"), { text: human })).status).toBe(200);
    const untouched = blockOf(await blocksIn(participant, workshopId, documentId, "en"), "b-lessons").translation.updatedAt;
    const jobsBefore = server.app.translation.queue.stats.done;

    // The host types a sentence into the first block, a keystroke at a time.
    const english = nextEvent(room, "translation.updated", (e) => e.targetId === documentId && e.field === "block:b-findings" && e.language === "en" && !e.stale);
    type(findingsBlock, " Ahora la región quiere extender la experiencia.");
    expect(await english).toMatchObject({ origin: "machine", provider: "apertium:fr>es>en", stale: false });
    await server.app.synthesisTranslation.idle();
    await server.app.translation.queue.idle();

    // One job: the edited block into English. Its Spanish is a person's, the other block did not change.
    expect(server.app.translation.queue.stats.done - jobsBefore).toBe(1);
    const esAfter = await blocksIn(participant, workshopId, documentId, "es");
    expect(blockOf(esAfter, "b-findings")).toMatchObject({ state: "stale", translation: { origin: "human", translator: { id: translator.id }, stale: true, text: human } });
    expect(blockOf(esAfter, "b-lessons").state).toBe("machine");
    expect(blockOf(await blocksIn(participant, workshopId, documentId, "en"), "b-lessons").translation.updatedAt).toBe(untouched);
    // Asking for a machine draft of the block does not replace the person's work either.
    const asked = await participant.post(`/api/workshops/${workshopId}/translations/machine`, { targetKind: "synthesis", targetId: documentId, fields: ["block:b-findings"], languages: ["es"] });
    expect(asked.status).toBe(202);
    expect(asked.body.jobs).toEqual([{ field: "block:b-findings", language: "es", state: "human", provider: "apertium" }]);
  });

  it("citations, marks and links survive the machine translation of a block", async () => {
    const server = await boot(apertium(100));
    const { workshopId, facilitator, host, participant } = await workshopWithMembers(server);
    const documentId = (await mainDocument(facilitator, workshopId)).id;
    const room = await inRoom(participant, workshopId);
    const spanish = nextEvent(room, "translation.updated", (e) => e.targetId === documentId && e.language === "es");
    const writer = open(host, workshopId);
    await waitForSync(writer.provider);
    const attrs = { kind: "fiche", targetId: "fiche-marennes-01", workshopId, label: "Plan pour l'eau", author: "Hélène" };
    // One update, as the editor sends it: a paragraph with a citation between two runs of text, one bold, one linked.
    writer.doc.transact(() => {
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.setAttribute("blockId", "b-cited");
      const citation = new Y.XmlElement("citation");
      for (const [key, value] of Object.entries(attrs)) citation.setAttribute(key, value);
      const [before, after] = [new Y.XmlText(), new Y.XmlText()];
      paragraph.insert(0, [before, citation, after]);
      fragmentOf(writer.doc).insert(0, [paragraph]);
      before.insert(0, "Comme le montre ");
      after.insert(0, ", les habitants ");
      after.insert(after.length, "construisent ensemble", { bold: {} });
      after.insert(after.length, " un ");
      after.insert(after.length, "plan de gestion de l'eau", { link: { href: "https://example.org/plan-eau" } });
      after.insert(after.length, " du territoire.");
    });

    const event = await spanish;
    expect(event).toMatchObject({ field: "block:b-cited", origin: "machine", format: "rich" });
    const block = blockOf(await blocksIn(participant, workshopId, documentId, "es"), "b-cited");
    const inline = block.translation.text.content[0].content as { type: string; attrs?: unknown; marks?: { type: string; attrs?: unknown }[]; text?: string }[];
    expect(inline.filter((n) => n.type === "citation")).toEqual([{ type: "citation", attrs }]);
    expect(inline.some((n) => n.marks?.some((m) => m.type === "bold"))).toBe(true);
    expect(inline.flatMap((n) => n.marks ?? []).filter((m) => m.type === "link")).toContainEqual({ type: "link", attrs: { href: "https://example.org/plan-eau" } });
    expect(JSON.stringify(block.translation.text)).toMatch(/habitantes/);
    // The source as the API shows it carries the same citation.
    expect(block.source.content[0]).toMatchObject({ type: "paragraph", content: expect.arrayContaining([{ type: "citation", attrs }]) });
  });

  it("blocks left without drafts when the server stopped get them when their document is next opened", async () => {
    // The first server stops before the pause is over: nothing was drafted.
    const first = await startServer(apertium(600_000));
    const { workshopId, facilitator, host, participant } = await workshopWithMembers(first);
    const documentId = (await mainDocument(facilitator, workshopId)).id;
    const writer = open(host, workshopId);
    await waitForSync(writer.provider);
    writeParagraph(writer.doc, lessons, { blockId: "b-lessons" });
    await eventually(async () => (await blocksIn(participant, workshopId, documentId, "es")).length === 1, "stored");
    writer.provider.destroy();
    await first.close();

    const second = await boot({ ...apertium(100), dataDir: first.dataDir });
    participant.server = second;
    expect(blockOf(await blocksIn(participant, workshopId, documentId, "es"), "b-lessons").state).toBe("missing");
    // Opening it (here, reading it in Spanish) loads it; the pass after the pause queues what is missing.
    await eventually(async () => blockOf(await blocksIn(participant, workshopId, documentId, "es"), "b-lessons").state === "machine", "a Spanish draft");
    await eventually(async () => blockOf(await blocksIn(participant, workshopId, documentId, "en"), "b-lessons").state === "machine", "an English draft");
  });

  it("a version or a status change sends the drafts at once, without waiting for the pause", async () => {
    const server = await boot(apertium(600_000));
    const { workshopId, facilitator, host, participant } = await workshopWithMembers(server);
    const documentId = (await mainDocument(facilitator, workshopId)).id;
    const room = await inRoom(participant, workshopId);
    const writer = open(host, workshopId);
    await waitForSync(writer.provider);
    writeParagraph(writer.doc, lessons, { blockId: "b-lessons" });
    await eventually(async () => (await blocksIn(participant, workshopId, documentId, "es")).length === 1, "stored");
    const spanish = nextEvent(room, "translation.updated", (e) => e.targetId === documentId && e.language === "es");
    expect((await host.post(`/api/synthesis/documents/${documentId}/versions`, { name: "Avant relecture" })).status).toBe(201);
    expect(await spanish).toMatchObject({ field: "block:b-lessons", origin: "machine" });
  });
});
