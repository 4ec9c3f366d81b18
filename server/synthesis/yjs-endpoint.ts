// The y-websocket protocol at /yjs/<docName>. The connection is authorized before
// any message is read; read-only roles get sync and awareness, but their updates
// are dropped and counted, as are everyone's while the document is agreed; a connection whose
// edits were dropped is told why (a y-protocols "permission denied" message). Close
// codes follow y-websocket's convention: 44xx is final (the client stops retrying),
// 45xx is "try again later". A socket that sends protocol garbage is refused for good
// (4400); no frame, however malformed, may stop the process.
//
// Under load: an update goes to the other clients as soon as it is applied, and back to its
// sender (its proof of storage) once its batch is durable. A connection's messages are handled
// in slices that yield to the event loop, and a client that sends faster than the server stores
// is slowed by no longer reading its socket, never disconnected.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { Logger } from "pino";
import { WebSocketServer, type WebSocket } from "ws";
import * as authProtocol from "y-protocols/auth";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { can } from "../../shared/permissions.js";
import { parseDocName, refusalReasons, serverAwarenessKey, type RefusalReason } from "../../shared/synthesis.js";
import { readCredentials, type AuthService, type Revocation } from "../auth/index.js";
import { AppError } from "../errors.js";
import { isSameOriginRequest, type OriginPolicy } from "../http/origin.js";
import { RateLimiter } from "../http/rate-limit.js";
import { MalformedUpdateError, type DocumentConnection, type DocumentStore, type SharedDocument } from "./documents.js";
import type { Registry } from "./registry.js";

const messageSync = 0;
const messageAwareness = 1;
const messageAuth = 2;
const messageQueryAwareness = 3;


export const closeCodes = {
  badMessage: 4400,
  unauthenticated: 4401,
  forbidden: 4403,
  notFound: 4404,
  loadFailed: 4500,
  storeFailed: 4501,
} as const;

interface Connection extends DocumentConnection {
  ws: WebSocket;
  docName: string;
  /** The session or token it was opened with: a logout or a revocation closes it. */
  credentialId: string;
  /** Opened with a read-only token: never writes, whatever the role. */
  readOnlyCredential: boolean;
  /** Awareness client ids this connection controls, removed when it closes. */
  awarenessIds: Set<number>;
  /** It was told its edits were dropped; told again once they could be taken meanwhile. */
  toldRefusal: boolean;
}

/** A browser tab holds one awareness client id; a few more cover reconnects before the old one times out. */
export const maxAwarenessIdsPerConnection = 4;

/** A message that is not the y-websocket protocol: the connection is refused for good. */
class BadMessage extends Error {}

/**
 * Flow control of one connection: its socket is no longer read while this many messages wait
 * to be handled or this many of its updates wait to be stored, and is read again below half.
 */
export const flowLimits = { waitingMessages: 1_000, unstoredUpdates: 20_000 };
/** How long a connection's messages are handled before other work gets the event loop. */
const sliceMs = 8;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

function send(ws: WebSocket, message: Uint8Array): void {
  if (ws.readyState === ws.OPEN) ws.send(message, (err) => err && ws.terminate());
}

/** Why a connection's edits were not taken: a y-protocols "permission denied" auth message, which any y-websocket client reads. */
function refusalMessage(reason: RefusalReason): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageAuth);
  authProtocol.writePermissionDenied(encoder, reason);
  return encoding.toUint8Array(encoder);
}

/** The document's state as a snapshot, kept while the document does not change (an agreed one does not). */
const snapshots = new WeakMap<SharedDocument, Y.Snapshot>();
function snapshotOf(shared: SharedDocument): Y.Snapshot {
  let snapshot = snapshots.get(shared);
  if (!snapshot) {
    snapshot = Y.snapshot(shared.doc);
    snapshots.set(shared, snapshot);
    shared.doc.once("update", () => snapshots.delete(shared));
  }
  return snapshot;
}

/**
 * Tells a connection its update was dropped, unless it held nothing the document lacks: a
 * client answering the server's sync request sends its deletions again, which changes nothing.
 */
function tellRefusal(shared: SharedDocument, conn: Connection, update: Uint8Array, reason: RefusalReason): void {
  if (conn.toldRefusal || Y.snapshotContainsUpdate(snapshotOf(shared), update)) return;
  conn.toldRefusal = true;
  send(conn.ws, refusalMessage(reason));
}

function awarenessMessage(shared: SharedDocument, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageAwareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(shared.awareness, clients));
  return encoding.toUint8Array(encoder);
}

/**
 * Rewrites a client's awareness update so it speaks only for its own account: every state
 * carries the signed-in account's `user.userId` and `user.name` (whatever `user` was), and
 * cannot claim the server's key or client id. `mayControl` says which client ids this
 * connection may set (not another connection's, and only a few). The reading language and
 * caret stay the client's own.
 */
export function stampAwareness(
  update: Uint8Array,
  conn: Pick<DocumentConnection, "userId" | "name">,
  serverClientId: number,
  mayControl: (clientId: number) => boolean = () => true,
): Uint8Array {
  const decoder = decoding.createDecoder(update);
  const entries: { clientId: number; clock: number; state: string }[] = [];
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    if (clientId === serverClientId || !mayControl(clientId)) continue;
    let state: unknown = null;
    try {
      state = JSON.parse(json);
    } catch {
      continue;
    }
    if (state !== null && (typeof state !== "object" || Array.isArray(state))) continue;
    if (state) {
      const record = state as Record<string, unknown>;
      delete record[serverAwarenessKey];
      const user = record.user && typeof record.user === "object" && !Array.isArray(record.user) ? record.user : {};
      record.user = { ...user, userId: conn.userId, name: conn.name };
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

/** A client message, decoded whole before anything acts on it. */
type ClientMessage =
  | { kind: "syncStep1"; stateVector: Uint8Array }
  | { kind: "update"; update: Uint8Array }
  | { kind: "awareness"; update: Uint8Array }
  | { kind: "queryAwareness" };

/** Decodes a y-websocket message; throws BadMessage on anything else. */
export function decodeClientMessage(data: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === messageSync) {
      const syncType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (syncType === syncProtocol.messageYjsSyncStep1) {
        Y.decodeStateVector(payload);
        return { kind: "syncStep1", stateVector: payload };
      }
      if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) return { kind: "update", update: payload };
    } else if (type === messageAwareness) {
      return { kind: "awareness", update: decoding.readVarUint8Array(decoder) };
    } else if (type === messageQueryAwareness) {
      return { kind: "queryAwareness" };
    }
  } catch {
    // fall through: a truncated varint, a declared length past the end
  }
  throw new BadMessage("not a y-websocket message");
}

/** A connection's messages waiting to be handled, its updates waiting to be stored, and whether its socket is read. */
class ConnectionFlow {
  private inbox: (Uint8Array | undefined)[] = [];
  private head = 0;
  private paused = false;
  /** Its updates accepted and not yet durable. */
  unstored = 0;

  constructor(
    private ws: WebSocket,
    private onPause: () => void,
  ) {}

  get waiting(): number {
    return this.inbox.length - this.head;
  }

  receive(message: Uint8Array): void {
    this.inbox.push(message);
    this.regulate();
  }

  next(): Uint8Array | undefined {
    if (this.head === this.inbox.length) return undefined;
    const message = this.inbox[this.head];
    this.inbox[this.head++] = undefined;
    if (this.head >= 1024) {
      this.inbox.splice(0, this.head);
      this.head = 0;
    }
    return message;
  }

  /** Stops reading the socket while the connection is behind, and reads again once it caught up by half. */
  regulate(): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    const { waitingMessages, unstoredUpdates } = flowLimits;
    if (!this.paused && (this.waiting > waitingMessages || this.unstored > unstoredUpdates)) {
      this.paused = true;
      this.ws.pause();
      this.onPause();
    } else if (this.paused && this.waiting <= waitingMessages / 2 && this.unstored <= unstoredUpdates / 2) {
      this.paused = false;
      this.ws.resume();
    }
  }

  /** Whether a pong may be held up behind data, in either direction. */
  busy(): boolean {
    return this.paused || this.waiting > 0 || this.unstored > 0 || this.ws.bufferedAmount > 0;
  }
}

export interface YjsEndpointOptions {
  documents: DocumentStore;
  registry: Registry;
  auth: AuthService;
  logger: Logger;
  origins: OriginPolicy;
  /** Awareness updates a connection may send per second (cursor moves), and at once. */
  awarenessPerSecond?: number;
  awarenessBurst?: number;
}

export function createYjsEndpoint(options: YjsEndpointOptions) {
  const { documents, registry, auth, logger, origins } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  const connectionsOf = (shared: SharedDocument) => shared.connections as Set<Connection>;
  /** Every open connection, for closing or downgrading them when access changes. */
  const open = new Set<Connection>();
  const awarenessLimit = new RateLimiter(options.awarenessPerSecond ?? 30, options.awarenessBurst ?? 60);
  let nextConnection = 0;
  const connectionKeys = new WeakMap<Connection, string>();
  const keyOf = (conn: Connection) => {
    let key = connectionKeys.get(conn);
    if (!key) connectionKeys.set(conn, (key = `c${++nextConnection}`));
    return key;
  };
  /** Awareness updates dropped by the rate limit or the per-connection cap (for tests and metrics). */
  let droppedAwareness = 0;
  /** Times a connection's socket stopped being read because it sent faster than the server stores. */
  let pausedReads = 0;

  // A socket error (a malformed frame, an oversized message, a reset) ends that socket only.
  const onSocketError = (docName: string) => (err: Error & { code?: string }) =>
    logger.warn({ doc: docName, code: err.code, reason: err.message }, "yjs socket error; connection closed");

  auth.onRevoked((revocation: Revocation) => {
    for (const conn of open) {
      if (conn.userId === revocation.userId && conn.credentialId === revocation.credentialId) conn.ws.close(closeCodes.unauthenticated, "signed_out");
    }
  });

  /** Asks a client for what it holds that the server lacks. */
  function sendSyncStep1(conn: Connection): void {
    if (!documents.isLoaded(conn.docName)) return;
    void documents.open(conn.docName).then((shared) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, messageSync);
      syncProtocol.writeSyncStep1(encoder, shared.doc);
      send(conn.ws, encoding.toUint8Array(encoder));
    });
  }

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
    // An applied update goes at once to every connection but its sender's, which gets it
    // back once it is stored (see `handleMessage`). Should the server die before, those who
    // hold it, sender included, hand it back through the sync protocol on reconnect.
    applied(shared, update, origin) {
      const message = updateMessage(update);
      for (const conn of connectionsOf(shared)) if (conn.ws && conn !== origin) send(conn.ws, message);
    },
    // A sync step 1 from the server makes each client answer with what the server lacks.
    reopened(shared) {
      for (const conn of connectionsOf(shared)) {
        if (!conn.ws) continue;
        conn.toldRefusal = false;
        sendSyncStep1(conn);
      }
    },
    evicted(shared) {
      for (const conn of connectionsOf(shared)) if (conn.ws) conn.ws.close(closeCodes.storeFailed, "store_failed");
    },
  });

  /** Handles one message; an update resolves once accepted, and its echo follows its storage. */
  async function handleMessage(shared: SharedDocument, conn: Connection, data: Uint8Array, flow: ConnectionFlow): Promise<void> {
    const message = decodeClientMessage(data);
    if (message.kind === "syncStep1") {
      // Answered in queue order, so the answer holds only stored updates.
      await shared.enqueue(() => {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, messageSync);
        syncProtocol.writeSyncStep2(encoder, shared.doc, message.stateVector);
        send(conn.ws, encoding.toUint8Array(encoder));
      });
    } else if (message.kind === "update") {
      if (message.update.length <= 2) return; // an empty update: nothing to store
      if (!conn.canWrite) {
        shared.droppedUpdates++;
        tellRefusal(shared, conn, message.update, refusalReasons.readOnly);
        return;
      }
      const { accepted, stored } = await documents.applyUpdate(shared, message.update, conn);
      if (!accepted) {
        tellRefusal(shared, conn, message.update, refusalReasons.agreed);
        return;
      }
      flow.unstored++;
      // A failed write evicts the document, which closes this connection: no echo then.
      stored.then(
        () => send(conn.ws, updateMessage(message.update)),
        () => undefined,
      ).finally(() => {
        flow.unstored--;
        flow.regulate();
      });
    } else if (message.kind === "awareness") {
      if (!awarenessLimit.take(keyOf(conn))) {
        droppedAwareness++;
        return;
      }
      const others = [...connectionsOf(shared)].filter((c) => c !== conn);
      const claimed = new Set<number>(); // new ids this message takes, counted against the cap
      const mayControl = (clientId: number) => {
        if (conn.awarenessIds.has(clientId) || claimed.has(clientId)) return true;
        if (conn.awarenessIds.size + claimed.size >= maxAwarenessIdsPerConnection || others.some((c) => c.awarenessIds?.has(clientId))) return false;
        claimed.add(clientId);
        return true;
      };
      let update: Uint8Array;
      try {
        update = stampAwareness(message.update, conn, shared.awareness.clientID, mayControl);
      } catch {
        throw new BadMessage("awareness update does not decode");
      }
      awarenessProtocol.applyAwarenessUpdate(shared.awareness, update, conn);
    } else {
      send(conn.ws, awarenessMessage(shared, [...shared.awareness.getStates().keys()]));
    }
  }

  function serve(ws: WebSocket, docName: string, conn: Connection): void {
    ws.on("error", onSocketError(docName));
    open.add(conn);
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

    const flow = new ConnectionFlow(ws, () => pausedReads++);
    /** The drain under way, if any: a connection that closes leaves its document once it ends. */
    let draining: Promise<void> | null = null;
    /** Once refused, nothing more it sent is handled. */
    let refused = false;

    const refuse = (err: unknown) => {
      refused = true;
      if (ws.readyState !== ws.OPEN) return;
      if (err instanceof BadMessage || err instanceof MalformedUpdateError) {
        logger.warn({ doc: docName, userId: conn.userId, reason: err.message }, "refused a connection that sent a malformed message");
        ws.close(closeCodes.badMessage, "bad_message");
        return;
      }
      logger.error({ err, doc: docName }, "could not store an update; closing so the client resends it");
      ws.close(closeCodes.storeFailed, "store_failed");
    };

    // Messages are handled in arrival order, a slice at a time, yielding to the event loop in
    // between; those that arrived before the client closed are handled too.
    async function drain(shared: SharedDocument): Promise<void> {
      let sliceEnd = performance.now() + sliceMs;
      for (let message = flow.next(); message && !refused; message = flow.next()) {
        await handleMessage(shared, conn, message, flow);
        if (performance.now() >= sliceEnd) {
          flow.regulate();
          await yieldToEventLoop();
          sliceEnd = performance.now() + sliceMs;
        }
      }
    }
    function schedule(): void {
      if (draining || refused) return;
      draining = ready
        .then(drain)
        .catch(refuse)
        .finally(() => {
          draining = null;
          flow.regulate();
          if (flow.waiting > 0) schedule();
        });
    }

    let alive = true;
    ws.on("message", (data: Buffer) => {
      alive = true; // a peer that sends is alive, even if its pong waits behind its data
      flow.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      schedule();
    });

    // Dead peers are found by ping; a missed pong closes the connection, unless the pong may
    // be waiting behind data: its messages not read yet (paused) or not handled, or ours to it.
    ws.on("pong", () => (alive = true));
    const ping = setInterval(() => {
      if (!alive && !flow.busy()) return ws.terminate();
      alive = false;
      ws.ping();
    }, 30_000);

    ws.on("close", () => {
      clearInterval(ping);
      open.delete(conn);
      Promise.resolve(draining)
        .then(() => ready)
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
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.on("error", onSocketError(docName));
        ws.close(code, reason);
      });

    // Cross-site pages must not open a document with the visitor's cookie.
    if (!isSameOriginRequest(req, origins)) return refuse(closeCodes.forbidden, "bad_origin");

    if (!parseDocName(docName)) return refuse(closeCodes.notFound, "not_found");
    const actor = await auth.actorFrom(readCredentials(req.headers));
    if (!actor) return refuse(closeCodes.unauthenticated, "unauthenticated");
    let canWrite = false;
    try {
      const access = await registry.accessByName(actor.user.id, docName, "synthesis.read");
      canWrite = can(access.role, "synthesis.edit") && !actor.readOnly;
    } catch (error) {
      if (error instanceof AppError) return refuse(error.code === "forbidden" ? closeCodes.forbidden : closeCodes.notFound, error.code);
      throw error;
    }
    const { user } = actor;
    wss.handleUpgrade(req, socket, head, (ws) =>
      serve(ws, docName, { ws, docName, canWrite, userId: user.id, name: user.displayName, language: user.language, credentialId: actor.credentialId, readOnlyCredential: actor.readOnly, awarenessIds: new Set(), toldRefusal: false }),
    );
  }

  /**
   * Checks again what each open connection of these people may do, after a role changed or
   * a member left: a demoted editor's next update is dropped, a former member is closed.
   */
  async function recheckAccess(userIds?: readonly string[]): Promise<void> {
    for (const conn of [...open]) {
      if (userIds && !userIds.includes(conn.userId)) continue;
      let canWrite = false;
      try {
        const access = await registry.accessByName(conn.userId, conn.docName, "synthesis.read");
        canWrite = can(access.role, "synthesis.edit") && !conn.readOnlyCredential;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        conn.ws.close(error.code === "forbidden" ? closeCodes.forbidden : closeCodes.notFound, error.code);
        continue;
      }
      if (canWrite === conn.canWrite) continue;
      conn.canWrite = canWrite;
      if (canWrite) {
        // Edits refused while read-only merge now.
        conn.toldRefusal = false;
        sendSyncStep1(conn);
      }
      if (documents.isLoaded(conn.docName)) (await documents.open(conn.docName)).publishServerState();
    }
  }

  return {
    handleUpgrade,
    documents,
    /** For tests and metrics: how many updates a loaded document refused (read-only roles, agreed status). */
    droppedUpdates: async (docName: string) => (documents.isLoaded(docName) ? (await documents.open(docName)).droppedUpdates : 0),
    /** For tests and metrics: awareness updates dropped by the rate limit, connections open now, and flow-control pauses. */
    stats: () => ({ droppedAwareness, connections: open.size, pausedReads }),
    recheckAccess,
    async close(): Promise<void> {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await documents.closeAll();
    },
  };
}

export type YjsEndpoint = ReturnType<typeof createYjsEndpoint>;
