// Synthesis documents: several per workshop, a series' synthesis across its workshops,
// templates in the workshop's language, stable block ids, citations and presence.
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { seriesSynthesisName, synthesisDocName, workshopDocumentName } from "../../shared/synthesis.js";
import { doc as richText, expectError, openAll } from "../helpers/contributions.js";
import { invite, waitForDoc, waitForSync, workshopWithMembers } from "../helpers/clients.js";
import type { TestServer } from "../helpers/server.js";
import {
  blocksOf,
  closeOf,
  everyBlockHasId,
  eventually,
  mainDocument,
  synthesisSession,
  textOf,
  waitForServerState,
  writeParagraph,
} from "../helpers/synthesis.js";

const { boot, open } = synthesisSession();

/** A series of two stages: a facilitator of the first, and a participant of the second only. */
async function seriesOfTwo(server: TestServer) {
  const { facilitator, host, participant, outsider } = await workshopWithMembers(server);
  const stage = async (title: string) => (await facilitator.post("/api/workshops", { title, languages: ["fr"] })).body.workshop.id as string;
  const [stageOne, stageTwo] = [await stage("Étape 1"), await stage("Étape 2")];
  const seriesId: string = (await facilitator.post(`/api/workshops/${stageOne}/series`, { title: "Démarche" })).body.series.id;
  expect((await facilitator.put(`/api/workshops/${stageTwo}/series`, { seriesId })).status).toBe(200);
  await invite(facilitator, stageOne, host, "facilitator");
  await invite(facilitator, stageTwo, participant, "participant");
  return { seriesId, stageTwo, seriesFacilitator: host, stageTwoParticipant: participant, outsider };
}

describe("synthesis documents", () => {
  it("lists the main synthesis, and creates per-sequence notes from a template in the workshop's language", async () => {
    const server = await boot();
    const { workshopId, facilitator, participant } = await workshopWithMembers(server);
    const main = await mainDocument(participant, workshopId);
    expect(main).toMatchObject({ kind: "main", docName: synthesisDocName(workshopId), status: "draft", language: "fr" });

    const created = await facilitator.post(`/api/workshops/${workshopId}/synthesis/documents`, { kind: "sequence-notes", title: "Séquence 1 : illustrer", template: "findings" });
    expect(created.status).toBe(201);
    const notes = created.body.document;
    expect(notes.docName).toBe(workshopDocumentName(workshopId, notes.id));
    const listed = (await participant.get(`/api/workshops/${workshopId}/synthesis/documents`)).body.documents;
    expect(listed.map((d: { kind: string }) => d.kind)).toEqual(["main", "sequence-notes"]);
    expect(listed[0].can).toEqual({ edit: true, createVersion: true, restoreVersion: false, changeStatus: false, applyTemplate: false });

    const { provider, doc } = open(participant, notes.docName);
    await waitForSync(provider);
    expect(blocksOf(doc).filter((b) => b.type === "heading").map((b) => b.text)).toEqual(["Constats", "Cas qui les appuient", "Propositions"]);
    expect(everyBlockHasId(doc)).toBe(true);
    expect((await participant.post(`/api/workshops/${workshopId}/synthesis/documents`, { kind: "sequence-notes", title: "x" })).status).toBe(403);

    // Facilitators rename notes; the main synthesis keeps its name, and others may not rename.
    const renamed = await facilitator.patch(`/api/synthesis/documents/${notes.id}`, { title: "Séquence 1 : illustrer, notes du jeudi" });
    expect(renamed.body.document).toMatchObject({ id: notes.id, title: "Séquence 1 : illustrer, notes du jeudi" });
    expect((await participant.get(`/api/synthesis/documents/${notes.id}`)).body.document.title).toBe("Séquence 1 : illustrer, notes du jeudi");
    expectError(await participant.patch(`/api/synthesis/documents/${notes.id}`, { title: "Autre" }), 403, "forbidden");
    expectError(await facilitator.patch(`/api/synthesis/documents/${main.id}`, { title: "Autre" }), 400, "bad_request");
    expectError(await facilitator.patch(`/api/synthesis/documents/${notes.id}`, { title: "" }), 400, "validation_failed");
  });

  it("fills an empty main synthesis from the reference-sheet template in another language, only while empty", async () => {
    const server = await boot();
    const { workshopId, facilitator } = await workshopWithMembers(server);
    const main = await mainDocument(facilitator, workshopId);
    const applied = await facilitator.post(`/api/synthesis/documents/${main.id}/template`, { template: "reference-sheet", language: "es" });
    expect(applied.status).toBe(200);
    const { provider, doc } = open(facilitator, workshopId);
    await waitForSync(provider);
    expect(blocksOf(doc).filter((b) => b.type === "heading").map((b) => b.text)).toEqual([
      "EN RESUMEN",
      "¿De qué se trata?",
      "¿Cómo?",
      "Claves del éxito",
      "Puntos de atención",
      "Para ir más lejos",
    ]);
    const again = await facilitator.post(`/api/synthesis/documents/${main.id}/template`, { template: "findings" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("synthesis_not_empty");
  });

  it("serves a series' synthesis to members of all its workshops, editable only by facilitators of any of them", async () => {
    const server = await boot();
    const { seriesId, stageTwo, seriesFacilitator, stageTwoParticipant, outsider } = await seriesOfTwo(server);
    const docName = seriesSynthesisName(seriesId);

    const seen = (await stageTwoParticipant.get(`/api/workshops/${stageTwo}/synthesis/documents`)).body.documents;
    const series = seen.find((d: { kind: string }) => d.kind === "series");
    expect(series).toMatchObject({ scope: "series", seriesId, docName, myRole: "observer", can: { edit: false } });
    const asFacilitator = await seriesFacilitator.get(`/api/synthesis/documents/${series.id}`);
    expect(asFacilitator.body.document).toMatchObject({ myRole: "facilitator", can: { edit: true, changeStatus: true } });
    expect((await outsider.get(`/api/synthesis/documents/${series.id}`)).status).toBe(404);
    expect((await stageTwoParticipant.post(`/api/synthesis/documents/${series.id}/status`, { status: "submitted" })).status).toBe(403);

    const writer = open(seriesFacilitator, docName);
    const reader = open(stageTwoParticipant, docName);
    await Promise.all([waitForSync(writer.provider), waitForSync(reader.provider)]);
    writeParagraph(writer.doc, "Synthèse des cinq étapes");
    await waitForDoc(reader.doc, (d) => textOf(d).includes("cinq étapes"), "the participant of another stage reads it");
    writeParagraph(reader.doc, "refusé");
    await eventually(async () => (await server.app.yjs.droppedUpdates(docName)) > 0, "the reader's edit is dropped");
    expect(await closeOf(server, docName, { cookie: outsider.cookie })).toEqual({ code: 4404, reason: "not_found" });
  });

  it("refuses unknown documents and documents of another workshop", async () => {
    const server = await boot();
    const one = await workshopWithMembers(server);
    const two = await workshopWithMembers(server);
    const notes = (await one.facilitator.post(`/api/workshops/${one.workshopId}/synthesis/documents`, { kind: "sequence-notes", title: "Notes" })).body.document;
    const cookie = { cookie: one.facilitator.cookie };
    expect((await closeOf(server, workshopDocumentName(one.workshopId, "unknown-document"), cookie)).code).toBe(4404);
    expect((await closeOf(server, workshopDocumentName(two.workshopId, notes.id), { cookie: two.facilitator.cookie })).code).toBe(4404);
    expect((await closeOf(server, seriesSynthesisName("no-such-series"), cookie)).code).toBe(4404);
    expect((await two.facilitator.get(`/api/synthesis/documents/${notes.id}`)).status).toBe(404);
  });

  it("gives every paragraph and heading a stable id, and a new one to the second half of a split block", async () => {
    const server = await boot();
    const { workshopId, facilitator, participant } = await workshopWithMembers(server);
    const a = open(facilitator, workshopId);
    const b = open(participant, workshopId);
    await Promise.all([waitForSync(a.provider), waitForSync(b.provider)]);
    const first = writeParagraph(a.doc, "Premier paragraphe");
    await waitForDoc(a.doc, everyBlockHasId, "an id for the new paragraph");
    const id = blocksOf(a.doc)[0]!.blockId!;

    (first.get(0) as Y.XmlText).insert(0, "Vraiment : ");
    // A split in the middle: the editor copies the attributes to the second half.
    writeParagraph(a.doc, "seconde moitié", { blockId: id });
    await waitForDoc(b.doc, (d) => blocksOf(d).length === 2 && new Set(blocksOf(d).map((x) => x.blockId)).size === 2, "the duplicate is repaired");
    const [kept, split] = blocksOf(b.doc);
    expect(kept).toMatchObject({ blockId: id, text: "Vraiment : Premier paragraphe" });
    expect(split!.blockId).not.toBe(id);
    await waitForDoc(a.doc, (d) => textOf(d) === textOf(b.doc), "the writer receives the repair too");
  });

  it("finds the passages that cite a contribution, and the passage a merged proposal went into", async () => {
    const server = await boot();
    const { workshopId, facilitator, participant, outsider } = await workshopWithMembers(server);
    const main = await mainDocument(facilitator, workshopId);
    const { provider, doc } = open(participant, workshopId);
    await waitForSync(provider);
    const paragraph = writeParagraph(doc, "Comme le montre ");
    const citation = new Y.XmlElement("citation");
    for (const [key, value] of Object.entries({ kind: "fiche", targetId: "fiche-marennes-01", workshopId, label: "Plan pour l'eau", author: "Hélène" })) {
      citation.setAttribute(key, value);
    }
    paragraph.insert(1, [citation]);
    await waitForDoc(doc, everyBlockHasId, "block id");
    const blockId = blocksOf(doc)[0]!.blockId!;

    const cited = await participant.get(`/api/workshops/${workshopId}/synthesis/citations?kind=fiche&targetId=fiche-marennes-01`);
    expect(cited.body.passages).toEqual([
      { targetId: "fiche-marennes-01", documentId: main.id, docName: synthesisDocName(workshopId), documentKind: "main", title: "", blockId, excerpt: "Comme le montre [Plan pour l'eau]", via: "citation" },
    ]);
    // Several contributions at once (a thread's posts), each passage saying which one it cites.
    const several = await participant.get(`/api/workshops/${workshopId}/synthesis/citations?kind=fiche&targetId=fiche-other-01,fiche-marennes-01`);
    expect(several.body.passages.map((p: { targetId: string }) => p.targetId)).toEqual(["fiche-marennes-01"]);
    expect((await participant.get(`/api/workshops/${workshopId}/synthesis/citations?kind=fiche&targetId=ok-id-0001,not%20an%20id`)).status).toBe(400);
    expect((await outsider.get(`/api/workshops/${workshopId}/synthesis/citations?kind=fiche&targetId=fiche-marennes-01`)).status).toBe(404);

    // A facilitator marks a proposal merged into the synthesis at that passage.
    await openAll(facilitator, workshopId);
    const proposal = (await participant.post(`/api/workshops/${workshopId}/proposals`, { title: "Un guichet unique", body: richText("Regrouper les aides.") })).body.proposal;
    const statusPath = `/api/workshops/${workshopId}/proposals/${proposal.id}/status`;
    const wrongBlock = await facilitator.post(statusPath, { status: "merged", reason: "Repris", passage: { documentId: main.id, blockId: "missing-block" } });
    expectError(wrongBlock, 404, "not_found");
    expect((await participant.get(`/api/workshops/${workshopId}/proposals/${proposal.id}`)).body.proposal.status).toBe("open");
    expectError(await facilitator.post(statusPath, { status: "declined", reason: "Non", passage: { documentId: main.id, blockId } }), 400, "validation_failed");
    expectError(await participant.post(statusPath, { status: "merged", reason: "Repris", passage: { documentId: main.id, blockId } }), 403, "forbidden");

    const mergedAt = await facilitator.post(statusPath, { status: "merged", reason: "Repris dans la synthèse", passage: { documentId: main.id, blockId } });
    expect(mergedAt.status).toBe(200);
    expect(mergedAt.body.proposal.status).toBe("merged");
    const merged = await participant.get(`/api/workshops/${workshopId}/synthesis/citations?kind=proposal&targetId=${proposal.id}`);
    expect(merged.body.passages).toMatchObject([{ blockId, via: "merged", excerpt: "Comme le montre [Plan pour l'eau]" }]);

    paragraph.delete(1, 1);
    await eventually(
      async () => (await participant.get(`/api/workshops/${workshopId}/synthesis/citations?kind=fiche&targetId=fiche-marennes-01`)).body.passages.length === 0,
      "a removed citation is no longer found",
    );
  });

  it("documents its routes with their permission in OpenAPI, and its events and document names", async () => {
    const server = await boot();
    const { facilitator } = await workshopWithMembers(server);
    const api = (await facilitator.get("/api/openapi.json")).body;
    const restore = api.paths["/api/synthesis/documents/{documentId}/versions/{versionId}/restore"].post;
    expect(restore.description).toContain("synthesis.version.restore");
    expect(restore.responses["409"].description).toContain("synthesis_agreed");
    expect(api.paths["/api/workshops/{workshopId}/synthesis/documents"].post.description).toContain("synthesis.document.create");
    const events = (await facilitator.get("/api/events.json")).body;
    expect(events.serverEvents.map((e: { event: string }) => e.event)).toEqual(expect.arrayContaining(["synthesis.status", "synthesis.versions.updated"]));
    expect(Object.keys(events.yjs.docNames)).toContain("series/<seriesId>/synthesis");
  });

  it("lists who is in the document, with names taken from their accounts", async () => {
    const server = await boot();
    const { workshopId, facilitator, observer } = await workshopWithMembers(server);
    const a = open(facilitator, workshopId);
    const b = open(observer, workshopId);
    await Promise.all([waitForSync(a.provider), waitForSync(b.provider)]);
    b.provider.awareness.setLocalStateField("user", { userId: facilitator.id, name: "Someone else", language: "en", color: "#123456" });
    const everyone = [facilitator.id, observer.id].sort().join();
    await waitForServerState(a.provider, (s) => s.people.map((p) => p.userId).sort().join() === everyone, "both people are listed");
    await eventually(
      () => [...a.provider.awareness.getStates().values()].some((s) => (s as { user?: { name?: string } }).user?.name === "observer person"),
      "the observer's caret carries the observer's own name",
    );
    const observerState = [...a.provider.awareness.getStates().values()].find((s) => (s as { user?: { name?: string } }).user?.name === "observer person") as {
      user: { userId: string; language: string };
    };
    expect(observerState.user).toMatchObject({ userId: observer.id, language: "en" });
    await waitForServerState(a.provider, (s) => s.people.find((p) => p.userId === observer.id)?.readOnly === true, "the observer is listed as reading");
  });
});
