// Autosave of a fiche being written: each change marks its field, and a debounced PATCH
// sends only the changed fields from the version the writer started on. A field someone
// else changed meanwhile is an edit_conflict, which stops autosave until the writer decides.
import { useCallback, useEffect, useRef, useState } from "react";
import type { Fiche } from "../../../shared/schemas/contributions.js";
import { errorCodeOf } from "../api.js";
import { fichesApi } from "./fichesApi.js";
import { draftOf, rowsToSend, type DraftField, type FicheDraft } from "./ficheDraft.js";

export type SaveState = "saved" | "pending" | "saving" | "conflict" | "error";
const debounceMs = 700;

export function useFicheAutosave(workshopId: string, initial: Fiche) {
  const [fiche, setFiche] = useState(initial);
  const [draft, setDraftState] = useState(() => draftOf(initial));
  const [state, setState] = useState<SaveState>("saved");
  const [failure, setFailure] = useState<unknown>(null);
  /** Bumped when the form's content is replaced from the server, so rich fields reload. */
  const [generation, setGeneration] = useState(0);
  const draftRef = useRef(draft);
  const versionRef = useRef(initial.version);
  const dirty = useRef(new Set<DraftField>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const running = useRef<Promise<void> | null>(null);
  const stopped = useRef(false);

  const save = useCallback(async (): Promise<void> => {
    if (running.current) {
      await running.current;
      return dirty.current.size ? save() : undefined;
    }
    if (!dirty.current.size || stopped.current) return;
    const fields = [...dirty.current];
    dirty.current.clear();
    setState("saving");
    running.current = (async () => {
      try {
        const saved = await fichesApi.update(workshopId, initial.id, versionRef.current, rowsToSend(draftRef.current, fields));
        versionRef.current = saved.version;
        setFiche(saved);
        setFailure(null);
        setState(dirty.current.size ? "pending" : "saved");
      } catch (error) {
        for (const field of fields) dirty.current.add(field);
        setFailure(error);
        if (errorCodeOf(error) === "edit_conflict") {
          stopped.current = true;
          setState("conflict");
        } else setState("error");
      } finally {
        running.current = null;
      }
    })();
    await running.current;
  }, [workshopId, initial.id]);

  const change = useCallback(
    <K extends keyof FicheDraft>(key: K, value: FicheDraft[K], field: DraftField = key as DraftField) => {
      draftRef.current = { ...draftRef.current, [key]: value };
      setDraftState(draftRef.current);
      dirty.current.add(field);
      if (!stopped.current) setState("pending");
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), debounceMs);
    },
    [save],
  );

  /** Saves now what is waiting; resolves true when everything is stored. */
  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    await save();
    return dirty.current.size === 0;
  }, [save]);

  /** Drops my unsaved changes and loads the fiche as it is now. */
  const reloadLatest = useCallback(async () => {
    const latest = await fichesApi.get(workshopId, initial.id);
    dirty.current.clear();
    stopped.current = false;
    versionRef.current = latest.version;
    draftRef.current = draftOf(latest);
    setFiche(latest);
    setDraftState(draftRef.current);
    setGeneration((g) => g + 1);
    setFailure(null);
    setState("saved");
  }, [workshopId, initial.id]);

  /** Someone else saved: take their version when nothing of mine is waiting. */
  const remoteUpdate = useCallback((next: Fiche) => {
    if (next.version <= versionRef.current) return;
    setFiche((current) => ({ ...current, status: next.status, authors: next.authors, consent: next.consent }));
    if (dirty.current.size || running.current) return;
    versionRef.current = next.version;
    draftRef.current = draftOf(next);
    setFiche(next);
    setDraftState(draftRef.current);
    setGeneration((g) => g + 1);
  }, []);

  // Back online, what waits is saved at once, without waiting for the next keystroke.
  useEffect(() => {
    const retry = () => {
      if (dirty.current.size && !stopped.current) void save();
    };
    window.addEventListener("online", retry);
    return () => window.removeEventListener("online", retry);
  }, [save]);

  // Leaving the page saves what is still waiting.
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      if (dirty.current.size && !stopped.current) void save();
    },
    [save],
  );

  return { fiche, setFiche, draft, change, state, failure, flush, reloadLatest, remoteUpdate, generation };
}
