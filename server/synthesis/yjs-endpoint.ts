// The y-websocket protocol at /yjs/<docName>. The connection is authorized before
// any message is read; read-only roles get sync and awareness, but their updates
// are dropped and counted. Close codes follow y-websocket's convention: 44xx is
// final (the client stops retrying), 45xx is "try again later".
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { Logger } from "pino";
import { WebSocketServer, type WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import { can } from "../../shared/permissions.js";
import { parseDocName } from "../../shared/synthesis.js";
import { authorizeInWorkshop, readCredentials, type AuthService } from "../auth/index.js";
import { AppError } from "../errors.js";
import type { Storage } from "../storage/port.js";
import { DocumentStore, type SharedDocument } from "./documents.js";

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

interface Connection {
  ws: WebSocket;
  canWrite: boolean;
  userId: string;
  /** Awareness client ids this connection controls, removed when it closes. */
  awarenessIds: Set<number>;
}

function send(ws: WebSocket, message: Uint8Array): void {
  if (ws.readyState === ws.OPEN) ws.send(message, (err) => err && ws.terminate());
}

export function createYjsEndpoint(options: { storage: Storage; auth: AuthService; logger: Logger; idleMs: number; compactAfter?: number }) {
  const { storage, auth, logger } = options;
  const documents = new DocumentStore(storage, logger, { idleMs: options.idleMs, compactAfter: options.compactAfter ?? 500 });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  const wired = new WeakSet<SharedDocument>();

  function broadcast(shared: SharedDocument, message: Uint8Array): void {
    for (const conn of shared.connections as Set<Connection>) send(conn.ws, message);
  }

  /** Subscribes once per loaded document: stored updates and awareness go to every connection. */
  function wire(shared: SharedDocument): void {
    if (wired.has(shared)) return;
    wired.add(shared);
    // Every stored update goes to every connection, its sender included: receiving it back
    // is the client's proof that the server has stored it.
    shared.doc.on("update", (update: Uint8Array) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, messageSync);
      syncProtocol.writeUpdate(encoder, update);
      broadcast(shared, encoding.toUint8Array(encoder));
    });
    shared.awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      const conn = origin as Connection | undefined;
      if (conn?.awarenessIds) {
        for (const id of added) conn.awarenessIds.add(id);
        for (const id of removed) conn.awarenessIds.delete(id);
      }
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, messageAwareness);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(shared.awareness, changed));
      broadcast(shared, encoding.toUint8Array(encoder));
    });
  }

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
      awarenessProtocol.applyAwarenessUpdate(shared.awareness, decoding.readVarUint8Array(decoder), conn);
    } else if (type === messageQueryAwareness) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, messageAwareness);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(shared.awareness, [...shared.awareness.getStates().keys()]));
      send(conn.ws, encoding.toUint8Array(encoder));
    }
  }

  function serve(ws: WebSocket, docName: string, canWrite: boolean, userId: string): void {
    const conn: Connection = { ws, canWrite, userId, awarenessIds: new Set() };
    // Messages that arrive while the document loads wait in order.
    const ready = documents.open(docName).then((shared) => {
      wire(shared);
      documents.attach(shared, conn);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, messageSync);
      syncProtocol.writeSyncStep1(encoder, shared.doc);
      send(ws, encoding.toUint8Array(encoder));
      const states = [...shared.awareness.getStates().keys()];
      if (states.length > 0) {
        const awarenessEncoder = encoding.createEncoder();
        encoding.writeVarUint(awarenessEncoder, messageAwareness);
        encoding.writeVarUint8Array(awarenessEncoder, awarenessProtocol.encodeAwarenessUpdate(shared.awareness, states));
        send(ws, encoding.toUint8Array(awarenessEncoder));
      }
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
          documents.detach(shared, conn);
          awarenessProtocol.removeAwarenessStates(shared.awareness, [...conn.awarenessIds], null);
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

    const ref = parseDocName(docName);
    if (!ref) return refuse(closeCodes.notFound, "not_found");
    const actor = await auth.actorFrom(readCredentials(req.headers, url.searchParams.get("token")));
    if (!actor) return refuse(closeCodes.unauthenticated, "unauthenticated");
    let canWrite = false;
    try {
      const membership = await authorizeInWorkshop(storage, actor.user.id, ref.workshopId, "synthesis.read");
      canWrite = can(membership.role, "synthesis.edit");
    } catch (error) {
      if (error instanceof AppError) return refuse(error.code === "forbidden" ? closeCodes.forbidden : closeCodes.notFound, error.code);
      throw error;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, docName, canWrite, actor.user.id));
  }

  return {
    handleUpgrade,
    documents,
    /** For tests and metrics: how many read-only updates a loaded document refused. */
    droppedUpdates: async (docName: string) => (documents.isLoaded(docName) ? (await documents.open(docName)).droppedUpdates : 0),
    async close(): Promise<void> {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await documents.closeAll();
    },
  };
}

export type YjsEndpoint = ReturnType<typeof createYjsEndpoint>;
