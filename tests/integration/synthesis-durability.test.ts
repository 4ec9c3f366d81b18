// Durability of synthesis documents: a crash while five people type, compaction, failed
// loads, and offline edits, with the official y-websocket client.
import { Database } from "../../server/storage/sqlite/driver.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as decoding from "lib0/decoding";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { afterEach, describe, expect, it } from "vitest";
import { synthesisDocName, synthesisFragment } from "../../shared/synthesis.js";
import type { Storage } from "../../server/storage/port.js";
import type { DocumentStore } from "../../server/synthesis/documents.js";
import { waitForDoc, waitForSync, workshopWithMembers, type TestUser } from "../helpers/clients.js";
import { startChildServer, type ChildServer } from "../helpers/child-server.js";
import { rawYjsClient, typedUpdates } from "../helpers/raw-yjs.js";
import { closeOf, everyBlockHasId, eventually, fragmentOf, mainDocument, synthesisSession, textOf, writeParagraph } from "../helpers/synthesis.js";

const { boot, open } = synthesisSession();
const children: ChildServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) await child.kill();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * The updates this client sent and received back from the server: its proof of storage. (Others'
 * updates reach it before they are stored; if the server dies first, they come back with the
 * clients that hold them.)
 */
function recordReceivedBack(provider: WebsocketProvider, doc: Y.Doc): Uint8Array[] {
  const sent = new Set<string>();
  doc.on("update", (update: Uint8Array, origin: unknown) => origin !== provider && sent.add(Buffer.from(update).toString("base64")));
  const received: Uint8Array[] = [];
  (provider.ws as unknown as { addEventListener(type: "message", listener: (event: { data: ArrayBuffer }) => void): void }).addEventListener(
    "message",
    (event) => {
      const decoder = decoding.createDecoder(new Uint8Array(event.data));
      if (decoding.readVarUint(decoder) !== 0) return; // not a sync message
      const syncType = decoding.readVarUint(decoder);
      if (syncType !== 2) return;
      const update = decoding.readVarUint8Array(decoder);
      if (sent.has(Buffer.from(update).toString("base64"))) received.push(update);
    },
  );
  return received;
}

/** Rebuilds a document from what storage holds, as a load would. */
async function replayStored(storage: Storage, docName: string): Promise<Y.Doc> {
  const stored = await storage.yjs.load(docName);
  const doc = new Y.Doc({ gc: false });
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const { update } of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

/** Whether storage holds everything the server has applied to the document (writes trail the apply). */
async function isStoredWhole(storage: Storage, documents: DocumentStore, docName: string): Promise<boolean> {
  const live = await documents.open(docName);
  return Buffer.from(Y.encodeStateVector(await replayStored(storage, docName))).equals(Y.encodeStateVector(live.doc));
}

const plainText = (doc: Y.Doc) => textOf(doc).replace(/<[^>]+>/g, " ");

describe("synthesis durability", () => {
  it("keeps every update any client received back, after the server is killed while five people type, and gets the rest back from the clients", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "navette-crash-"));
    dirs.push(dataDir);
    // Compacting every 20 entries makes a kill during a compaction likely.
    const first = await startChildServer(dataDir, { DOC_COMPACT_AFTER: "20" });
    children.push(first);
    const { workshopId, facilitator, host, participant } = await workshopWithMembers(first);
    const typists: TestUser[] = [facilitator, host, participant, facilitator, participant];

    const clients = typists.map((user, index) => {
      const doc = new Y.Doc();
      const provider = user.openDocument(synthesisDocName(workshopId), doc);
      return { index, doc, provider, received: recordReceivedBack(provider, doc) };
    });
    await Promise.all(clients.map((c) => waitForSync(c.provider)));

    const timers = clients.map(({ index, doc }) => {
      const line = new Y.XmlText();
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [line]);
      fragmentOf(doc).insert(fragmentOf(doc).length, [paragraph]);
      let n = 0;
      return setInterval(() => line.insert(line.length, ` c${index}w${n++}`), 3 + index);
    });
    await eventually(() => clients.every((c) => c.received.length > 200), "every client has received many of its updates back");
    await first.kill();
    for (const timer of timers) clearInterval(timer);
    for (const c of clients) c.provider.destroy();

    // What the clients received back, all together.
    const witness = new Y.Doc();
    const received = clients.flatMap((c) => c.received);
    for (const update of received) Y.applyUpdate(witness, update);
    const acknowledgedWords = plainText(witness).match(/c\dw\d+/g) ?? [];
    expect(acknowledgedWords.length).toBeGreaterThan(150);

    const second = await startChildServer(dataDir);
    children.push(second);
    facilitator.server = second;
    const reader = new Y.Doc();
    const provider = facilitator.openDocument(synthesisDocName(workshopId), reader);
    await waitForSync(provider);
    const restored = new Set(plainText(reader).match(/c\dw\d+/g) ?? []);
    expect(acknowledgedWords.filter((word) => !restored.has(word))).toEqual([]);
    const snapshot = Y.snapshot(reader);
    expect(received.filter((update) => !Y.snapshotContainsUpdate(snapshot, update))).toHaveLength(0);

    // What others had received before it was stored comes back when the clients reconnect.
    for (const user of typists) user.server = second;
    const reconnected = clients.map((c, i) => typists[i]!.openDocument(synthesisDocName(workshopId), c.doc));
    await Promise.all(reconnected.map((p) => waitForSync(p)));
    const everything = new Set(clients.flatMap((c) => plainText(c.doc).match(/c\dw\d+/g) ?? []));
    await waitForDoc(reader, (d) => {
      const words = new Set(plainText(d).match(/c\dw\d+/g) ?? []);
      return [...everything].every((word) => words.has(word));
    }, "every word any client held is back");
    for (const p of [provider, ...reconnected]) p.destroy();
  });

  it("keeps every update a raw connection got back, after the server is killed during its burst", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "navette-crash-"));
    dirs.push(dataDir);
    const first = await startChildServer(dataDir, { DOC_COMPACT_AFTER: "200" });
    children.push(first);
    const { workshopId, facilitator } = await workshopWithMembers(first);
    const docName = synthesisDocName(workshopId);
    const { updates } = typedUpdates(20_000, synthesisFragment);
    const writer = await rawYjsClient(`${first.wsUrl}/yjs/${docName}`, { cookie: facilitator.cookie });
    for (const update of updates) writer.send(update);
    await writer.receivedAtLeast(1_000);
    await first.kill();
    const echoed = writer.received.slice();
    expect(echoed.length).toBeLessThan(updates.length); // killed during the burst

    const second = await startChildServer(dataDir);
    children.push(second);
    facilitator.server = second;
    const reader = new Y.Doc();
    const provider = facilitator.openDocument(docName, reader);
    await waitForSync(provider);
    const snapshot = Y.snapshot(reader);
    expect(echoed.filter((update) => !Y.snapshotContainsUpdate(snapshot, update))).toHaveLength(0);
    provider.destroy();
  }, 240_000);

  it("compacts the log into a snapshot with the same content, byte for byte, in less storage", async () => {
    const server = await boot({ config: { docCompactAfter: 100_000 } });
    const { workshopId, facilitator } = await workshopWithMembers(server);
    const docName = synthesisDocName(workshopId);
    const { provider, doc } = open(facilitator, workshopId);
    await waitForSync(provider);
    const line = writeParagraph(doc, "Constats :").get(0) as Y.XmlText;
    for (let i = 0; i < 300; i++) line.insert(line.length, ` mot${i}`);
    for (let i = 0; i < 100; i++) line.delete(12, 3);
    await eventually(async () => (await server.app.storage.yjs.load(docName)).updates.length >= 402, "every keystroke is stored");
    await waitForDoc(doc, everyBlockHasId, "the block id arrives");

    const storage = server.app.storage;
    const before = await replayStored(storage, docName);
    const bytesBefore = await storage.yjs.storedBytes(docName);
    const shared = await server.app.yjs.documents.open(docName);
    // Asked twice at once, it compacts once: one compaction per document at a time.
    let compactions = 0;
    const realCompact = storage.yjs.compact;
    storage.yjs.compact = async (...args) => {
      compactions++;
      return realCompact(...args);
    };
    await Promise.all([server.app.yjs.documents.compact(shared), server.app.yjs.documents.compact(shared)]);
    storage.yjs.compact = realCompact;
    expect(compactions).toBe(1);

    const stored = await storage.yjs.load(docName);
    expect(stored.updates).toHaveLength(0);
    const after = await replayStored(storage, docName);
    expect(Y.encodeStateAsUpdate(after)).toEqual(Y.encodeStateAsUpdate(before));
    expect(Y.encodeStateAsUpdate(after)).toEqual(Y.encodeStateAsUpdate(shared.doc));
    expect(await storage.yjs.storedBytes(docName)).toBeLessThan(bytesBefore / 2);
  });

  it("loses nothing when a compaction fails between writing the snapshot and trimming the log", async () => {
    const server = await boot({ config: { docCompactAfter: 100_000 } });
    const { workshopId, facilitator } = await workshopWithMembers(server);
    const docName = synthesisDocName(workshopId);
    const { provider, doc } = open(facilitator, workshopId);
    await waitForSync(provider);
    for (let i = 0; i < 30; i++) writeParagraph(doc, `proposition ${i}`);
    await waitForDoc(doc, (d) => everyBlockHasId(d) && textOf(d).includes("proposition 29"), "every paragraph has its block id");
    await eventually(async () => isStoredWhole(server.app.storage, server.app.yjs.documents, docName), "every applied update is stored");

    // An injected fault: the step after the snapshot is written fails, inside the same transaction.
    const sqlite = new Database(join(server.dataDir, "navette.sqlite"));
    sqlite.exec("CREATE TRIGGER injected_fault BEFORE DELETE ON yjs_updates BEGIN SELECT RAISE(ABORT, 'injected fault'); END;");
    const storage = server.app.storage;
    const expected = Y.encodeStateAsUpdate(await replayStored(storage, docName));
    const shared = await server.app.yjs.documents.open(docName);
    await server.app.yjs.documents.compact(shared);
    const kept = await storage.yjs.load(docName);
    expect(kept.snapshot).toBeNull();
    expect(Y.encodeStateAsUpdate(await replayStored(storage, docName))).toEqual(expected);

    sqlite.exec("DROP TRIGGER injected_fault");
    sqlite.close();
    await server.app.yjs.documents.compact(shared);
    expect((await storage.yjs.load(docName)).updates).toHaveLength(0);
    expect(Y.encodeStateAsUpdate(await replayStored(storage, docName))).toEqual(expected);
  });

  it("never turns a failed read into an empty document: clients get a retryable error and nothing is written", async () => {
    const server = await boot();
    const { workshopId, facilitator, participant } = await workshopWithMembers(server);
    const docName = synthesisDocName(workshopId);
    const main = await mainDocument(facilitator, workshopId);
    const writer = open(facilitator, workshopId);
    await waitForSync(writer.provider);
    writeParagraph(writer.doc, "texte à garder");
    await waitForDoc(writer.doc, everyBlockHasId, "stored with its block id");
    writer.provider.disconnect();
    await eventually(() => !server.app.yjs.documents.isLoaded(docName), "document unloaded");

    // The adapter's read fails: the y-websocket client keeps retrying, HTTP answers 503.
    const log = server.app.storage.yjs;
    const realLoad = log.load;
    let failedReads = 0;
    log.load = async () => {
      failedReads++;
      throw new Error("disk read failed (injected)");
    };
    const bytesBefore = await log.storedBytes(docName);
    expect(await closeOf(server, docName, { cookie: participant.cookie })).toEqual({ code: 4500, reason: "load_failed" });
    writeParagraph(writer.doc, "écrit pendant la panne");
    writer.provider.connect();
    await eventually(() => failedReads >= 3, "the client retries");
    expect((await facilitator.post(`/api/synthesis/documents/${main.id}/versions`, { name: "pendant la panne" })).status).toBe(503);
    expect((await facilitator.get(`/api/synthesis/documents/${main.id}/content`)).body.error.code).toBe("unavailable");
    expect(await log.storedBytes(docName)).toBe(bytesBefore);

    log.load = realLoad;
    const reader = open(participant, workshopId);
    await waitForDoc(reader.doc, (d) => textOf(d).includes("pendant la panne"), "the offline edit arrives once the read works");
    expect(textOf(reader.doc)).toContain("texte à garder");
  });
});

describe("offline editing", () => {
  it("merges edits made offline with edits made meanwhile by others, on reconnect", async () => {
    const server = await boot();
    const { workshopId, facilitator, participant } = await workshopWithMembers(server);
    const a = open(facilitator, workshopId);
    const b = open(participant, workshopId);
    await Promise.all([waitForSync(a.provider), waitForSync(b.provider)]);
    const shared = writeParagraph(a.doc, "Les constats :");
    await waitForDoc(b.doc, (d) => textOf(d).includes("constats"), "B has the first paragraph");

    a.provider.disconnect();
    (shared.get(0) as Y.XmlText).insert(0, "Hors ligne. ");
    writeParagraph(a.doc, "écrit hors ligne");
    writeParagraph(b.doc, "écrit en ligne pendant ce temps");
    await waitForDoc(b.doc, everyBlockHasId, "B's paragraph is stored");
    expect(textOf(b.doc)).not.toContain("hors ligne");

    a.provider.connect();
    const converged = () => textOf(a.doc) === textOf(b.doc) && everyBlockHasId(a.doc);
    await eventually(converged, "both converge");
    for (const expected of ["Hors ligne. Les constats :", "écrit hors ligne", "écrit en ligne pendant ce temps"]) expect(textOf(a.doc)).toContain(expected);
  });
});
