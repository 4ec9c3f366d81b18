// Loads one thing from the API for a page, and lets the page reload or replace it.
import { createContext, useCallback, useContext, useEffect, useRef, useState } from "react";

/**
 * Every resource below loads again when this number changes: the workshop's live connection
 * came back too late to be handed the events it missed (see useWorkshopRoom).
 */
export const ReloadSignal = createContext(0);

export type Resource<T> = {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  replace: (data: T) => void;
  /** Changes the loaded data from its latest value (for changes that arrive after an await). */
  update: (change: (current: T | undefined) => T | undefined) => void;
};

export function useResource<T>(load: () => Promise<T>, deps: readonly unknown[]): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);
  /** Counts the page's own changes: a load that was under way during one answers from before it. */
  const localChanges = useRef(0);
  const reloadSignal = useContext(ReloadSignal);

  useEffect(() => {
    let cancelled = false;
    const changesAtStart = localChanges.current;
    setLoading(true);
    load()
      .then((value) => {
        if (cancelled) return;
        // Older than what the page has just written (a reply, an event): ask again rather than lose it.
        if (localChanges.current !== changesAtStart) {
          cancelled = true;
          setVersion((v) => v + 1);
          return;
        }
        setData(value);
        setError(undefined);
      })
      .catch((failure: unknown) => {
        if (!cancelled) setError(failure);
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
    // The caller lists what `load` depends on, as with useEffect.
  }, [...deps, version, reloadSignal]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const replace = useCallback((value: T) => {
    localChanges.current++;
    setData(value);
  }, []);
  const update = useCallback((change: (current: T | undefined) => T | undefined) => {
    localChanges.current++;
    setData(change);
  }, []);
  return { data, error, loading, reload, replace, update };
}
