// Versions of a synthesis: named and automatic snapshots, the diff of any two, and
// restoring an old text as a new change that keeps history.
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { synthesisDocName } from "../../shared/synthesis.js";
import { waitForDoc, waitForSync, workshopWithMembers, type TestUser } from "../helpers/clients.js";
import { blocksOf, everyBlockHasId, eventually, mainDocument, synthesisSession, textOf, writeParagraph } from "../helpers/synthesis.js";

const { boot, open } = synthesisSession();

async function stored(user: TestUser, documentId: string, text: string): Promise<void> {
  await eventually(async () => JSON.stringify((await user.get(`/api/synthesis/documents/${documentId}/content`)).body).includes(text), `"${text}" is stored`);
}

describe("synthesis versions", () => {
  it("records named versions, lists them newest first, and shows a version's text", async () => {
    const server = await boot();
    const { workshopId, facilitator, participant } = await workshopWithMembers(server);
    const main = await mainDocument(facilitator, workshopId);
    const { provider, doc } = open(participant, workshopId);
    await waitForSync(provider);
    writeParagraph(doc, "Premier constat");
    await stored(participant, main.id, "Premier constat");

    const first = await participant.post(`/api/synthesis/documents/${main.id}/versions`, { name: "Après la séquence 1" });
    expect(first.status).toBe(201);
    expect(first.body.version).toMatchObject({ name: "Après la séquence 1", kind: "manual", createdBy: { userId: participant.id }, restoredFrom: null });
    writeParagraph(doc, "Second constat");
    await stored(participant, main.id, "Second constat");
    await participant.post(`/api/synthesis/documents/${main.id}/versions`, { name: "Après la séquence 2" });

    const list = await participant.get(`/api/synthesis/documents/${main.id}/versions`);
    expect(list.body.versions.map((v: { name: string }) => v.name)).toEqual(["Après la séquence 2", "Après la séquence 1"]);
    const shown = await participant.get(`/api/synthesis/documents/${main.id}/versions/${first.body.version.id}`);
    expect(JSON.stringify(shown.body.content)).toContain("Premier constat");
    expect(JSON.stringify(shown.body.content)).not.toContain("Second constat");
  });

  it("diffs two versions as inserted and removed words, block by block", async () => {
    const server = await boot();
    const { workshopId, facilitator } = await workshopWithMembers(server);
    const main = await mainDocument(facilitator, workshopId);
    const { provider, doc } = open(facilitator, workshopId);
    await waitForSync(provider);
    const kept = writeParagraph(doc, "Les problèmes sont globaux");
    writeParagraph(doc, "Un paragraphe qui sera retiré");
    await waitForDoc(doc, everyBlockHasId, "block ids");
    const before = (await facilitator.post(`/api/synthesis/documents/${main.id}/versions`, { name: "avant" })).body.version;

    const line = kept.get(0) as Y.XmlText;
    line.delete("Les problèmes sont ".length, "globaux".length);
    line.insert("Les problèmes sont ".length, "partagés, les réponses locales");
    const fragment = doc.getXmlFragment("default");
    fragment.delete(1, 1);
    writeParagraph(doc, "Une proposition nouvelle");
    await stored(facilitator, main.id, "Une proposition nouvelle");
    const after = (await facilitator.post(`/api/synthesis/documents/${main.id}/versions`, { name: "après" })).body.version;

    const diff = await facilitator.get(`/api/synthesis/documents/${main.id}/diff?from=${before.id}&to=${after.id}`);
    expect(diff.status).toBe(200);
    expect(diff.body.from.name).toBe("avant");
    expect(diff.body.to.name).toBe("après");
    const [changed, removed, inserted] = diff.body.blocks;
    expect(changed.change).toBe("changed");
    expect(changed.runs).toEqual([
      { op: "equal", text: "Les problèmes sont " },
      { op: "delete", text: "globaux" },
      { op: "insert", text: "partagés, les réponses locales" },
    ]);
    expect(removed).toMatchObject({ change: "removed", runs: [{ op: "delete", text: "Un paragraphe qui sera retiré" }] });
    expect(inserted).toMatchObject({ change: "inserted", runs: [{ op: "insert", text: "Une proposition nouvelle" }] });
    expect(changed.blockId).toBe(blocksOf(doc)[0]!.blockId);
    expect(diff.body.inserted).toBe(4 + 3);
    expect(diff.body.removed).toBe(1 + 5);

    const againstNow = await facilitator.get(`/api/synthesis/documents/${main.id}/diff?from=${after.id}`);
    expect(againstNow.body.to).toBeNull();
    expect(againstNow.body.blocks.every((b: { change: string }) => b.change === "unchanged")).toBe(true);
  });

  it("restores an old version as a new change that reaches connected clients and keeps history", async () => {
    const server = await boot();
    const { workshopId, facilitator, participant } = await workshopWithMembers(server);
    const docName = synthesisDocName(workshopId);
    const main = await mainDocument(facilitator, workshopId);
    const editor = open(participant, workshopId);
    await waitForSync(editor.provider);
    writeParagraph(editor.doc, "Version adoptée en séance");
    await stored(participant, main.id, "adoptée");
    const old = (await participant.post(`/api/synthesis/documents/${main.id}/versions`, { name: "séance" })).body.version;
    const oldText = (await participant.get(`/api/synthesis/documents/${main.id}/versions/${old.id}`)).body.content;
    writeParagraph(editor.doc, "Ajout contesté");
    await stored(participant, main.id, "contesté");
    const stateBefore = Y.encodeStateVector(editor.doc);

    expect((await participant.post(`/api/synthesis/documents/${main.id}/versions/${old.id}/restore`)).status).toBe(403);
    const restored = await facilitator.post(`/api/synthesis/documents/${main.id}/versions/${old.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.version).toMatchObject({ kind: "restore", restoredFrom: old.id, createdBy: { userId: facilitator.id } });

    await waitForDoc(editor.doc, (d) => !textOf(d).includes("contesté"), "the connected client receives the restore");
    expect((await participant.get(`/api/synthesis/documents/${main.id}/content`)).body.content).toEqual(oldText);
    // A new change on top: the client's earlier state is contained in the new one, nothing was rewritten.
    expect(Y.decodeStateVector(Y.encodeStateVector(editor.doc)).get(editor.doc.clientID)).toBe(Y.decodeStateVector(stateBefore).get(editor.doc.clientID));
    const shared = await server.app.yjs.documents.open(docName);
    expect(Y.snapshotContainsUpdate(Y.snapshot(shared.doc), Y.encodeStateAsUpdate(editor.doc))).toBe(true);
    const kinds = (await participant.get(`/api/synthesis/documents/${main.id}/versions`)).body.versions.map((v: { kind: string }) => v.kind);
    expect(kinds).toEqual(["restore", "manual"]);
  });

  it("takes a version automatically a few minutes after edits begin, and another after the last edits", async () => {
    const server = await boot({ config: { synthesisAutoSnapshotMinutes: 0.005 } });
    const { workshopId, facilitator } = await workshopWithMembers(server);
    const docName = synthesisDocName(workshopId);
    const main = await mainDocument(facilitator, workshopId);
    const versions = async () => (await facilitator.get(`/api/synthesis/documents/${main.id}/versions`)).body.versions as { kind: string; createdBy: unknown }[];
    const { provider, doc } = open(facilitator, workshopId);
    await waitForSync(provider);
    expect(await versions()).toEqual([]);
    writeParagraph(doc, "Édition en cours");
    await eventually(async () => (await versions()).length === 1, "an automatic version");
    expect((await versions())[0]).toMatchObject({ kind: "auto", createdBy: null });

    writeParagraph(doc, "Dernière phrase de la séance");
    provider.disconnect();
    await eventually(async () => (await versions()).length === 2, "a version of the session's last edits");
    await eventually(() => !server.app.yjs.documents.isLoaded(docName), "unloaded");
  });

  it("lets readers read versions but not record them", async () => {
    const server = await boot();
    const { workshopId, facilitator, observer, translator, outsider } = await workshopWithMembers(server);
    const main = await mainDocument(facilitator, workshopId);
    for (const reader of [observer, translator]) {
      expect((await reader.post(`/api/synthesis/documents/${main.id}/versions`, { name: "x" })).status).toBe(403);
      expect((await reader.get(`/api/synthesis/documents/${main.id}/versions`)).status).toBe(200);
    }
    expect((await outsider.get(`/api/synthesis/documents/${main.id}/versions`)).status).toBe(404);
    expect((await facilitator.post(`/api/synthesis/documents/${main.id}/versions`, { name: "" })).body.error.code).toBe("validation_failed");
    expect((await facilitator.get(`/api/synthesis/documents/${main.id}/versions/unknown-version-id`)).status).toBe(404);
  });
});
