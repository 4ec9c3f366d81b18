// Contributions written while the connection is down are kept on this device (IndexedDB, one
// database per account) and sent in order once it returns, each under the Idempotency-Key it
// was kept with, so the server stores it once however often it is sent. One the server then
// refuses (the sequence closed meanwhile, a role changed) stays, with the refusal, until its
// writer copies or deletes it. Signing out asks about them first, then deletes them.
import { useEffect, useState } from "react";
import type { ApiError } from "../../../shared/errors.js";
import { api, ApiRequestError, newIdempotencyKey, send, type Method } from "../api.js";

export type KeptWrite = {
  /** Its order on this device. */
  seq: number;
  key: string;
  method: Exclude<Method, "GET">;
  path: string;
  body: unknown;
  /** Where it shows while it waits (`thread:<id>`). */
  place: string;
  /** What the person wrote, as plain text, to show and to copy. */
  text: string;
  createdAt: string;
  refusal: ApiError | null;
};

export type WriteToKeep = Pick<KeptWrite, "method" | "path" | "body" | "place" | "text">;

const outboxPrefix = "navette-outbox:";
const store = "writes";

/** Opens the account's outbox; reading never creates one (so none is left behind after signing out): null then. */
function open(userId: string, create: boolean): Promise<IDBDatabase | null> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(`${outboxPrefix}${userId}`, 1);
    let absent = false;
    request.onupgradeneeded = (event) => {
      if (!create && event.oldVersion === 0) {
        absent = true;
        request.transaction?.abort();
        return;
      }
      request.result.createObjectStore(store, { keyPath: "seq", autoIncrement: true });
    };
    request.onsuccess = () => {
      // Signing out deletes the database: let go of it at once.
      request.result.onversionchange = () => request.result.close();
      resolve(request.result);
    };
    request.onerror = () => (absent ? resolve(null) : reject(request.error));
  });
}

/** Runs `work` in one transaction and resolves once it is on the device; `absent` when there is no outbox to read or change. */
async function inStore<T>(userId: string, mode: IDBTransactionMode, work: (writes: IDBObjectStore) => IDBRequest<T>, absent: T, create = false): Promise<T> {
  const db = await open(userId, create);
  if (!db) return absent;
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(store, mode);
      const request = work(transaction.objectStore(store));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    db.close();
  }
}

const listeners = new Set<() => void>();
const changed = () => {
  for (const listener of [...listeners]) listener();
};

export async function keptWrites(userId: string): Promise<KeptWrite[]> {
  return (await inStore<KeptWrite[]>(userId, "readonly", (writes) => writes.getAll(), [])).sort((a, b) => a.seq - b.seq);
}

async function keep(userId: string, write: WriteToKeep, key: string): Promise<void> {
  await inStore<IDBValidKey>(userId, "readwrite", (writes) => writes.add({ ...write, key, createdAt: new Date().toISOString(), refusal: null }), "", true);
  changed();
}

export async function forgetWrite(userId: string, seq: number): Promise<void> {
  await inStore<undefined>(userId, "readwrite", (writes) => writes.delete(seq), undefined);
  changed();
}

async function refuse(userId: string, write: KeptWrite, refusal: ApiError): Promise<void> {
  await inStore<IDBValidKey>(userId, "readwrite", (writes) => writes.put({ ...write, refusal }), "");
  changed();
}

export async function deleteOutbox(userId: string): Promise<void> {
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(`${outboxPrefix}${userId}`);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
  changed();
}

/** Sends now and answers the server's reply, or keeps it on the device when the connection is down and answers null. */
export async function writeOrKeep<T>(userId: string, write: WriteToKeep): Promise<T | null> {
  const key = newIdempotencyKey();
  if (navigator.onLine) {
    try {
      return await api.write<T>(write.method, write.path, write.body, key);
    } catch (error) {
      if (!(error instanceof ApiRequestError) || error.status !== 0) throw error;
    }
  }
  await keep(userId, write, key);
  return null;
}

let sending: Promise<void> | null = null;

/** Sends what waits, in order; stops at the first that cannot reach the server. One run at a time. */
export function sendKept(userId: string): Promise<void> {
  sending ??= (async () => {
    try {
      for (const write of await keptWrites(userId)) {
        if (write.refusal) continue;
        try {
          await send(write.method, write.path, write.body, write.key);
          await forgetWrite(userId, write.seq);
        } catch (error) {
          if (error instanceof ApiRequestError && (error.status === 0 || error.code === "idempotency_in_progress" || error.status >= 500)) return;
          await refuse(userId, write, error instanceof ApiRequestError ? error.error : { code: "internal", message: String(error) });
        }
      }
    } finally {
      sending = null;
    }
  })();
  return sending;
}

/** The writes kept on this device for `place` (all of them without one), kept up to date. */
export function useKeptWrites(userId: string | undefined, place?: string): KeptWrite[] {
  const [writes, setWrites] = useState<KeptWrite[]>([]);
  useEffect(() => {
    if (!userId) return;
    let current = true;
    const read = () => void keptWrites(userId).then((all) => current && setWrites(place ? all.filter((w) => w.place === place) : all), () => undefined);
    read();
    listeners.add(read);
    return () => {
      current = false;
      listeners.delete(read);
    };
  }, [userId, place]);
  return writes;
}

/** For the whole app: sends what waits when the page opens, when the connection returns, and when something new is kept while online. */
export function useSendingKeptWrites(userId: string | undefined): void {
  useEffect(() => {
    if (!userId) return;
    const sendNow = () => {
      if (navigator.onLine) void sendKept(userId).catch(() => undefined);
    };
    sendNow();
    window.addEventListener("online", sendNow);
    listeners.add(sendNow);
    // The browser may think it is online while the server is away: try again now and then.
    const timer = setInterval(sendNow, 15_000);
    return () => {
      window.removeEventListener("online", sendNow);
      listeners.delete(sendNow);
      clearInterval(timer);
    };
  }, [userId]);
}
