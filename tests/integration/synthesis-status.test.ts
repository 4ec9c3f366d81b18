// The status workflow of a synthesis: draft → submitted → agreed, set by facilitators,
// recorded with who, when and a version; agreed means read-only, live, for everyone.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { refusalReasons, synthesisDocName } from "../../shared/synthesis.js";
import { emitAck, waitFor, waitForDoc, waitForSync, workshopWithMembers } from "../helpers/clients.js";
import { rawYjsClient } from "../helpers/raw-yjs.js";
import { eventually, fragmentOf, mainDocument, synthesisSession, textOf, waitForServerState, writeParagraph } from "../helpers/synthesis.js";

const { boot, open } = synthesisSession();

/** A workshop whose participant has its main synthesis open, in sync. */
async function participantWriting() {
  const server = await boot();
  const { workshopId, facilitator, participant } = await workshopWithMembers(server);
  const main = await mainDocument(facilitator, workshopId);
  const writer = open(participant, workshopId);
  await waitForSync(writer.provider);
  return { server, workshopId, facilitator, participant, docName: synthesisDocName(workshopId), main, writer };
}

describe("synthesis status", () => {
  it("walks draft → submitted → agreed, recording who, when and the text at each change", async () => {
    const server = await boot();
    const { workshopId, facilitator, participant } = await workshopWithMembers(server);
    const main = await mainDocument(facilitator, workshopId);
    expect(main.status).toBe("draft");
    const writer = open(participant, workshopId);
    await waitForSync(writer.provider);
    writeParagraph(writer.doc, "Texte soumis à votre lecture");
    await eventually(async () => (await facilitator.get(`/api/synthesis/documents/${main.id}/content`)).body.content.content?.length === 1, "stored");

    const submitted = await facilitator.post(`/api/synthesis/documents/${main.id}/status`, { status: "submitted", from: "draft" });
    expect(submitted.status).toBe(200);
    expect(submitted.body.document.status).toBe("submitted");
    expect(submitted.body.change).toMatchObject({ from: "draft", to: "submitted", changedBy: { userId: facilitator.id, displayName: "Fatou Facilitatrice" } });
    const agreed = await facilitator.post(`/api/synthesis/documents/${main.id}/status`, { status: "agreed" });
    expect(agreed.status).toBe(200);

    const shown = await participant.get(`/api/synthesis/documents/${main.id}`);
    expect(shown.body.document.status).toBe("agreed");
    expect(shown.body.statusHistory.map((c: { from: string; to: string }) => `${c.from}→${c.to}`)).toEqual(["draft→submitted", "submitted→agreed"]);
    const versionId = shown.body.statusHistory[0].versionId;
    const version = await participant.get(`/api/synthesis/documents/${main.id}/versions/${versionId}`);
    expect(version.body.version.kind).toBe("status");
    expect(JSON.stringify(version.body.content)).toContain("Texte soumis à votre lecture");
  });

  it("lets only facilitators change the status", async () => {
    const server = await boot();
    const { workshopId, facilitator, host, participant, observer, outsider } = await workshopWithMembers(server);
    const main = await mainDocument(facilitator, workshopId);
    for (const user of [host, participant, observer]) {
      const refused = await user.post(`/api/synthesis/documents/${main.id}/status`, { status: "submitted" });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe("forbidden");
    }
    expect((await outsider.post(`/api/synthesis/documents/${main.id}/status`, { status: "submitted" })).status).toBe(404);
  });

  it("refuses a change the workflow does not allow, or from a status that moved meanwhile", async () => {
    const server = await boot();
    const { workshopId, facilitator } = await workshopWithMembers(server);
    const main = await mainDocument(facilitator, workshopId);
    const skipped = await facilitator.post(`/api/synthesis/documents/${main.id}/status`, { status: "agreed" });
    expect(skipped.status).toBe(409);
    expect(skipped.body.error.code).toBe("synthesis_status_transition");
    const stale = await facilitator.post(`/api/synthesis/documents/${main.id}/status`, { status: "submitted", from: "agreed" });
    expect(stale.body.error.code).toBe("synthesis_status_transition");
    const malformed = await facilitator.post(`/api/synthesis/documents/${main.id}/status`, { status: "published" });
    expect(malformed.body.error.code).toBe("validation_failed");
  });

  it("makes an agreed document read-only on connections opened before, tells every client live, and merges refused edits on reopening", async () => {
    const { server, workshopId, facilitator, participant, docName, main, writer } = await participantWriting();
    await waitForServerState(writer.provider, (s) => s.status === "draft" && s.people.some((p) => p.userId === participant.id && !p.readOnly));
    writeParagraph(writer.doc, "avant l'accord");

    const socket = facilitator.socket();
    expect((await emitAck(socket, "workshop.join", { workshopId })).ok).toBe(true);
    const heard: { status: string; documentId: string }[] = [];
    socket.on("synthesis.status", (event) => heard.push(event));

    await facilitator.post(`/api/synthesis/documents/${main.id}/status`, { status: "submitted" });
    await facilitator.post(`/api/synthesis/documents/${main.id}/status`, { status: "agreed" });
    await waitForServerState(writer.provider, (s) => s.status === "agreed" && s.people.every((p) => p.readOnly), "the open connection learns it is agreed");
    await waitFor(() => heard.length === 2, (check) => (socket.on("synthesis.status", check), () => socket.off("synthesis.status", check)), "socket events");
    expect(heard.map((e) => e.status)).toEqual(["submitted", "agreed"]);
    expect(heard[1]!.documentId).toBe(main.id);

    const dropped = await server.app.yjs.droppedUpdates(docName);
    writeParagraph(writer.doc, "après l'accord");
    await eventually(async () => (await server.app.yjs.droppedUpdates(docName)) > dropped, "the edit is dropped");
    const restore = await facilitator.post(`/api/synthesis/documents/${main.id}/versions/${(await facilitator.get(`/api/synthesis/documents/${main.id}/versions`)).body.versions[0].id}/restore`);
    expect(restore.body.error.code).toBe("synthesis_agreed");
    const fresh = open(facilitator, workshopId);
    await waitForSync(fresh.provider);
    expect(textOf(fresh.doc)).toContain("avant l'accord");
    expect(textOf(fresh.doc)).not.toContain("après l'accord");

    const reopened = await facilitator.post(`/api/synthesis/documents/${main.id}/status`, { status: "draft", from: "agreed" });
    expect(reopened.body.change).toMatchObject({ from: "agreed", to: "draft" });
    await waitForServerState(writer.provider, (s) => s.status === "draft");
    writeParagraph(writer.doc, "après la réouverture");
    await waitForDoc(fresh.doc, (d) => textOf(d).includes("après la réouverture"), "edits flow again");
    // Its client kept the edit refused while agreed; reopening asks clients to resync, so it merges now.
    expect(textOf(fresh.doc)).toContain("après l'accord");
    socket.disconnect();
  });

  it("tells a connection once that its edits were not taken while agreed, and not one that only sent back what the server has", async () => {
    const { server, workshopId, facilitator, participant, docName, main, writer } = await participantWriting();
    writeParagraph(writer.doc, "gardé");
    writeParagraph(writer.doc, "effacé");
    fragmentOf(writer.doc).delete(1, 1); // a deletion: every sync answer carries it again
    await eventually(async () => (await facilitator.get(`/api/synthesis/documents/${main.id}/content`)).body.content.content?.length === 1, "stored");
    await facilitator.post(`/api/synthesis/documents/${main.id}/status`, { status: "submitted" });
    await facilitator.post(`/api/synthesis/documents/${main.id}/status`, { status: "agreed" });

    // A raw connection holding exactly the server's text, deletion included, sends it back.
    const raw = await rawYjsClient(`${server.wsUrl}/yjs/${docName}`, { cookie: participant.cookie });
    const heard: string[] = [];
    raw.ws.on("message", (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      const type = decoding.readVarUint(decoder);
      if (type === 2) heard.push(`refused:${(decoding.readVarUint(decoder), decoding.readVarString(decoder))}`);
      else if (type === 0 && decoding.readVarUint(decoder) === 1) heard.push("step2");
    });
    const askForStep2 = () => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint8Array(encoder, Y.encodeStateVector(new Y.Doc()));
      raw.ws.send(encoding.toUint8Array(encoder));
    };
    raw.send(Y.encodeStateAsUpdate(writer.doc));
    // Messages are handled in order: the answer to this request comes after any word about the update.
    askForStep2();
    await waitFor(() => heard.includes("step2"), (check) => (raw.ws.on("message", check), () => raw.ws.off("message", check)), "the sync answer");
    expect(heard).toEqual(["step2"]);

    // Two edits the document lacks: told once, with the reason.
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(writer.doc));
    const edits: Uint8Array[] = [];
    offline.on("update", (update: Uint8Array) => edits.push(update));
    writeParagraph(offline, "écrit hors ligne");
    writeParagraph(offline, "et encore");
    for (const edit of edits) raw.send(edit);
    askForStep2();
    await waitFor(() => heard.filter((h) => h === "step2").length === 2, (check) => (raw.ws.on("message", check), () => raw.ws.off("message", check)), "the second sync answer");
    expect(heard).toEqual(["step2", `refused:${refusalReasons.agreed}`, "step2"]);
    expect(raw.closed).toBeNull();
    await raw.close();
  });
});
