// A facilitator's form for one agenda slot: times at the meeting's place, place, title,
// presenters and framing questions one per line, and the sequence it runs.
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { sequenceKinds, type SequenceKind } from "../../../shared/domain/sequences.js";
import type { AgendaSlot, CreateAgendaSlotBody } from "../../../shared/schemas/contributions.js";
import { ApiRequestError } from "../api.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { browserOffset, meetingOffset, momentOf, wallClockOf } from "./agendaTime.js";

const lines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

/** Did the server refuse the slot because it ends before it starts? */
const endsTooEarly = (error: unknown) =>
  error instanceof ApiRequestError && error.code === "validation_failed" && (error.error.issues ?? []).some((issue) => issue.path === "endsAt");

export function AgendaSlotForm({
  slot,
  slots,
  onSubmit,
  onCancel,
}: {
  /** The slot to edit; without it, a new slot. */
  slot?: AgendaSlot;
  /** The whole agenda, whose times tell the meeting's UTC offset. */
  slots: readonly AgendaSlot[];
  onSubmit: (fields: CreateAgendaSlotBody) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation(["sequences", "common"]);
  const id = useId();
  const last = slots.at(-1);
  const [startsAt, setStartsAt] = useState(slot ? wallClockOf(slot.startsAt) : last ? wallClockOf(last.endsAt) : "");
  const [endsAt, setEndsAt] = useState(slot ? wallClockOf(slot.endsAt) : "");
  const [title, setTitle] = useState(slot?.title ?? "");
  const [place, setPlace] = useState(slot?.place ?? last?.place ?? "");
  const [presenters, setPresenters] = useState(slot?.presenters.join("\n") ?? "");
  const [questions, setQuestions] = useState(slot?.framingQuestions.join("\n") ?? "");
  const [sequence, setSequence] = useState<SequenceKind | "">(slot?.sequence ?? "");
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const offset = meetingOffset(slots, slot) ?? browserOffset(startsAt);
  const endError = endsTooEarly(failure);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await onSubmit({
        startsAt: momentOf(startsAt, offset),
        endsAt: momentOf(endsAt, offset),
        title,
        place,
        presenters: lines(presenters),
        framingQuestions: lines(questions),
        sequence: sequence || null,
      });
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  const heading = slot ? t("sequences:agenda.form.editTitle", { title: slot.title }) : t("sequences:agenda.form.newTitle");
  return (
    <form className="form agenda-form" aria-labelledby={`${id}-heading`} data-testid="agenda-form" onSubmit={(event) => void submit(event)}>
      <p className="agenda-form-title" id={`${id}-heading`}>
        {heading}
      </p>
      <p className="hint" id={`${id}-time-hint`}>
        {t("sequences:agenda.form.timeHint", { offset })}
      </p>
      <div className="agenda-form-times">
        <div className="field">
          <label htmlFor={`${id}-starts`}>{t("sequences:agenda.form.startsAt")}</label>
          <input
            id={`${id}-starts`}
            name="startsAt"
            type="datetime-local"
            autoFocus
            required
            aria-describedby={`${id}-time-hint`}
            value={startsAt}
            onChange={(e) => setStartsAt(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-ends`}>{t("sequences:agenda.form.endsAt")}</label>
          <input
            id={`${id}-ends`}
            name="endsAt"
            type="datetime-local"
            required
            aria-invalid={endError || undefined}
            aria-describedby={endError ? `${id}-ends-error ${id}-time-hint` : `${id}-time-hint`}
            value={endsAt}
            onChange={(e) => setEndsAt(e.target.value)}
          />
          {endError && (
            <p className="field-error" id={`${id}-ends-error`} role="alert" data-testid="agenda-ends-error">
              {t("sequences:agenda.form.endsBeforeStart")}
            </p>
          )}
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t("sequences:agenda.form.title")}</label>
        <input id={`${id}-title`} name="title" required maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-place`}>{t("sequences:agenda.form.place")}</label>
        <input id={`${id}-place`} name="place" maxLength={300} value={place} onChange={(e) => setPlace(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-presenters`}>{t("sequences:agenda.form.presenters")}</label>
        <textarea id={`${id}-presenters`} name="presenters" rows={2} aria-describedby={`${id}-presenters-hint`} value={presenters} onChange={(e) => setPresenters(e.target.value)} />
        <p className="hint" id={`${id}-presenters-hint`}>
          {t("sequences:agenda.form.onePerLine")}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-questions`}>{t("sequences:agenda.form.framingQuestions")}</label>
        <textarea id={`${id}-questions`} name="framingQuestions" rows={3} aria-describedby={`${id}-questions-hint`} value={questions} onChange={(e) => setQuestions(e.target.value)} />
        <p className="hint" id={`${id}-questions-hint`}>
          {t("sequences:agenda.form.onePerLine")}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-sequence`}>{t("sequences:agenda.form.sequence")}</label>
        <select id={`${id}-sequence`} name="sequence" value={sequence} onChange={(e) => setSequence(e.target.value as SequenceKind | "")}>
          <option value="">{t("sequences:agenda.form.noSequence")}</option>
          {sequenceKinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`sequences:kinds.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      {!endError && <ErrorNotice error={failure} />}
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy || !title.trim() || !startsAt || !endsAt}>
          {slot ? t("common:save") : t("sequences:agenda.form.add")}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t("common:cancel")}
        </button>
      </div>
    </form>
  );
}
