// The open workshop's three sequences, one live copy for every component below: the sequence
// bar reads their status, and every contribution form asks here whether it may be written in
// now. Forms holding unsent text are counted per sequence and reported to the live room, so a
// facilitator about to close a sequence knows how many forms it would cut.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { contributionProblem, type SequenceKind, type SequenceStatus } from "../../../shared/domain/sequences.js";
import type { Sequence, WritingForms } from "../../../shared/schemas/contributions.js";
import { useWorkshopEvents } from "../live/workshopEvents.js";
import { LockedFields } from "../ui/LockedFields.js";
import { useResource, type Resource } from "../ui/useResource.js";
import { sequencesApi } from "./sequencesApi.js";

type SequencesState = {
  sequences: Resource<Sequence[]>;
  /** Counts one more form holding unsent text in `kind`; call what it returns when it no longer does. */
  holdWriting: (kind: SequenceKind) => () => void;
};

const SequencesContext = createContext<SequencesState | null>(null);

const noForms: WritingForms = { illustrate: 0, debate: 0, propose: 0 };

/** Inside the workshop's WorkshopEventsProvider; `reportWriting` comes from its live room. */
export function SequencesProvider({ workshopId, reportWriting, children }: { workshopId: string; reportWriting: (forms: WritingForms) => void; children: ReactNode }) {
  const sequences = useResource(() => sequencesApi.list(workshopId), [workshopId]);
  useWorkshopEvents({ "sequences.updated": (event) => sequences.replace(event.sequences) });
  const [forms, setForms] = useState<WritingForms>(noForms);

  const holdWriting = useCallback((kind: SequenceKind) => {
    setForms((current) => ({ ...current, [kind]: current[kind] + 1 }));
    let held = true;
    return () => {
      if (held) setForms((current) => ({ ...current, [kind]: current[kind] - 1 }));
      held = false;
    };
  }, []);

  useEffect(() => reportWriting(forms), [forms, reportWriting]);

  const value = useMemo(() => ({ sequences, holdWriting }), [sequences, holdWriting]);
  return <SequencesContext.Provider value={value}>{children}</SequencesContext.Provider>;
}

export function useSequences(): Resource<Sequence[]> {
  const state = useContext(SequencesContext);
  if (!state) throw new Error("useSequences needs a SequencesProvider");
  return state.sequences;
}

/** Where a form of a sequence stands: `writable` is false while the sequence does not take it. */
export type SequenceForm = { kind: SequenceKind; status: SequenceStatus | null; writable: boolean };

/**
 * Whether a contribution form of `kind` may be written in now, live: it turns read-only the
 * moment the sequence closes and writable again when it reopens. While `writing` (the form
 * holds text not sent yet) it counts as an open form for the facilitator's closing dialog.
 * `preparation`: fiche drafts may be written before illustrate opens, as the server allows.
 */
export function useSequenceForm(kind: SequenceKind, { writing = false, preparation = false }: { writing?: boolean; preparation?: boolean } = {}): SequenceForm {
  const state = useContext(SequencesContext);
  const holdWriting = state?.holdWriting;
  useEffect(() => (writing && holdWriting ? holdWriting(kind) : undefined), [writing, kind, holdWriting]);
  // Until the statuses load, forms stay as they are; the server still refuses what it must.
  const status = state?.sequences.data?.find((s) => s.kind === kind)?.status ?? null;
  return { kind, status, writable: status === null || contributionProblem(status, { preparation }) === null };
}

/** A form's fields, read-only with a notice while its sequence does not take them; what was typed stays. */
export function SequenceFields({ form, children }: { form: SequenceForm; children: ReactNode }) {
  return (
    <>
      <SequenceFormNotice form={form} />
      <LockedFields locked={!form.writable}>{children}</LockedFields>
    </>
  );
}

export function SequenceFormNotice({ form }: { form: SequenceForm }) {
  const { t } = useTranslation("sequences");
  return (
    // Always rendered, so screen readers announce the notice when the sequence closes.
    <div role="status" className="sequence-form-status">
      {!form.writable && (
        <p className="notice" data-testid="sequence-form-locked" data-sequence={form.kind}>
          {t(form.status === "closed" ? "sequences:locked.closed" : "sequences:locked.notOpen")}
        </p>
      )}
    </div>
  );
}
