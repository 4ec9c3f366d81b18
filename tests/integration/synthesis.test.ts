// The synthesis document over the y-websocket protocol, with the official client.
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { synthesisDocName } from "../../shared/synthesis.js";
import { waitForDoc, waitForSync, workshopWithMembers } from "../helpers/clients.js";
import { startServer } from "../helpers/server.js";
import { closeOf, everyBlockHasId, eventually, synthesisSession, textOf, writeParagraph } from "../helpers/synthesis.js";

const { boot, open, servers } = synthesisSession();

describe("synthesis co-editing", () => {
  it("two official y-websocket clients converge on the same text", async () => {
    const server = await boot();
    const { workshopId, facilitator, participant } = await workshopWithMembers(server);
    const a = open(facilitator, workshopId);
    const b = open(participant, workshopId);
    await Promise.all([waitForSync(a.provider), waitForSync(b.provider)]);

    writeParagraph(a.doc, "Les problèmes sont globaux");
    writeParagraph(b.doc, "les réponses sont locales");
    await waitForDoc(a.doc, (d) => textOf(d).includes("locales"), "A receives B's text");
    await waitForDoc(b.doc, (d) => textOf(d).includes("globaux"), "B receives A's text");
    expect(textOf(a.doc)).toBe(textOf(b.doc));
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
  });

  it("drops an observer's update and counts it, while the observer still reads", async () => {
    const server = await boot();
    const { workshopId, facilitator, observer } = await workshopWithMembers(server);
    const writer = open(facilitator, workshopId);
    const reader = open(observer, workshopId);
    await Promise.all([waitForSync(writer.provider), waitForSync(reader.provider)]);

    writeParagraph(reader.doc, "texte non autorisé");
    await eventually(async () => (await server.app.yjs.droppedUpdates(synthesisDocName(workshopId))) > 0, "the update is dropped");

    writeParagraph(writer.doc, "texte de l'animatrice");
    await waitForDoc(reader.doc, (d) => textOf(d).includes("animatrice"), "the observer reads new text");

    const fresh = open(facilitator, workshopId);
    await waitForSync(fresh.provider);
    expect(textOf(fresh.doc)).toContain("animatrice");
    expect(textOf(fresh.doc)).not.toContain("non autorisé");
    expect(textOf(writer.doc)).not.toContain("non autorisé");
  });

  it("refuses a non-member and an anonymous visitor before any document data is sent", async () => {
    const server = await boot();
    const { workshopId, outsider, facilitator } = await workshopWithMembers(server);
    const docName = synthesisDocName(workshopId);
    expect(await closeOf(server, docName, { cookie: outsider.cookie })).toEqual({ code: 4404, reason: "not_found" });
    expect(await closeOf(server, docName)).toEqual({ code: 4401, reason: "unauthenticated" });
    expect((await closeOf(server, "workshop/nonexistent-id/synthesis", { cookie: facilitator.cookie })).code).toBe(4404);
    expect((await closeOf(server, docName, { cookie: facilitator.cookie, origin: "https://evil.example" })).code).toBe(4403);
  });

  it("stops the official client from retrying once it is refused", async () => {
    const server = await boot();
    const { workshopId, outsider } = await workshopWithMembers(server);
    const { provider } = open(outsider, workshopId);
    const closed = await new Promise<{ code: number }>((resolve) => provider.on("closed", (event) => resolve(event)));
    expect(closed.code).toBe(4404);
    expect(provider.shouldConnect).toBe(false);
  });

  it("keeps every stored edit across a server restart", async () => {
    const server = await boot();
    const { workshopId, facilitator, participant } = await workshopWithMembers(server);
    const a = open(facilitator, workshopId);
    const b = open(participant, workshopId);
    await Promise.all([waitForSync(a.provider), waitForSync(b.provider)]);
    for (let i = 0; i < 20; i++) writeParagraph(a.doc, `constat ${i}`);
    // B receiving the last paragraph means the server stored all of them first; the block
    // ids the server gives the paragraphs follow each one.
    await waitForDoc(b.doc, (d) => textOf(d).includes("constat 19"), "B receives everything");
    await waitForDoc(a.doc, everyBlockHasId, "A receives every block id");
    const before = textOf(a.doc);
    a.provider.destroy();
    b.provider.destroy();

    await server.close();
    const restarted = await startServer({ dataDir: server.dataDir });
    servers.splice(servers.indexOf(server), 1, restarted);
    facilitator.server = restarted;
    const c = open(facilitator, workshopId);
    await waitForSync(c.provider);
    expect(textOf(c.doc)).toBe(before);
  });

  it("closes with a retryable error, and writes nothing, when the document cannot be loaded", async () => {
    const server = await boot();
    const { workshopId, facilitator } = await workshopWithMembers(server);
    const first = open(facilitator, workshopId);
    await waitForSync(first.provider);
    writeParagraph(first.doc, "à ne pas perdre");
    const docName = synthesisDocName(workshopId);
    await eventually(async () => (await server.app.storage.yjs.load(docName)).updates.length > 0, "stored");
    first.provider.destroy();
    await eventually(async () => !server.app.yjs.documents.isLoaded(docName), "document unloaded");

    const yjsLog = server.app.storage.yjs;
    const realLoad = yjsLog.load;
    yjsLog.load = async () => {
      throw new Error("disk read failed (injected)");
    };
    const bytesBefore = await yjsLog.storedBytes(docName);
    const refused = await closeOf(server, docName, { cookie: facilitator.cookie });
    expect(refused).toEqual({ code: 4500, reason: "load_failed" });
    yjsLog.load = realLoad;
    expect(await yjsLog.storedBytes(docName)).toBe(bytesBefore);

    const again = open(facilitator, workshopId);
    await waitForSync(again.provider);
    expect(textOf(again.doc)).toContain("à ne pas perdre");
  });
});
