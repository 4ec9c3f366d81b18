// The status workflow of a synthesis: draft → submitted → agreed, set by facilitators,
// recorded with who, when and a version; agreed means read-only, live, for everyone.
import { describe, expect, it } from "vitest";
import { synthesisDocName } from "../../shared/synthesis.js";
import { emitAck, waitFor, waitForDoc, waitForSync, workshopWithMembers } from "../helpers/clients.js";
import { eventually, mainDocument, synthesisSession, textOf, waitForServerState, writeParagraph } from "../helpers/synthesis.js";

const { boot, open } = synthesisSession();

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
    const server = await boot();
    const { workshopId, facilitator, participant } = await workshopWithMembers(server);
    const docName = synthesisDocName(workshopId);
    const main = await mainDocument(facilitator, workshopId);
    const writer = open(participant, workshopId);
    await waitForSync(writer.provider);
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
});
