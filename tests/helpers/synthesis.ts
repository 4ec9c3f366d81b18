// Helpers for synthesis tests: servers and official y-websocket clients that are cleaned up
// after each test, editing the document the way the editor does, and reading it back.
import { afterEach } from "vitest";
import WebSocket from "ws";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { readServerAwareness, synthesisDocName, synthesisFragment, type ServerAwareness } from "../../shared/synthesis.js";
import { waitFor, type ServerAddress, type TestUser } from "./clients.js";
import { startServer, type TestServer } from "./server.js";

/** Servers and clients of one test file, closed after each test. */
export function synthesisSession() {
  const providers: WebsocketProvider[] = [];
  const servers: TestServer[] = [];
  afterEach(async () => {
    for (const p of providers.splice(0)) p.destroy();
    for (const s of servers.splice(0)) await s.close({ wipe: true });
  });
  return {
    servers,
    async boot(options: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
      const server = await startServer(options);
      servers.push(server);
      return server;
    },
    /** Opens a document (a workshop's main synthesis when given a workshop id) with a fresh Y.Doc. */
    open(user: TestUser, docNameOrWorkshopId: string, doc = new Y.Doc()): { provider: WebsocketProvider; doc: Y.Doc } {
      const docName = docNameOrWorkshopId.includes("/") ? docNameOrWorkshopId : synthesisDocName(docNameOrWorkshopId);
      const provider = user.openDocument(docName, doc);
      providers.push(provider);
      return { provider, doc };
    },
  };
}

export const fragmentOf = (doc: Y.Doc) => doc.getXmlFragment(synthesisFragment);

/** Appends a paragraph the way the editor would: an XmlElement in the Tiptap fragment. */
export function writeParagraph(doc: Y.Doc, text: string, attrs: Record<string, string> = {}): Y.XmlElement {
  const paragraph = new Y.XmlElement("paragraph");
  for (const [key, value] of Object.entries(attrs)) paragraph.setAttribute(key, value);
  paragraph.insert(0, [new Y.XmlText(text)]);
  const fragment = fragmentOf(doc);
  fragment.insert(fragment.length, [paragraph]);
  return paragraph;
}

/** The document as XML, attributes included: equal in two docs once they converged. */
export const textOf = (doc: Y.Doc) => fragmentOf(doc).toString();

/** Paragraphs and headings with their text and block id, in order. */
export function blocksOf(doc: Y.Doc): { type: string; blockId: string | undefined; text: string }[] {
  const out: { type: string; blockId: string | undefined; text: string }[] = [];
  const walk = (parent: Y.XmlFragment) => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName === "paragraph" || child.nodeName === "heading") {
        const text = child
          .toArray()
          .map((c) => (c instanceof Y.XmlText ? c.toString().replace(/<[^>]+>/g, "") : ""))
          .join("");
        out.push({ type: child.nodeName, blockId: child.getAttribute("blockId") as string | undefined, text });
      } else walk(child);
    }
  };
  walk(fragmentOf(doc));
  return out;
}

export const everyBlockHasId = (doc: Y.Doc) => blocksOf(doc).every((b) => typeof b.blockId === "string" && b.blockId.length > 0);

/** Polls until `check` holds; for server-side facts no client event announces. */
export async function eventually(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`never happened: ${what}`);
}

export const serverStateOf = (provider: WebsocketProvider): ServerAwareness | null =>
  readServerAwareness(provider.awareness.getStates() as Map<number, Record<string, unknown>>);

/** Waits until the server's awareness state, as this client sees it, satisfies `predicate`. */
export function waitForServerState(provider: WebsocketProvider, predicate: (state: ServerAwareness) => boolean, what = "server state"): Promise<void> {
  return waitFor(
    () => {
      const state = serverStateOf(provider);
      return state !== null && predicate(state);
    },
    (check) => {
      provider.awareness.on("change", check);
      return () => provider.awareness.off("change", check);
    },
    what,
  );
}

/** How a raw WebSocket connection to a document ends. */
export function closeOf(server: ServerAddress, docName: string, headers: Record<string, string> = {}): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.wsUrl}/yjs/${docName}`, { headers });
    ws.on("message", () => reject(new Error("a refused connection must not receive document data")));
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() }));
    ws.on("error", reject);
  });
}

/** The main synthesis' registry entry, as the API lists it. */
export async function mainDocument(user: TestUser, workshopId: string): Promise<{ id: string; docName: string; status: string }> {
  const listed = await user.get(`/api/workshops/${workshopId}/synthesis/documents`);
  if (listed.status !== 200) throw new Error(`listing documents failed: ${JSON.stringify(listed.body)}`);
  return listed.body.documents.find((d: { kind: string }) => d.kind === "main");
}
