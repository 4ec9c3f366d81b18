// The Yjs side of a workshop's synthesis: one Y.Doc kept in sync with the server
// through the y-websocket protocol at /yjs/<docName>. The session cookie authenticates.
import { useEffect, useState } from "react";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { synthesisDocName } from "../../../shared/synthesis.js";

export type ConnectionStatus = "connecting" | "connected" | "disconnected";

export type SynthesisDoc = {
  ydoc: Y.Doc;
  provider: WebsocketProvider;
};

export type SynthesisConnection = {
  doc: SynthesisDoc | null;
  status: ConnectionStatus;
  /** True once the server's copy has been received at least once. */
  synced: boolean;
  /** The server closed the connection for good (for instance, access refused). */
  refused: boolean;
};

const notConnected: SynthesisConnection = { doc: null, status: "connecting", synced: false, refused: false };

function yjsServerUrl(): string {
  return `${window.location.origin.replace(/^http/, "ws")}/yjs`;
}

/**
 * `canEdit` is part of the connection: the server fixes read-only or read-write
 * when the socket opens, so a role change needs a new connection.
 */
export function useSynthesisDoc(workshopId: string, canEdit: boolean): SynthesisConnection {
  const key = `${workshopId}/${canEdit}`;
  // Tagged with the key it belongs to, so a render after a change never shows the old connection.
  const [state, setState] = useState<{ key: string } & SynthesisConnection>({ key, ...notConnected });

  useEffect(() => {
    const ydoc = new Y.Doc();
    // No BroadcastChannel between tabs: every change goes through the server, which checks the role.
    const provider = new WebsocketProvider(yjsServerUrl(), synthesisDocName(workshopId), ydoc, { disableBc: true });
    const update = (change: Partial<SynthesisConnection>) =>
      setState((current) => (current.key === key ? { ...current, ...change } : current));

    setState({ key, ...notConnected, doc: { ydoc, provider } });
    provider.on("status", (event) => update({ status: event.status }));
    provider.on("sync", (isSynced) => {
      if (isSynced) update({ synced: true });
    });
    // y-websocket stops retrying after a 44xx close code; say so instead of "connecting" forever.
    provider.on("closed", () => update({ refused: true, status: "disconnected" }));

    return () => {
      provider.destroy();
      ydoc.destroy();
    };
  }, [key, workshopId]);

  if (state.key !== key) return notConnected;
  const { doc, status, synced, refused } = state;
  return { doc, status, synced, refused };
}
