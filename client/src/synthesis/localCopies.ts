// The synthesis copies kept on this device: one IndexedDB database per account and document,
// so two people sharing a browser never share a copy; listed and deleted at sign-out. Free of
// Yjs, so signing out needs none of the editor's code (which may not load offline).

/** What every copy of this account's documents on this device is named with. */
export function copyPrefix(userId: string): string {
  return `navette:${userId}:`;
}

export function localCopyName(userId: string, docName: string): string {
  return `${copyPrefix(userId)}${docName}`;
}

/** The names of this account's copies on the device (IndexedDB database names). */
export async function deviceCopyNames(userId: string): Promise<string[]> {
  // A browser that cannot list its databases has none of ours we could find anyway.
  const databases = (await indexedDB.databases?.()) ?? [];
  return databases.map((db) => db.name ?? "").filter((name) => name.startsWith(copyPrefix(userId)));
}

/**
 * Deletes this account's copies. A tab still showing a document holds its copy open; the
 * deletion completes once it lets go (see `useSynthesisDoc`, which does on request).
 */
export async function deleteDeviceCopies(userId: string): Promise<void> {
  const names = await deviceCopyNames(userId);
  await Promise.all(
    names.map(
      (name) =>
        new Promise<void>((done) => {
          const request = indexedDB.deleteDatabase(name);
          request.onsuccess = () => done();
          request.onerror = () => done();
        }),
    ),
  );
}
