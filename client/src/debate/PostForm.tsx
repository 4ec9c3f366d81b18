// Writing a post: rich text and an optional stance; also used to edit one's own post.
// Read-only, the text kept, while the debate sequence is closed.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { emptyRichText, isRichTextEmpty, type RichTextDoc } from "../../../shared/richtext.js";
import type { Stance } from "../../../shared/schemas/contributions.js";
import { SequenceFields, useSequenceForm } from "../sequences/sequenceState.js";
import { DraftNote } from "../ui/DraftNote.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { RichTextField } from "../ui/RichTextField.js";
import { useLocalDraft } from "../ui/useLocalDraft.js";
import { StancePicker } from "./Stance.js";

type Props = {
  label: string;
  submitLabel: string;
  initial?: { body: RichTextDoc; stance: Stance | null };
  onSubmit: (value: { body: RichTextDoc; stance: Stance | null }) => Promise<unknown>;
  onCancel?: () => void;
  name: string;
  /** Which draft on this device is this form's (see useLocalDraft). */
  draftName: string;
};

export function PostForm({ label, submitLabel, initial, onSubmit, onCancel, name, draftName }: Props) {
  const { t } = useTranslation("debate");
  const draft = useLocalDraft<{ body: RichTextDoc; stance: Stance | null }>(draftName, { body: initial?.body ?? emptyRichText(), stance: initial?.stance ?? null });
  const { body, stance } = draft.value;
  const [sent, setSent] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  // An open edit counts as unsent even before a change; a new post once something is typed.
  const sequence = useSequenceForm("debate", { writing: Boolean(initial) || !isRichTextEmpty(body) });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await onSubmit({ body, stance });
      draft.reset();
      setSent((n) => n + 1);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form post-form" onSubmit={(event) => void submit(event)} data-testid={`post-form-${name}`}>
      <SequenceFields form={sequence}>
        <RichTextField label={label} value={body} onChange={(doc) => draft.set({ body: doc })} resetKey={initial ? undefined : sent} />
        <StancePicker value={stance} onChange={(choice) => draft.set({ stance: choice })} name={`stance-${name}`} />
      </SequenceFields>
      <ErrorNotice error={failure} />
      <DraftNote savedAt={draft.savedAt} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy || isRichTextEmpty(body) || !sequence.writable}>
          {submitLabel}
        </button>
        {onCancel && (
          <button
            type="button"
            className="button"
            onClick={() => {
              draft.reset();
              onCancel();
            }}
          >
            {t("debate:cancel")}
          </button>
        )}
      </div>
    </form>
  );
}

