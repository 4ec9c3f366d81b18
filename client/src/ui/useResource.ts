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
  /** Counts the page's own replacements: a load that was under way during one answers from before it. */
  const localReplacements = useRef(0);
  /** The page's own changes made while a load is under way: applied again on top of its answer. */
  const changesDuringLoad = useRef<((current: T | undefined) => T | undefined)[] | null>(null);
  const reloadSignal = useContext(ReloadSignal);

  useEffect(() => {
    let cancelled = false;
    const replacementsAtStart = localReplacements.current;
    const changes: ((current: T | undefined) => T | undefined)[] = [];
    changesDuringLoad.current = changes;
    setLoading(true);
    load()
      .then((value) => {
        if (cancelled) return;
        changesDuringLoad.current = null;
        // Older than what the page has just put in its place (a reply, an event): ask again rather than lose it.
        if (localReplacements.current !== replacementsAtStart) {
          cancelled = true;
          setVersion((v) => v + 1);
          return;
        }
        // Changes merged in meanwhile (a post pushed while the thread loads) go on top of the answer.
        setData(changes.reduce<T | undefined>((current, change) => change(current), value));
        setError(undefined);
      })
      .catch((failure: unknown) => {
        if (cancelled) return;
        changesDuringLoad.current = null;
        setError(failure);
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
    localReplacements.current++;
    setData(value);
  }, []);
  const update = useCallback((change: (current: T | undefined) => T | undefined) => {
    changesDuringLoad.current?.push(change);
    setData(change);
  }, []);
  return { data, error, loading, reload, replace, update };
}
