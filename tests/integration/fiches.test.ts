// Fiches navettes over real HTTP and socket.io-client users in each role: rows, drafts,
// the shuttle of feedback and replies, revisions, consent to circulate, closed sequences.
import { describe, expect, it } from "vitest";
import { workshopWithMembers } from "../helpers/clients.js";
import { allPages, doc, expectError, inRoom, nextEvent, recorder, serverForFile, setSequences } from "../helpers/contributions.js";

const running = serverForFile();

/** A workshop, its members, its one grid question's id, and helpers on its fiches. */
async function setUp() {
  const members = await workshopWithMembers(running.server);
  const { workshopId, facilitator } = members;
  const questionId: string = (await facilitator.get(`/api/workshops/${workshopId}`)).body.workshop.readingGrid.questions[0].id;
  const fiches = `/api/workshops/${workshopId}/fiches`;
  return { ...members, questionId, fiches };
}

const rows = (questionId: string) => ({
  title: "Plan pour l'eau du pays de Marennes-Oléron",
  presenters: ["Conseil de développement"],
  actionDate: "13 décembre 2007",
  place: "Marennes",
  descriptive: doc("Des soirées ouvertes à tous ont nourri le plan."),
  gridAnswers: { [questionId]: doc("Une économie de l'eau partagée entre ostréiculteurs et agriculteurs.") },
  keywords: { geographic: ["Charente-Maritime"], concepts: ["eau", "concertation"] },
  references: [{ label: "Pays Marennes-Oléron", url: "https://example.org/pays" }],
});

describe("writing a fiche", () => {
  it("lets a host prepare a draft before the meeting, with empty rows allowed", async () => {
    const { host, fiches } = await setUp();
    const created = await host.post(fiches, {});
    expect(created.status).toBe(201);
    expect(created.body.fiche).toMatchObject({
      status: "draft",
      authorSide: "host",
      authors: [{ id: host.id }],
      version: 1,
      rows: { title: "", presenters: [], gridAnswers: {}, lessons: { type: "doc", content: [{ type: "paragraph" }] } },
      consent: { toParticipants: "unset", asWorkingDocument: "unset", conditions: "", setBy: null },
      circulation: { participants: false, workingDocument: false },
    });
  });

  it("keeps every row: action, descriptive elements, one answer per grid question, keywords and references", async () => {
    const { observer, fiches, questionId } = await setUp();
    const created = await observer.post(fiches, { rows: rows(questionId) });
    const fiche = created.body.fiche;
    expect(fiche.authorSide).toBe("guest");
    expect(fiche.rows).toMatchObject({
      ...rows(questionId),
      keywords: { geographic: ["Charente-Maritime"], actors: [], methodological: [], concepts: ["eau", "concertation"] },
      references: [{ label: "Pays Marennes-Oléron", url: "https://example.org/pays" }],
    });
    expect((await observer.get(`${fiches}/${fiche.id}`)).body.fiche.rows.gridAnswers[questionId]).toEqual(rows(questionId).gridAnswers[questionId]);
  });

  it("refuses answers to questions the reading grid does not have, and references that are not web links", async () => {
    const { host, fiches } = await setUp();
    expectError(await host.post(fiches, { rows: { gridAnswers: { "not-a-question": doc("?") } } }), 400, "validation_failed");
    for (const url of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "mailto:someone@example.org", "ftp://example.org", "pas une adresse"]) {
      expectError(await host.post(fiches, { rows: { references: [{ label: "x", url }] } }), 400, "validation_failed");
    }
  });

  it("stores rows sanitized: no script, no javascript: link", async () => {
    const { host, fiches } = await setUp();
    const lessons = { type: "doc", content: [{ type: "paragraph", attrs: { onclick: "x" }, content: [{ type: "text", text: "<script>alert(1)</script>", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] }] };
    const created = await host.post(fiches, { rows: { lessons } });
    expect(created.body.fiche.rows.lessons).toEqual(doc("<script>alert(1)</script>"));
  });

  it("lets only hosts, observers and facilitators write fiches, each on their own side", async () => {
    const { participant, translator, outsider, host, fiches } = await setUp();
    expectError(await participant.post(fiches, {}), 403, "forbidden");
    expectError(await translator.post(fiches, {}), 403, "forbidden");
    expectError(await outsider.post(fiches, {}), 404, "not_found");
    expectError(await host.post(fiches, { authorSide: "guest" }), 400, "validation_failed");
    expectError(await host.post(fiches, { rows: { title: 42 } }), 400, "validation_failed");
  });
});

describe("drafts", () => {
  it("are seen only by their authors and facilitators, in lists, by id and live", async () => {
    const { workshopId, facilitator, host, observer, participant, fiches } = await setUp();
    const facilitatorSocket = await inRoom(facilitator, workshopId);
    const observerSocket = await inRoom(observer, workshopId);
    const observerSees = recorder(observerSocket, "fiche.updated");
    const facilitatorSees = nextEvent(facilitatorSocket, "fiche.updated");

    const draft = (await host.post(fiches, { coAuthorIds: [observer.id], rows: { title: "Brouillon à deux" } })).body.fiche;
    expect((await facilitatorSees).fiche.id).toBe(draft.id);
    expect(draft.authors.map((a: { id: string }) => a.id)).toEqual([host.id, observer.id]);

    const solo = (await host.post(fiches, { rows: { title: "Brouillon seul" } })).body.fiche;
    await observerSees.settle();
    expect(observerSees.seen.map((e) => e.fiche.id)).toEqual([draft.id]);

    expectError(await participant.get(`${fiches}/${solo.id}`), 404, "not_found");
    expectError(await observer.get(`${fiches}/${solo.id}`), 404, "not_found");
    expect((await facilitator.get(`${fiches}/${solo.id}`)).status).toBe(200);
    expect((await participant.get(fiches)).body.items).toEqual([]);
    expect((await observer.get(fiches)).body.items.map((f: { id: string }) => f.id)).toEqual([draft.id]);
    expect((await facilitator.get(fiches)).body.items).toHaveLength(2);
  });

  it("cannot be submitted until illustrate opens; once submitted the whole room sees the fiche", async () => {
    const { workshopId, facilitator, host, participant, fiches } = await setUp();
    const draft = (await host.post(fiches, { rows: { title: "À présenter" } })).body.fiche;
    expectError(await host.post(`${fiches}/${draft.id}/status`, { status: "submitted" }), 409, "sequence_not_open");

    await setSequences(facilitator, workshopId, [["illustrate", "open"]]);
    const watcher = await inRoom(participant, workshopId);
    const seen = nextEvent(watcher, "fiche.updated");
    const submitted = await host.post(`${fiches}/${draft.id}/status`, { status: "submitted" });
    expect(submitted.body.fiche).toMatchObject({ status: "submitted", version: 2 });
    expect((await seen).fiche).toMatchObject({ id: draft.id, status: "submitted" });
    expect((await participant.get(fiches)).body.items.map((f: { id: string }) => f.id)).toEqual([draft.id]);
  });
});

describe("editing and history", () => {
  it("lets authors and facilitators edit, nobody else", async () => {
    const { workshopId, facilitator, host, observer, fiches } = await setUp();
    await setSequences(facilitator, workshopId, [["illustrate", "open"]]);
    const fiche = (await host.post(fiches, {})).body.fiche;
    await host.post(`${fiches}/${fiche.id}/status`, { status: "submitted" });
    expectError(await observer.patch(`${fiches}/${fiche.id}`, { baseVersion: 2, rows: { title: "Pris par un autre" } }), 403, "not_author");
    const edited = await facilitator.patch(`${fiches}/${fiche.id}`, { baseVersion: 2, rows: { title: "Corrigé par l'animatrice" } });
    expect(edited.body.fiche).toMatchObject({ version: 3, rows: { title: "Corrigé par l'animatrice" } });
  });

  it("merges edits of different rows and refuses to overwrite a row changed meanwhile", async () => {
    const { workshopId, facilitator, host, fiches, questionId } = await setUp();
    await setSequences(facilitator, workshopId, [["illustrate", "open"]]);
    const fiche = (await host.post(fiches, {})).body.fiche;
    const path = `${fiches}/${fiche.id}`;
    expect((await host.patch(path, { baseVersion: 1, rows: { lessons: doc("Écouter avant de décider") } })).body.fiche.version).toBe(2);
    // The facilitator still holds version 1 and changes another row: it merges.
    const merged = await facilitator.patch(path, { baseVersion: 1, rows: { gridAnswers: { [questionId]: doc("Une économie de proximité") } } });
    expect(merged.body.fiche.rows.lessons).toEqual(doc("Écouter avant de décider"));
    expect(merged.body.fiche.version).toBe(3);
    // …but the same row, changed since version 1, is not overwritten.
    expectError(await facilitator.patch(path, { baseVersion: 1, rows: { lessons: doc("Autre leçon") } }), 409, "edit_conflict");
    expect((await host.get(path)).body.fiche.rows.lessons).toEqual(doc("Écouter avant de décider"));
    expectError(await host.patch(path, { baseVersion: 99, rows: { title: "x" } }), 400, "validation_failed");
    expectError(await host.patch(path, { rows: { title: "x" } }), 400, "validation_failed");
  });

  it("keeps a full revision history: who changed which row, when and to what", async () => {
    const { workshopId, facilitator, host, fiches, questionId } = await setUp();
    await setSequences(facilitator, workshopId, [["illustrate", "open"]]);
    const fiche = (await host.post(fiches, { rows: { title: "Première version" } })).body.fiche;
    await host.patch(`${fiches}/${fiche.id}`, { baseVersion: 1, rows: { title: "Première version", gridAnswers: { [questionId]: doc("Réponse") } } });
    await host.post(`${fiches}/${fiche.id}/status`, { status: "submitted" });
    await host.put(`${fiches}/${fiche.id}/consent`, { toParticipants: "yes", asWorkingDocument: "no", conditions: "citer le conseil" });

    const history = await allPages(host, `${fiches}/${fiche.id}/revisions`, 2);
    expect(history.map((r) => [r.version, r.changedBy.id, Object.keys(r.changes)])).toEqual([
      [1, host.id, ["title"]],
      [2, host.id, [`gridAnswers.${questionId}`]],
      [3, host.id, ["status"]],
      [4, host.id, ["consent"]],
    ]);
    expect(history[3].changes.consent).toEqual({ toParticipants: "yes", asWorkingDocument: "no", conditions: "citer le conseil" });
    expect(Date.parse(history[0].changedAt)).not.toBeNaN();
  });

  it("locks a finalised fiche until a facilitator reopens it", async () => {
    const { workshopId, facilitator, host, fiches } = await setUp();
    await setSequences(facilitator, workshopId, [["illustrate", "open"]]);
    const fiche = (await host.post(fiches, {})).body.fiche;
    const path = `${fiches}/${fiche.id}`;
    expectError(await host.post(`${path}/status`, { status: "finalised" }), 409, "invalid_transition");
    await host.post(`${path}/status`, { status: "submitted" });
    const finalised = await host.post(`${path}/status`, { status: "finalised" });
    expect(finalised.body.fiche.finalisedAt).not.toBeNull();
    expectError(await host.patch(path, { baseVersion: 3, rows: { title: "trop tard" } }), 409, "fiche_finalised");
    expectError(await host.post(`${path}/status`, { status: "submitted" }), 409, "invalid_transition");
    const reopened = await facilitator.post(`${path}/status`, { status: "submitted" });
    expect(reopened.body.fiche).toMatchObject({ status: "submitted", finalisedAt: null });
  });
});

describe("the shuttle: observers' feedback and hosts' replies", () => {
  it("are separate entries, each signed and dated, on submitted fiches", async () => {
    const { workshopId, facilitator, host, observer, participant, fiches } = await setUp();
    await setSequences(facilitator, workshopId, [["illustrate", "open"]]);
    const fiche = (await host.post(fiches, {})).body.fiche;
    expectError(await facilitator.post(`${fiches}/${fiche.id}/observer-feedback`, { body: doc("Trop tôt") }), 409, "fiche_not_submitted");
    expectError(await observer.post(`${fiches}/${fiche.id}/observer-feedback`, { body: doc("Je ne la vois pas") }), 404, "not_found");
    await host.post(`${fiches}/${fiche.id}/status`, { status: "submitted" });

    const watcher = await inRoom(participant, workshopId);
    const seen = nextEvent(watcher, "fiche.updated", (e) => e.fiche.observerFeedback.length === 1);
    const feedback = await observer.post(`${fiches}/${fiche.id}/observer-feedback`, { body: doc("Retour OBC : quelle place pour les jeunes ?") });
    expect(feedback.status).toBe(201);
    await seen;
    const reply = await host.post(`${fiches}/${fiche.id}/host-replies`, { body: doc("Réponse : un groupe de jeunes a rejoint le conseil.") });
    const { observerFeedback, hostReplies } = reply.body.fiche;
    expect(observerFeedback).toEqual([expect.objectContaining({ kind: "observerFeedback", author: { id: observer.id, displayName: "observer person" }, body: doc("Retour OBC : quelle place pour les jeunes ?") })]);
    expect(hostReplies).toEqual([expect.objectContaining({ kind: "hostReply", author: expect.objectContaining({ id: host.id }) })]);
    expect(Date.parse(hostReplies[0].createdAt)).toBeGreaterThanOrEqual(Date.parse(observerFeedback[0].createdAt));
  });

  it("come only from the roles that give them, with something to say", async () => {
    const { workshopId, facilitator, host, observer, participant, fiches } = await setUp();
    await setSequences(facilitator, workshopId, [["illustrate", "open"]]);
    const fiche = (await host.post(fiches, {})).body.fiche;
    await host.post(`${fiches}/${fiche.id}/status`, { status: "submitted" });
    expectError(await participant.post(`${fiches}/${fiche.id}/observer-feedback`, { body: doc("x") }), 403, "forbidden");
    expectError(await host.post(`${fiches}/${fiche.id}/observer-feedback`, { body: doc("x") }), 403, "forbidden");
    expectError(await observer.post(`${fiches}/${fiche.id}/host-replies`, { body: doc("x") }), 403, "forbidden");
    expectError(await observer.post(`${fiches}/${fiche.id}/observer-feedback`, { body: { type: "doc", content: [{ type: "paragraph" }] } }), 400, "validation_failed");
    expectError(await observer.post(`${fiches}/${fiche.id}/observer-feedback`, { body: "du texte simple" }), 400, "validation_failed");
  });
});

describe("consent to circulate", () => {
  it("is set by the host side or a facilitator only", async () => {
    const { host, observer, participant, facilitator, fiches } = await setUp();
    const fiche = (await host.post(fiches, {})).body.fiche;
    const consent = { toParticipants: "yes", asWorkingDocument: "no", conditions: "" };
    expectError(await observer.put(`${fiches}/${fiche.id}/consent`, consent), 403, "forbidden");
    expectError(await participant.put(`${fiches}/${fiche.id}/consent`, consent), 403, "forbidden");
    expectError(await host.put(`${fiches}/${fiche.id}/consent`, { ...consent, toParticipants: "maybe" }), 400, "validation_failed");
    const set = await host.put(`${fiches}/${fiche.id}/consent`, consent);
    expect(set.body.fiche.consent).toMatchObject({ ...consent, setBy: { id: host.id } });
    const changed = await facilitator.put(`${fiches}/${fiche.id}/consent`, { ...consent, asWorkingDocument: "yes" });
    expect(changed.body.fiche.consent.setBy.id).toBe(facilitator.id);
  });

  it("keeps a fiche inside the workshop unless the hosts said yes to the participants", async () => {
    const { workshopId, facilitator, host, fiches } = await setUp();
    await setSequences(facilitator, workshopId, [["illustrate", "open"]]);
    const fiche = (await host.post(fiches, { rows: { title: "Alliances d'employeurs" } })).body.fiche;
    const exported = `${fiches}/${fiche.id}/export`;
    await host.post(`${fiches}/${fiche.id}/status`, { status: "submitted" });
    expectError(await facilitator.get(exported), 409, "consent_missing");
    await host.put(`${fiches}/${fiche.id}/consent`, { toParticipants: "no", asWorkingDocument: "yes", conditions: "" });
    expectError(await facilitator.get(exported), 409, "consent_missing");
    const agreed = await host.put(`${fiches}/${fiche.id}/consent`, { toParticipants: "yes", asWorkingDocument: "no", conditions: "" });
    expect(agreed.body.fiche.circulation).toEqual({ participants: true, workingDocument: false });
    expect((await facilitator.get(exported)).body.fiche.rows.title).toBe("Alliances d'employeurs");
  });

  it("never lets a draft out, even with consent", async () => {
    const { host, fiches } = await setUp();
    const fiche = (await host.post(fiches, {})).body.fiche;
    await host.put(`${fiches}/${fiche.id}/consent`, { toParticipants: "yes", asWorkingDocument: "yes", conditions: "" });
    expectError(await host.get(`${fiches}/${fiche.id}/export`), 409, "consent_missing");
  });
});

describe("a closed illustrate sequence", () => {
  it("refuses new fiches, edits, submissions and feedback, but never a change of consent", async () => {
    const { workshopId, facilitator, host, observer, fiches } = await setUp();
    await setSequences(facilitator, workshopId, [["illustrate", "open"]]);
    const draft = (await host.post(fiches, {})).body.fiche;
    const submitted = (await host.post(fiches, {})).body.fiche;
    await host.post(`${fiches}/${submitted.id}/status`, { status: "submitted" });
    await setSequences(facilitator, workshopId, [["illustrate", "closed"]]);

    expectError(await host.post(fiches, {}), 409, "sequence_closed");
    expectError(await host.patch(`${fiches}/${draft.id}`, { baseVersion: 1, rows: { title: "x" } }), 409, "sequence_closed");
    expectError(await host.post(`${fiches}/${draft.id}/status`, { status: "submitted" }), 409, "sequence_closed");
    expectError(await observer.post(`${fiches}/${submitted.id}/observer-feedback`, { body: doc("x") }), 409, "sequence_closed");
    const consent = await host.put(`${fiches}/${submitted.id}/consent`, { toParticipants: "no", asWorkingDocument: "no", conditions: "retiré" });
    expect(consent.status).toBe(200);
  });
});
