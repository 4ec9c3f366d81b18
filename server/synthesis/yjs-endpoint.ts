// The y-websocket protocol at /yjs/<docName>. The connection is authorized before
// any message is read; read-only roles get sync and awareness, but their updates
// are dropped and counted, as are everyone's while the document is agreed. Close
// codes follow y-websocket's convention: 44xx is final (the client stops retrying),
// 45xx is "try again later".
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { Logger } from "pino";
import { WebSocketServer, type WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import { can } from "../../shared/permissions.js";
import { parseDocName, serverAwarenessKey } from "../../shared/synthesis.js";
import { readCredentials, type AuthService } from "../auth/index.js";
import { AppError } from "../errors.js";
import type { DocumentConnection, DocumentStore, SharedDocument } from "./documents.js";
import type { Registry } from "./registry.js";

const messageSync = 0;
const messageAwareness = 1;
const messageQueryAwareness = 3;

export const closeCodes = {
  unauthenticated: 4401,
  forbidden: 4403,
  notFound: 4404,
  loadFailed: 4500,
  storeFailed: 4501,
} as const;

interface Connection extends DocumentConnection {
  ws: WebSocket;
  /** Awareness client ids this connection controls, removed when it closes. */
  awarenessIds: Set<number>;
}

function send(ws: WebSocket, message: Uint8Array): void {
  if (ws.readyState === ws.OPEN) ws.send(message, (err) => err && ws.terminate());
}

function awarenessMessage(shared: SharedDocument, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageAwareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(shared.awareness, clients));
  return encoding.toUint8Array(encoder);
}

/**
 * Rewrites a client's awareness update so it speaks only for its own account: its
 * `user.userId` and `user.name` are the signed-in account's, it cannot claim the server's
 * key or client id. The reading language and caret stay the client's own.
 */
export function stampAwareness(update: Uint8Array, conn: Pick<DocumentConnection, "userId" | "name">, serverClientId: number): Uint8Array {
  const decoder = decoding.createDecoder(update);
  const entries: { clientId: number; clock: number; state: string }[] = [];
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    if (clientId === serverClientId) continue;
    let state: unknown = null;
    try {
      state = JSON.parse(json);
    } catch {
      continue;
    }
    if (state && typeof state === "object") {
      const record = state as Record<string, unknown>;
      delete record[serverAwarenessKey];
      if (record.user && typeof record.user === "object") Object.assign(record.user, { userId: conn.userId, name: conn.name });
    }
    entries.push({ clientId, clock, state: JSON.stringify(state) });
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}

export function createYjsEndpoint(options: { documents: DocumentStore; registry: Registry; auth: AuthService; logger: Logger }) {
  const { documents, registry, auth, logger } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  const connectionsOf = (shared: SharedDocument) => shared.connections as Set<Connection>;

  function broadcast(shared: SharedDocument, message: Uint8Array): void {
    for (const conn of connectionsOf(shared)) if (conn.ws) send(conn.ws, message);
  }

  documents.use({
    loaded({ shared }) {
      shared.awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        const conn = origin as Connection | undefined;
        if (conn?.awarenessIds) {
          for (const id of added) conn.awarenessIds.add(id);
          for (const id of removed) conn.awarenessIds.delete(id);
        }
        broadcast(shared, awarenessMessage(shared, [...added, ...updated, ...removed]));
      });
    },
    // Every stored update goes to every connection, its sender included: receiving it back
    // is the client's proof that the server has stored it.
    stored(shared, update) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, messageSync);
      syncProtocol.writeUpdate(encoder, update);
      broadcast(shared, encoding.toUint8Array(encoder));
    },
    // A sync step 1 from the server makes each client answer with what the server lacks.
    reopened(shared) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, messageSync);
      syncProtocol.writeSyncStep1(encoder, shared.doc);
      broadcast(shared, encoding.toUint8Array(encoder));
    },
    evicted(shared) {
      for (const conn of connectionsOf(shared)) if (conn.ws) conn.ws.close(closeCodes.storeFailed, "store_failed");
    },
  });

  async function handleMessage(shared: SharedDocument, conn: Connection, data: Uint8Array): Promise<void> {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === messageSync) {
      const syncType = decoding.readVarUint(decoder);
      if (syncType === syncProtocol.messageYjsSyncStep1) {
        // Answered in queue order, so the answer holds only stored updates.
        await shared.enqueue(() => {
          const encoder = encoding.createEncoder();
          encoding.writeVarUint(encoder, messageSync);
          syncProtocol.readSyncStep1(decoder, encoder, shared.doc);
          send(conn.ws, encoding.toUint8Array(encoder));
        });
      } else if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
        const update = decoding.readVarUint8Array(decoder);
        if (!conn.canWrite) {
          shared.droppedUpdates++;
          return;
        }
        if (update.length <= 2) return; // an empty update: nothing to store
        await documents.applyUpdate(shared, update, conn);
      }
    } else if (type === messageAwareness) {
      const update = stampAwareness(decoding.readVarUint8Array(decoder), conn, shared.awareness.clientID);
      awarenessProtocol.applyAwarenessUpdate(shared.awareness, update, conn);
    } else if (type === messageQueryAwareness) {
      send(conn.ws, awarenessMessage(shared, [...shared.awareness.getStates().keys()]));
    }
  }

  function serve(ws: WebSocket, docName: string, conn: Connection): void {
    // Messages that arrive while the document loads wait in order.
    const ready = documents.open(docName).then((shared) => {
      documents.attach(shared, conn);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, messageSync);
      syncProtocol.writeSyncStep1(encoder, shared.doc);
      send(ws, encoding.toUint8Array(encoder));
      const states = [...shared.awareness.getStates().keys()];
      if (states.length > 0) send(ws, awarenessMessage(shared, states));
      return shared;
    });
    ready.catch((err) => {
      logger.error({ err, doc: docName }, "could not load document");
      ws.close(closeCodes.loadFailed, "load_failed");
    });

    let chain: Promise<unknown> = ready;
    ws.on("message", (data: Buffer) => {
      const message = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      chain = chain
        .then((shared) => handleMessage(shared as SharedDocument, conn, message).then(() => shared))
        .catch((err) => {
          if (ws.readyState !== ws.OPEN) return;
          logger.error({ err, doc: docName }, "could not store an update; closing so the client resends it");
          ws.close(closeCodes.storeFailed, "store_failed");
        });
    });

    // Dead peers are found by ping; a missed pong closes the connection.
    let alive = true;
    ws.on("pong", () => (alive = true));
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, 30_000);

    ws.on("close", () => {
      clearInterval(ping);
      ready
        .then((shared) => {
          awarenessProtocol.removeAwarenessStates(shared.awareness, [...conn.awarenessIds], null);
          documents.detach(shared, conn);
        })
        .catch(() => undefined);
    });
  }

  /** Authorizes an upgrade request, then hands the socket to the protocol. */
  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    let docName = "";
    try {
      docName = decodeURIComponent(url.pathname.slice("/yjs/".length));
    } catch {
      docName = "";
    }
    const refuse = (code: number, reason: string) =>
      wss.handleUpgrade(req, socket, head, (ws) => ws.close(code, reason));

    // Cross-site pages must not open a document with the visitor's cookie.
    const origin = req.headers.origin;
    if (origin && new URL(origin).host !== req.headers.host) return refuse(closeCodes.forbidden, "bad_origin");

    if (!parseDocName(docName)) return refuse(closeCodes.notFound, "not_found");
    const actor = await auth.actorFrom(readCredentials(req.headers, url.searchParams.get("token")));
    if (!actor) return refuse(closeCodes.unauthenticated, "unauthenticated");
    let canWrite = false;
    try {
      const access = await registry.accessByName(actor.user.id, docName, "synthesis.read");
      canWrite = can(access.role, "synthesis.edit");
    } catch (error) {
      if (error instanceof AppError) return refuse(error.code === "forbidden" ? closeCodes.forbidden : closeCodes.notFound, error.code);
      throw error;
    }
    const { user } = actor;
    wss.handleUpgrade(req, socket, head, (ws) =>
      serve(ws, docName, { ws, canWrite, userId: user.id, name: user.displayName, language: user.language, awarenessIds: new Set() }),
    );
  }

  return {
    handleUpgrade,
    documents,
    /** For tests and metrics: how many updates a loaded document refused (read-only roles, agreed status). */
    droppedUpdates: async (docName: string) => (documents.isLoaded(docName) ? (await documents.open(docName)).droppedUpdates : 0),
    async close(): Promise<void> {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await documents.closeAll();
    },
  };
}

export type YjsEndpoint = ReturnType<typeof createYjsEndpoint>;
