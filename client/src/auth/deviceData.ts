// What this device keeps of an account between visits: the synthesis copies. Signing out
// checks what of it the server has not received, then deletes it all, so the next person
// on a shared computer finds nothing of ours.
import { deleteDeviceCopies, deviceCopyNames } from "../synthesis/localCopies.js";

/** The device copies holding what the server has not confirmed (see `unconfirmedCopies`). */
export async function unsentOnDevice(userId: string): Promise<number> {
  const copies = await deviceCopyNames(userId);
  // Offline the server cannot confirm anything (nor the checking code load).
  if (copies.length === 0 || !navigator.onLine) return copies.length;
  // The editor's code (Yjs) loads only when there is a copy to check.
  const { unconfirmedCopies } = await import("../synthesis/unsentCopies.js");
  return (await unconfirmedCopies(userId)).length;
}

export async function clearDevice(userId: string): Promise<void> {
  await deleteDeviceCopies(userId);
}
