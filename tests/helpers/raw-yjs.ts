// A raw y-protocol client over `ws`, for bursts: it sends updates as fast as the socket takes
// them and counts the document updates it receives (its own echoes and others' updates).
// Used by integration tests and by bench/yjs-server.ts, against Navette or a bare server.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as Y from "yjs";

const messageSync = 0;
const syncUpdate = 2;

export interface RawYjsClient {
  ws: WebSocket;
  /** Document updates received so far (sync step 2 excluded), in arrival order, when kept. */
  received: Uint8Array[];
  /** How many were received. */
  readonly count: number;
  /** How the server closed the connection, once it did. */
  closed: { code: number; reason: string } | null;
  send(update: Uint8Array): void;
  /** Resolves once `count` updates were received; rejects if the connection closes first. */
  receivedAtLeast(count: number): Promise<void>;
  close(): Promise<void>;
}

export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  encoding.writeVarUint(encoder, syncUpdate);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Opens `url` (…/yjs/<docName> or a bare server's /<docName>); `keep: false` only counts what it receives. */
export function rawYjsClient(url: string, headers: Record<string, string> = {}, { keep = true } = {}): Promise<RawYjsClient> {
  const ws = new WebSocket(url, { headers });
  ws.binaryType = "nodebuffer";
  const waiters: { count: number; resolve(): void; reject(error: Error): void }[] = [];
  let count = 0;
  const client: RawYjsClient = {
    ws,
    received: [],
    get count() {
      return count;
    },
    closed: null,
    send: (update) => ws.send(updateMessage(update)),
    receivedAtLeast(n) {
      if (count >= n) return Promise.resolve();
      if (client.closed) return Promise.reject(new Error(`closed with ${client.closed.code} after ${count} of ${n} updates`));
      return new Promise((resolve, reject) => waiters.push({ count: n, resolve, reject }));
    },
    async close() {
      if (ws.readyState === ws.CLOSED) return;
      const done = new Promise((resolve) => ws.once("close", resolve));
      ws.close();
      await done;
    },
  };
  ws.on("message", (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (decoding.readVarUint(decoder) !== messageSync || decoding.readVarUint(decoder) !== syncUpdate) return;
    count++;
    if (keep) client.received.push(decoding.readVarUint8Array(decoder).slice());
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (count < waiters[i]!.count) continue;
      waiters[i]!.resolve();
      waiters.splice(i, 1);
    }
  });
  ws.on("close", (code, reason) => {
    client.closed = { code, reason: reason.toString() };
    for (const waiter of waiters.splice(0)) waiter.reject(new Error(`closed with ${code} after ${count} of ${waiter.count} updates`));
  });
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(client));
    ws.once("error", reject);
  });
}

/**
 * `count` keystrokes typed into one paragraph of a synthesis, one update each, mostly
 * characters and some backspaces, as a local editor would produce them; `doc` holds the result.
 */
export function typedUpdates(count: number, fragmentName: string, seed = 7): { updates: Uint8Array[]; doc: Y.Doc } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  const text = new Y.XmlText();
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.setAttribute("blockId", "typed-block");
  paragraph.insert(0, [text]);
  doc.getXmlFragment(fragmentName).insert(0, [paragraph]);
  let state = seed;
  const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  while (updates.length < count) {
    if (text.length > 0 && random() < 0.2) text.delete(text.length - 1, 1);
    else text.insert(text.length, "abcdefghij klmnopqrstuvwxyz"[Math.floor(random() * 27)]!);
  }
  return { updates, doc };
}
