// A form's text kept on this device while it is written: a reload, a crash or a lost
// connection loses nothing. One draft per account and form (localStorage), gone once sent,
// and deleted with the rest of the device's copies at sign-out.
import { useCallback, useEffect, useRef, useState } from "react";
import { useSession } from "../auth/session.js";

const draftPrefix = (userId: string) => `navette-draft:${userId}:`;

type Stored<T> = { value: T; savedAt: string };

function read<T>(key: string): Stored<T> | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Stored<T>) : null;
  } catch {
    return null;
  }
}

export type LocalDraft<T> = {
  value: T;
  set: (change: Partial<T>) => void;
  /** When this device last saved it; null while nothing differs from the form's start. */
  savedAt: string | null;
  /** A draft from an earlier visit was brought back. */
  restored: boolean;
  /** After sending, or cancelling: the form starts again from `initial`, and the draft is gone at once (the form may close next). */
  reset: () => void;
};

/**
 * `name` tells the form apart (`post:thread/<id>`, `amendment:<proposalId>`); `initial` is
 * what the form starts from, which is never kept as a draft.
 */
export function useLocalDraft<T extends object>(name: string, initial: T): LocalDraft<T> {
  const { user } = useSession();
  const key = user ? `${draftPrefix(user.id)}${name}` : null;
  const initialRef = useRef(initial);
  const [stored] = useState(() => (key ? read<T>(key) : null));
  const [value, setValue] = useState<T>(() => stored?.value ?? initial);
  const [savedAt, setSavedAt] = useState<string | null>(stored?.savedAt ?? null);

  useEffect(() => {
    if (!key) return;
    if (JSON.stringify(value) === JSON.stringify(initialRef.current)) {
      localStorage.removeItem(key);
      setSavedAt(null);
      return;
    }
    const draft: Stored<T> = { value, savedAt: new Date().toISOString() };
    try {
      localStorage.setItem(key, JSON.stringify(draft));
      setSavedAt(draft.savedAt);
    } catch {
      // Storage full or refused: the form still holds the text; no "saved" is claimed.
      setSavedAt(null);
    }
  }, [key, value]);

  const set = useCallback((change: Partial<T>) => setValue((current) => ({ ...current, ...change })), []);
  const reset = useCallback(() => {
    if (key) localStorage.removeItem(key);
    setSavedAt(null);
    setValue(initialRef.current);
  }, [key]);
  return { value, set, savedAt, restored: stored !== null, reset };
}

/** A draft of this account's, as the form named `name` would find it; null when there is none. */
export function readDraft<T>(userId: string, name: string): T | null {
  return read<T>(`${draftPrefix(userId)}${name}`)?.value ?? null;
}

/** Starts or replaces a form's draft from elsewhere (the form opens with it); false when the device refused it. */
export function writeDraft<T>(userId: string, name: string, value: T): boolean {
  const draft: Stored<T> = { value, savedAt: new Date().toISOString() };
  try {
    localStorage.setItem(`${draftPrefix(userId)}${name}`, JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

/** How many drafts this account keeps on the device (none of them is sent yet, by definition). */
export function countDrafts(userId: string): number {
  return draftKeys(userId).length;
}

export function deleteDrafts(userId: string): void {
  for (const key of draftKeys(userId)) localStorage.removeItem(key);
}

function draftKeys(userId: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key?.startsWith(draftPrefix(userId))) keys.push(key);
  }
  return keys;
}
