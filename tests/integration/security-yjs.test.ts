// Hostile input on the synthesis endpoint: frames that break the WebSocket protocol,
// updates that do not decode, awareness that speaks for others, and access that changes
// while a connection is open.
import Database from "better-sqlite3";
import { join } from "node:path";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { synthesisDocName } from "../../shared/synthesis.js";
import { openSqliteStorage } from "../../server/storage/sqlite/adapter.js";
import { TestUser, waitForDoc, waitForSync, workshopWithMembers } from "../helpers/clients.js";
import { frame, rawUpgrade } from "../helpers/raw-websocket.js";
import { closeOf, eventually, mainDocument, serverStateOf, synthesisSession, textOf, waitForServerState, writeParagraph } from "../helpers/synthesis.js";

const { boot, open } = synthesisSession();

const hex = (value: string) => Uint8Array.from(Buffer.from(value.replace(/\s/g, ""), "hex"));

/** Resolves with the code of the server's close frame. */
const closedWith = (conn: Awaited<ReturnType<typeof rawUpgrade>>) => conn.closeCode();

describe("the synthesis endpoint under hostile frames", () => {
  it("keeps serving after an oversized frame header, a reserved opcode and an unmasked frame, signed in or not", async () => {
    const server = await boot();
    const { workshopId, participant, facilitator } = await workshopWithMembers(server);
    const path = `/yjs/${synthesisDocName(workshopId)}`;
    const hostile = [
      Buffer.from("82ff000000000110000000000000", "hex"), // announces 17 MiB
      Buffer.from("838000000000", "hex"), // reserved opcode 3
      frame(hex("0000"), { mask: false }), // clients must mask
      frame(hex("00"), { rsv: 4 }), // reserved bit without an extension
    ];
    for (const bytes of hostile) {
      for (const headers of [{}, { cookie: participant.cookie }] as Record<string, string>[]) {
        const conn = await rawUpgrade(server, path, headers);
        expect(conn.status).toContain("101");
        conn.socket.write(bytes);
        await conn.closed;
      }
    }
    // The same on a path that is not a document, refused before any data.
    const refused = await rawUpgrade(server, "/yjs/not-a-document");
    refused.socket.write(Buffer.from("82ff000000000110000000000000", "hex"));
    await refused.closed;

    expect((await facilitator.get("/api/health")).status).toBe(200);
    const { provider, doc } = open(facilitator, workshopId);
    await waitForSync(provider);
    writeParagraph(doc, "toujours là");
    await eventually(async () => (await server.app.storage.yjs.load(synthesisDocName(workshopId))).updates.length > 0, "an edit is stored");
  });

  it("refuses a malformed or foreign Origin with 4403, scheme included, instead of dropping the socket", async () => {
    const server = await boot();
    const { workshopId, participant } = await workshopWithMembers(server);
    const docName = synthesisDocName(workshopId);
    for (const origin of ["null", "garbage", "http://[::1", `https://127.0.0.1:${server.port}`, "http://evil.example"]) {
      expect(await closeOf(server, docName, { cookie: participant.cookie, origin }), origin).toEqual({ code: 4403, reason: "bad_origin" });
    }
    const { provider } = open(participant, workshopId);
    await waitForSync(provider);
  });

  it("closes a signed-in participant's frame over 16 MiB without stopping", async () => {
    const server = await boot();
    const { workshopId, participant } = await workshopWithMembers(server);
    const conn = await rawUpgrade(server, `/yjs/${synthesisDocName(workshopId)}`, { cookie: participant.cookie });
    conn.socket.write(frame(new Uint8Array(16), { declaredLength: 16 * 1024 * 1024 + 1 }));
    expect(await closedWith(conn)).toBe(1009);
    expect((await participant.get("/api/me")).status).toBe(200);
  });

  it("refuses protocol garbage for good (4400) and stores nothing of it", async () => {
    const server = await boot();
    const { workshopId, participant } = await workshopWithMembers(server);
    const docName = synthesisDocName(workshopId);
    for (const message of ["ff", "00", "0002", "0002ffffffff0f", "01ff", "09", "00000a01"]) {
      const conn = await rawUpgrade(server, `/yjs/${docName}`, { cookie: participant.cookie });
      conn.socket.write(frame(hex(message)));
      expect(await closedWith(conn), message).toBe(4400);
      conn.close();
    }
    expect((await server.app.storage.yjs.load(docName)).updates).toEqual([]);
  });
});

describe("an update that does not decode", () => {
  it("is refused before it is stored, so the document still loads for every role after a restart", async () => {
    const server = await boot();
    const { workshopId, facilitator, participant, observer } = await workshopWithMembers(server);
    const docName = synthesisDocName(workshopId);
    const writer = open(facilitator, workshopId);
    await waitForSync(writer.provider);
    writeParagraph(writer.doc, "Un texte à garder");
    await eventually(async () => (await server.app.storage.yjs.load(docName)).updates.length > 0, "the paragraph is stored");

    const conn = await rawUpgrade(server, `/yjs/${docName}`, { cookie: participant.cookie });
    conn.socket.write(frame(hex("00 02 03 01 01 01")));
    expect(await closedWith(conn)).toBe(4400);
    const stored = await server.app.storage.yjs.load(docName);
    expect(stored.updates.map((u) => Buffer.from(u.update).toString("hex"))).not.toContain("010101");

    // Restart on the same data, as after a SIGTERM.
    writer.provider.destroy();
    await server.close();
    const again = await boot({ dataDir: server.dataDir });
    for (const user of [facilitator, participant, observer]) user.server = again;
    const document = await mainDocument(facilitator, workshopId);
    const content = await facilitator.get(`/api/synthesis/documents/${document.id}/content`);
    expect(content.status).toBe(200);
    expect(JSON.stringify(content.body)).toContain("Un texte à garder");
    for (const user of [facilitator, participant, observer]) {
      const reader = open(user, workshopId);
      await waitForSync(reader.provider);
      expect(textOf(reader.doc)).toContain("Un texte à garder");
    }
    expect((await facilitator.post(`/api/synthesis/documents/${document.id}/status`, { status: "submitted", from: "draft" })).status).toBe(200);
  });

  it("left in the log by an older version is quarantined, and the document loads without it", async () => {
    const server = await boot();
    const { workshopId, facilitator } = await workshopWithMembers(server);
    const docName = synthesisDocName(workshopId);
    const writer = open(facilitator, workshopId);
    await waitForSync(writer.provider);
    writeParagraph(writer.doc, "Avant la panne");
    await eventually(async () => (await server.app.storage.yjs.load(docName)).updates.length > 0, "the paragraph is stored");
    writer.provider.destroy();
    await server.close();

    // What the unchecked append used to do.
    const storage = openSqliteStorage(join(server.dataDir, "navette.sqlite"));
    const badSeq = await storage.yjs.appendUpdate(docName, hex("010101"));
    await storage.close();

    const again = await boot({ dataDir: server.dataDir });
    facilitator.server = again;
    const reader = open(facilitator, workshopId);
    await waitForSync(reader.provider);
    expect(textOf(reader.doc)).toContain("Avant la panne");
    writeParagraph(reader.doc, "Après la panne");
    await eventually(async () => JSON.stringify((await again.app.storage.yjs.load(docName)).updates).length > 0, "new edits are stored");

    const db = new Database(join(server.dataDir, "navette.sqlite"), { readonly: true });
    const quarantined = db.prepare("SELECT seq, hex(data) AS data, reason FROM yjs_quarantine WHERE doc_name = ?").all(docName);
    db.close();
    expect(quarantined).toEqual([{ seq: badSeq, data: "010101", reason: "does not decode" }]);
  });
});

describe("awareness", () => {
  /** An awareness message for the given client ids, each with `state`. */
  function awarenessFrame(entries: { clientId: number; clock: number; state: unknown }[]): Buffer {
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, entries.length);
    for (const e of entries) {
      encoding.writeVarUint(update, e.clientId);
      encoding.writeVarUint(update, e.clock);
      encoding.writeVarString(update, JSON.stringify(e.state));
    }
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, 1);
    encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
    return frame(encoding.toUint8Array(message));
  }

  it("stamps a state whose user is a string with the account, and never overwrites another connection's entry", async () => {
    const server = await boot();
    const { workshopId, facilitator, observer } = await workshopWithMembers(server);
    const victim = open(facilitator, workshopId);
    await waitForSync(victim.provider);
    victim.provider.awareness.setLocalStateField("user", { name: "Fatou", color: "#123456" });
    const victimId = victim.doc.clientID;
    const watcher = open(facilitator, workshopId);
    await waitForSync(watcher.provider);
    await waitFor(() => watcher.provider.awareness.getStates().get(victimId)?.user?.color === "#123456");

    const conn = await rawUpgrade(server, `/yjs/${synthesisDocName(workshopId)}`, { cookie: observer.cookie });
    conn.socket.write(
      awarenessFrame([
        { clientId: victimId, clock: 999, state: { user: { name: "Fatou", color: "#ff0000" } } },
        { clientId: 424242, clock: 1, state: { user: "Fatou Facilitatrice" } },
      ]),
    );
    await waitFor(() => watcher.provider.awareness.getStates().has(424242));
    expect(watcher.provider.awareness.getStates().get(424242)?.user).toEqual({ userId: observer.id, name: "observer person" });
    expect(watcher.provider.awareness.getStates().get(victimId)?.user?.color).toBe("#123456");
    conn.close();

    function waitFor(predicate: () => boolean) {
      return eventually(predicate, "awareness arrives");
    }
  });

  it("holds at most four client ids per connection and drops a flood, and forgets them all when it closes", async () => {
    const server = await boot();
    const { workshopId, facilitator, observer } = await workshopWithMembers(server);
    const watcher = open(facilitator, workshopId);
    await waitForSync(watcher.provider);
    const conn = await rawUpgrade(server, `/yjs/${synthesisDocName(workshopId)}`, { cookie: observer.cookie });
    for (let round = 0; round < 200; round++) {
      conn.socket.write(awarenessFrame(Array.from({ length: 50 }, (_, i) => ({ clientId: 10_000 + round * 50 + i, clock: 1, state: { cursor: round } }))));
    }
    await eventually(() => server.app.yjs.stats().droppedAwareness > 0, "the flood is limited");
    const fakeIds = () => [...watcher.provider.awareness.getStates().keys()].filter((id) => id >= 10_000 && id < 20_000);
    await eventually(() => fakeIds().length === 4, "four ids are held");
    conn.close();
    await eventually(() => fakeIds().length === 0, "its ids leave with it");
  });
});

describe("access that changes while a connection is open", () => {
  it("closes the synthesis connections of a session at logout, and only those", async () => {
    const server = await boot();
    const { workshopId, participant } = await workshopWithMembers(server);
    const otherDevice = await new TestUser(server, participant.email).login();
    const here = open(participant, workshopId);
    const there = open(otherDevice, workshopId);
    await Promise.all([waitForSync(here.provider), waitForSync(there.provider)]);
    const closes: number[] = [];
    here.provider.on("connection-close", (event) => event && closes.push(event.code));

    expect((await participant.post("/api/auth/logout")).status).toBe(200);
    await eventually(() => closes.includes(4401), "the logged-out session's connection is closed");
    expect(here.provider.shouldConnect).toBe(false); // 44xx is final: the client stops retrying
    writeParagraph(there.doc, "l'autre appareil écrit encore");
    await eventually(async () => JSON.stringify((await server.app.storage.yjs.load(synthesisDocName(workshopId))).updates).length > 2, "the other device still writes");
  });

  it("closes the connections opened with a token when it is revoked", async () => {
    const server = await boot();
    const { workshopId, participant } = await workshopWithMembers(server);
    const created = await participant.post("/api/me/tokens", { name: "script" });
    const token: string = created.body.token.token;
    const closed = new Promise<number>((resolve) => {
      const ws = new WebSocket(`${server.wsUrl}/yjs/${synthesisDocName(workshopId)}`, { headers: { authorization: `Bearer ${token}` } });
      ws.on("close", (code: number) => resolve(code));
      ws.on("message", () => undefined);
    });
    await eventually(() => server.app.yjs.stats().connections === 1, "the token's connection is open");
    expect((await participant.delete(`/api/me/tokens/${created.body.token.id}`)).status).toBe(200);
    expect(await closed).toBe(4401);
    expect(await closeOf(server, synthesisDocName(workshopId), { authorization: `Bearer ${token}` })).toEqual({ code: 4401, reason: "unauthenticated" });
  });

  it("lets a read-only token read the document, and drops its edits whatever the role", async () => {
    const server = await boot();
    const { workshopId, facilitator } = await workshopWithMembers(server);
    const token: string = (await facilitator.post("/api/me/tokens", { name: "lecture", scope: "read" })).body.token.token;
    const script = new TestUser(server, "script@test.navette");
    script.cookie = "";
    const writer = open(facilitator, workshopId);
    await waitForSync(writer.provider);
    writeParagraph(writer.doc, "écrit par l'animatrice");
    const doc = new Y.Doc();
    class TokenWebSocket extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, { headers: { authorization: `Bearer ${token}` } });
      }
    }
    const { WebsocketProvider } = await import("y-websocket");
    const reader = new WebsocketProvider(`${server.wsUrl}/yjs`, synthesisDocName(workshopId), doc, { WebSocketPolyfill: TokenWebSocket as unknown as typeof globalThis.WebSocket, disableBc: true });
    try {
      await waitForDoc(doc, (d) => textOf(d).includes("animatrice"), "the token reads");
      writeParagraph(doc, "écrit par le script");
      await eventually(async () => (await server.app.yjs.droppedUpdates(synthesisDocName(workshopId))) > 0, "its update is dropped");
      expect(textOf(writer.doc)).not.toContain("script");
    } finally {
      reader.destroy();
    }
  });

  it("drops a demoted participant's edits on the connection she had open, and takes them again once she is promoted back", async () => {
    const server = await boot();
    const { workshopId, facilitator, participant } = await workshopWithMembers(server);
    const docName = synthesisDocName(workshopId);
    const hers = open(participant, workshopId);
    await waitForSync(hers.provider);
    writeParagraph(hers.doc, "écrit avant");
    await eventually(async () => JSON.stringify((await server.app.storage.yjs.load(docName)).updates).length > 2, "her first edit is stored");

    expect((await facilitator.patch(`/api/workshops/${workshopId}/members/${participant.id}`, { role: "observer" })).status).toBe(200);
    await waitForServerState(hers.provider, (state) => state.people.some((p) => p.userId === participant.id && p.readOnly), "she is read-only now");
    writeParagraph(hers.doc, "écrit après la rétrogradation");
    await eventually(async () => (await server.app.yjs.droppedUpdates(docName)) > 0, "her update is dropped");
    const fresh = open(facilitator, workshopId);
    await waitForSync(fresh.provider);
    expect(textOf(fresh.doc)).toContain("écrit avant");
    expect(textOf(fresh.doc)).not.toContain("rétrogradation");
    expect(serverStateOf(fresh.provider)?.people.find((p) => p.userId === participant.id)?.readOnly).toBe(true);

    // Promoted back, the same connection writes again.
    expect((await facilitator.patch(`/api/workshops/${workshopId}/members/${participant.id}`, { role: "participant" })).status).toBe(200);
    await waitForServerState(hers.provider, (state) => state.people.some((p) => p.userId === participant.id && !p.readOnly), "she writes again");
    writeParagraph(hers.doc, "de retour");
    await waitForDoc(fresh.doc, (d) => textOf(d).includes("de retour"), "her new edit arrives");
  });
});

describe("content that never came from the editor", () => {
  it("never leaves through /content, and a version holding it restores without an error", async () => {
    const server = await boot();
    const { workshopId, facilitator } = await workshopWithMembers(server);
    const { provider, doc } = open(facilitator, workshopId);
    await waitForSync(provider);
    // Written over the raw protocol: elements and attributes no editor makes.
    const fragment = doc.getXmlFragment("default");
    const script = new Y.XmlElement("script");
    script.insert(0, [new Y.XmlText("alert(1)")]);
    const image = new Y.XmlElement("image");
    image.setAttribute("src", "x");
    image.setAttribute("onerror", "alert(2)");
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.setAttribute("onclick", "alert(3)");
    const link = new Y.XmlText();
    link.insert(0, "un lien", { link: { href: "javascript:alert(4)" } });
    paragraph.insert(0, [link]);
    fragment.insert(0, [script, image, paragraph]);
    const document = await mainDocument(facilitator, workshopId);
    await eventually(async () => JSON.stringify((await facilitator.get(`/api/synthesis/documents/${document.id}/content`)).body).includes("un lien"), "the text is stored");

    const content = JSON.stringify((await facilitator.get(`/api/synthesis/documents/${document.id}/content`)).body);
    for (const hostile of ["script", "onerror", "onclick", "javascript:", "\"image\""]) expect(content).not.toContain(hostile);
    expect(content).toContain("alert(1)"); // the text survives, as text

    const version = await facilitator.post(`/api/synthesis/documents/${document.id}/versions`, { name: "avec des éléments étrangers" });
    expect(version.status).toBe(201);
    const restored = await facilitator.post(`/api/synthesis/documents/${document.id}/versions/${version.body.version.id}/restore`);
    expect(restored.status).toBe(200);
    const after = JSON.stringify((await facilitator.get(`/api/synthesis/documents/${document.id}/content`)).body);
    expect(after).not.toContain("javascript:");
    expect(after).toContain("un lien");
  });
});
