// What this device keeps of an account between visits: the synthesis copies, the drafts
// of forms and the contributions written offline, not yet sent. Signing out checks what of it the server has not received, then deletes it all,
// so the next person on a shared computer finds nothing of ours.
import { deleteDeviceCopies, deviceCopyNames } from "../synthesis/localCopies.js";
import { deleteOutbox, keptWrites } from "../ui/outbox.js";
import { countDrafts, deleteDrafts } from "../ui/useLocalDraft.js";

export type UnsentOnDevice = { documents: number; drafts: number; writes: number };

/** Synthesis copies the server has not confirmed, drafts and kept contributions (never sent, by definition). */
export async function unsentOnDevice(userId: string): Promise<UnsentOnDevice> {
  return { documents: await unconfirmedDocuments(userId), drafts: countDrafts(userId), writes: (await keptWrites(userId)).length };
}

/** The device copies holding what the server has not confirmed (see `unconfirmedCopies`). */
async function unconfirmedDocuments(userId: string): Promise<number> {
  const copies = await deviceCopyNames(userId);
  // Offline the server cannot confirm anything (nor the checking code load).
  if (copies.length === 0 || !navigator.onLine) return copies.length;
  // The editor's code (Yjs) loads only when there is a copy to check.
  const { unconfirmedCopies } = await import("../synthesis/unsentCopies.js");
  return (await unconfirmedCopies(userId)).length;
}

export async function clearDevice(userId: string): Promise<void> {
  deleteDrafts(userId);
  await deleteOutbox(userId);
  await deleteDeviceCopies(userId);
}
