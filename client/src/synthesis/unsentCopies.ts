// Which of the synthesis copies this device keeps (see localCopies.ts) hold changes the
// server does not have: asked before signing out deletes them.
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { copyPrefix, deviceCopyNames } from "./localCopies.js";
import { yjsServerUrl } from "./useSynthesisDoc.js";

/** How long the server may take to send its copy before a device copy counts as "not confirmed". */
const serverAnswerMs = 8_000;

/**
 * Whether a device copy holds anything the server's copy lacks: text or formatting it never
 * received, or a deletion it never made. Both are whole states (`Y.encodeStateAsUpdate`);
 * the device copy is applied to the server's, and anything it changes was not sent.
 */
export function holdsUnsent(serverState: Uint8Array, deviceState: Uint8Array): boolean {
  const doc = new Y.Doc({ gc: false });
  Y.applyUpdate(doc, serverState);
  let changed = false;
  doc.on("update", () => (changed = true));
  Y.applyUpdate(doc, deviceState);
  // Changes waiting for ones the server never saw are not sent either.
  const waiting = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
  doc.destroy();
  return changed || waiting;
}

/**
 * The copies holding something the server has not confirmed: it is checked against the
 * server's own copy, fetched on a connection of its own. A copy that cannot be checked
 * (offline, server away, access withdrawn) counts as not sent: only the server's word clears it.
 */
export async function unconfirmedCopies(userId: string): Promise<string[]> {
  const names = await deviceCopyNames(userId);
  const checked = await Promise.all(names.map(async (name) => ((await isConfirmed(name, name.slice(copyPrefix(userId).length))) ? null : name)));
  return checked.filter((name): name is string => name !== null);
}

async function isConfirmed(copyName: string, docName: string): Promise<boolean> {
  const local = await readDeviceCopy(copyName);
  if (!navigator.onLine) return false;
  const server = await readServerCopy(docName);
  return server !== null && !holdsUnsent(server, local);
}

async function readDeviceCopy(copyName: string): Promise<Uint8Array> {
  const doc = new Y.Doc({ gc: false });
  const persistence = new IndexeddbPersistence(copyName, doc);
  try {
    await persistence.whenSynced;
    return Y.encodeStateAsUpdate(doc);
  } finally {
    await persistence.destroy();
    doc.destroy();
  }
}

/** The server's copy, as it answers a new connection's sync request; null when it does not answer. */
export function readServerCopy(docName: string): Promise<Uint8Array | null> {
  const doc = new Y.Doc({ gc: false });
  const provider = new WebsocketProvider(yjsServerUrl(), docName, doc, { disableBc: true, connect: false });
  // A reader that is not there: nobody sees this account appear in the document.
  provider.awareness.setLocalState(null);
  return new Promise<Uint8Array | null>((resolve) => {
    let answered = false;
    const finish = (state: Uint8Array | null) => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      provider.destroy();
      doc.destroy();
      resolve(state);
    };
    const timer = setTimeout(() => finish(null), serverAnswerMs);
    provider.on("sync", (synced: boolean) => synced && finish(Y.encodeStateAsUpdate(doc)));
    provider.on("closed", () => finish(null));
    provider.connect();
  });
}
