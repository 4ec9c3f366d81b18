// The Yjs side of one synthesis document: a Y.Doc kept in sync with the server through
// the y-websocket protocol at /yjs/<docName> (the session cookie authenticates), with a
// copy on this device in IndexedDB so edits made offline survive and merge when back.
import * as authProtocol from "y-protocols/auth";
import { useCallback, useEffect, useState } from "react";
import { messageAuth, WebsocketProvider } from "y-websocket";
import { IndexeddbPersistence } from "y-indexeddb";
import * as Y from "yjs";
import { isReadOnlyStatus, readServerAwareness, refusalReasons, type RefusalReason, type ServerAwareness } from "../../../shared/synthesis.js";
import { localCopyName } from "./localCopies.js";

/**
 * - `connecting`: not yet in sync with the server;
 * - `live`: connected and in sync: edits reach the others at once;
 * - `offline`: the browser is offline, or the connection was lost (it retries): edits stay on this device;
 * - `refused`: the server closed the connection for good (access refused, signed out).
 */
export type ConnectionState = "connecting" | "live" | "offline" | "refused";

export type SynthesisDoc = {
  ydoc: Y.Doc;
  provider: WebsocketProvider;
  /** Deletes the copy on this device, edits the server did not take included, and starts again from the server's. */
  discardDeviceCopy: () => Promise<void>;
};

export type SynthesisConnection = {
  doc: SynthesisDoc | null;
  state: ConnectionState;
  /** Why `offline`: the browser says so, or the server cannot be reached. */
  offlineReason: "browser" | "server" | null;
  /** The copy on this device or the server's has been loaded: the text can show. */
  ready: boolean;
  /** Edits made here while not live, not yet sent to the server. */
  unsent: boolean;
  /** Everything applied here is written to the copy on this device (checked while not live: then it is the only copy). */
  savedOnDevice: boolean;
  /** What the server publishes in awareness: the live status and who is connected. */
  server: ServerAwareness | null;
  /** The server said it did not take edits held here, and why; they stay on this device until discarded. */
  notTaken: RefusalReason | null;
};

const notConnected: SynthesisConnection = { doc: null, state: "connecting", offlineReason: null, ready: false, unsent: false, savedOnDevice: true, server: null, notTaken: null };

const isRefusalReason = (reason: string): reason is RefusalReason => (Object.values(refusalReasons) as string[]).includes(reason);

export function yjsServerUrl(): string {
  return `${window.location.origin.replace(/^http/, "ws")}/yjs`;
}

/**
 * `canEdit` is part of the connection: the server fixes read-only or read-write when the
 * socket opens, so a role change needs a new connection. The document's status, on the
 * other hand, changes on the open connection (see `server.status`).
 */
export function useSynthesisDoc(docName: string, userId: string, canEdit: boolean): SynthesisConnection {
  // A discarded device copy starts a new connection, on a new Y.Doc.
  const [generation, setGeneration] = useState(0);
  const key = `${userId}|${docName}|${canEdit}|${generation}`;
  // Tagged with the key it belongs to, so a render after a change never shows the old connection.
  const [state, setState] = useState<{ key: string } & SynthesisConnection>({ key, ...notConnected });

  useEffect(() => {
    const ydoc = new Y.Doc();
    const local = new IndexeddbPersistence(localCopyName(userId, docName), ydoc);
    // No BroadcastChannel between tabs: every change goes through the server, which checks the role.
    const provider = new WebsocketProvider(yjsServerUrl(), docName, ydoc, { disableBc: true, connect: navigator.onLine });
    const discardDeviceCopy = async () => {
      provider.disconnect();
      await local.clearData();
      setGeneration((n) => n + 1);
    };
    // One object for the connection's life: the editor is bound to it and rebuilt when it changes.
    const handle: SynthesisDoc = { ydoc, provider, discardDeviceCopy };

    let socket: "connecting" | "connected" | "disconnected" = "connecting";
    let synced = false;
    let everLive = false;
    let browserOnline = navigator.onLine;
    let refused = false;
    let localLoaded = false;
    let unsent = false;
    /** Device writes not confirmed yet: a page closed meanwhile would lose them. */
    let savingOnDevice = 0;
    let server: ServerAwareness | null = null;
    let notTaken: RefusalReason | null = null;

    const publish = () => {
      const live = socket === "connected" && synced;
      if (live) everLive = true;
      const offlineReason = !browserOnline ? "browser" : !live && everLive ? "server" : null;
      const connection: SynthesisConnection = {
        doc: handle,
        state: refused ? "refused" : offlineReason ? "offline" : live ? "live" : "connecting",
        offlineReason: refused ? null : offlineReason,
        ready: localLoaded || synced,
        unsent,
        savedOnDevice: savingOnDevice === 0,
        server,
        notTaken,
      };
      setState((current) => (current.key === key ? { key, ...connection } : current));
    };

    setState({ key, ...notConnected, doc: handle });
    local.on("synced", () => {
      // Signing out (here or in another tab) deletes the copy: let go of it, or the deletion waits for this page to close.
      if (local.db) local.db.onversionchange = () => void local.destroy();
      localLoaded = true;
      publish();
    });
    provider.on("status", (event) => {
      socket = event.status;
      if (socket !== "connected") synced = false;
      publish();
    });
    provider.on("sync", (isSynced) => {
      synced = isSynced;
      // By the time the server's copy arrives, ours went out in answer to its own sync request.
      if (isSynced) unsent = false;
      publish();
    });
    // The server's word that it did not take what this device holds (see shared/synthesis.ts refusalReasons).
    provider.messageHandlers[messageAuth] = (_encoder, decoder) =>
      authProtocol.readAuthMessage(decoder, ydoc, (_doc, reason) => {
        if (!isRefusalReason(reason)) return;
        notTaken = reason;
        publish();
      });
    // y-websocket stops retrying after a 44xx close code; say so instead of "connecting" forever.
    provider.on("closed", () => {
      refused = true;
      publish();
    });
    ydoc.on("update", (_update: Uint8Array, origin: unknown) => {
      const live = socket === "connected" && synced;
      const mine = origin !== provider && origin !== local;
      if (mine && !live && !unsent) {
        unsent = true;
        publish();
      }
      // y-indexeddb, listening before us, has just opened its write of this update. A read of
      // the same store opened now completes only after that write has: then it is on the device.
      if (mine && !live && local.db) {
        if (savingOnDevice++ === 0) publish();
        const read = local.db.transaction("updates", "readonly");
        read.oncomplete = read.onerror = read.onabort = () => {
          if (--savingOnDevice === 0) publish();
        };
      }
    });
    const readServer = () => {
      const found = readServerAwareness(provider.awareness.getStates() as Map<number, Record<string, unknown>>);
      // A lost connection clears the others' states: keep the last word until the next one.
      if (found && JSON.stringify(found) !== JSON.stringify(server)) {
        server = found;
        // Reopened: the server asks again for what this device holds, and takes it now.
        if (notTaken === refusalReasons.agreed && !isReadOnlyStatus(found.status)) notTaken = null;
        publish();
      }
    };
    provider.awareness.on("change", readServer);

    // The browser knows first when the network goes: stop trying at once, and resume the moment it returns.
    const goOffline = () => {
      browserOnline = false;
      provider.disconnect();
      publish();
    };
    const goOnline = () => {
      browserOnline = true;
      if (!refused) provider.connect();
      publish();
    };
    window.addEventListener("offline", goOffline);
    window.addEventListener("online", goOnline);

    return () => {
      window.removeEventListener("offline", goOffline);
      window.removeEventListener("online", goOnline);
      provider.awareness.off("change", readServer);
      provider.destroy();
      void local.destroy();
      ydoc.destroy();
    };
  }, [key, docName, userId]);

  if (state.key !== key) return notConnected;
  const { key: _key, ...connection } = state;
  return connection;
}
