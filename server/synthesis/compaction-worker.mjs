// Folds a stored log (a snapshot and the updates after it) into one snapshot, off the event
// loop: decoding and encoding a large document takes far longer than a keystroke may wait.
// Plain JavaScript so it starts the same under tsx, Vitest and any Node, with no TS loader.
import { parentPort } from "node:worker_threads";
import * as Y from "yjs";

parentPort.on("message", ({ id, parts }) => {
  try {
    const doc = new Y.Doc({ gc: false });
    Y.transact(doc, () => {
      for (const part of parts) Y.applyUpdate(doc, part);
    });
    const snapshot = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    parentPort.postMessage({ id, snapshot }, [snapshot.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
