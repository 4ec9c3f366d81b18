// One shared cache of a target's stored translations: every <Translated> of the same
// target reads one fetch, refetched (once, however many fields listen) when the
// server announces translation.updated for it or the source text changes.
import { useCallback, useEffect, useRef, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import type { TranslationTargetKind } from "../../../shared/domain/translations.js";
import type { TargetTranslations } from "../../../shared/schemas/translations.js";
import { useSession } from "../auth/session.js";
import { isUiLanguage } from "../i18n.js";
import { useWorkshopEvents } from "../live/workshopEvents.js";
import { translationApi, type TargetRef } from "./translationApi.js";

export type TargetState = { data: TargetTranslations | undefined; error: unknown; loading: boolean };

type Entry = { ref: TargetRef; state: TargetState; listeners: Set<() => void>; inFlight: boolean; again: boolean; scheduled: boolean };

const entries = new Map<string, Entry>();
const keyOf = (ref: TargetRef) => `${ref.workshopId}/${ref.targetKind}/${ref.targetId}`;

function entryOf(ref: TargetRef): Entry {
  const key = keyOf(ref);
  let entry = entries.get(key);
  if (!entry) {
    entry = { ref, state: { data: undefined, error: undefined, loading: true }, listeners: new Set(), inFlight: false, again: false, scheduled: false };
    entries.set(key, entry);
  }
  return entry;
}

function set(entry: Entry, state: Partial<TargetState>) {
  entry.state = { ...entry.state, ...state };
  for (const listener of [...entry.listeners]) listener();
}

async function fetchEntry(entry: Entry): Promise<void> {
  if (entry.inFlight) {
    entry.again = true;
    return;
  }
  entry.inFlight = true;
  try {
    set(entry, { data: await translationApi.target(entry.ref), error: undefined, loading: false });
  } catch (error) {
    set(entry, { error, loading: false });
  } finally {
    entry.inFlight = false;
    if (entry.again) {
      entry.again = false;
      void fetchEntry(entry);
    }
  }
}

/** Refetches a target soon; many calls in the same tick (one per field) make one request. */
export function refreshTranslations(ref: TargetRef) {
  const entry = entryOf(ref);
  if (entry.scheduled) return;
  entry.scheduled = true;
  setTimeout(() => {
    entry.scheduled = false;
    void fetchEntry(entry);
  }, 0);
}

/** Puts a fresh answer (from a write) into the cache without a round trip. */
export function storeTranslations(ref: TargetRef, data: TargetTranslations) {
  set(entryOf(ref), { data, error: undefined, loading: false });
}

export function useTranslations(workshopId: string, targetKind: TranslationTargetKind, targetId: string): TargetState & { reload: () => void } {
  const ref = { workshopId, targetKind, targetId };
  const key = keyOf(ref);
  const subscribe = useCallback(
    (listener: () => void) => {
      const entry = entryOf({ workshopId, targetKind, targetId });
      // The first reader on a page refreshes what an earlier page may have cached.
      if (entry.listeners.size === 0) refreshTranslations(entry.ref);
      entry.listeners.add(listener);
      return () => entry.listeners.delete(listener);
    },
    [key],
  );
  const state = useSyncExternalStore(subscribe, () => entryOf(ref).state);
  useWorkshopEvents({
    "translation.updated": (event) => {
      if (event.targetKind === targetKind && event.targetId === targetId) refreshTranslations(ref);
    },
  });
  const reload = useCallback(() => refreshTranslations({ workshopId, targetKind, targetId }), [key]);
  return { ...state, reload };
}

/** The language I read in: the interface language, unless my profile names a content language the interface lacks. */
export function useReaderLanguage(): string {
  const { i18n } = useTranslation();
  const { user } = useSession();
  const profile = user?.language;
  if (profile && !isUiLanguage(profile)) return profile;
  const ui = i18n.resolvedLanguage;
  return isUiLanguage(ui) ? ui : "en";
}

/** Re-reads a target's translations when its source text changes (staleness is computed on the server). */
export function useRefreshOnSourceChange(ref: TargetRef, source: unknown) {
  const signature = typeof source === "string" ? source : JSON.stringify(source ?? null);
  const first = useRef(signature);
  useEffect(() => {
    // Subscribing already fetched for the first text; only later edits need a refetch.
    if (first.current === signature) return;
    first.current = signature;
    refreshTranslations(ref);
  }, [signature]);
}
