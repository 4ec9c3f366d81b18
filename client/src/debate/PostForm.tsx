// Writing a post: rich text and an optional stance; also used to edit one's own post.
// Read-only, the text kept, while the debate sequence is closed.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { emptyRichText, isRichTextEmpty, type RichTextDoc } from "../../../shared/richtext.js";
import type { Stance } from "../../../shared/schemas/contributions.js";
import { SequenceFields, useSequenceForm } from "../sequences/sequenceState.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { RichTextField } from "../ui/RichTextField.js";
import { StancePicker } from "./Stance.js";

type Props = {
  label: string;
  submitLabel: string;
  initial?: { body: RichTextDoc; stance: Stance | null };
  onSubmit: (value: { body: RichTextDoc; stance: Stance | null }) => Promise<unknown>;
  onCancel?: () => void;
  name: string;
};

export function PostForm({ label, submitLabel, initial, onSubmit, onCancel, name }: Props) {
  const { t } = useTranslation("debate");
  const [body, setBody] = useState<RichTextDoc>(initial?.body ?? emptyRichText());
  const [stance, setStance] = useState<Stance | null>(initial?.stance ?? null);
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
      setBody(emptyRichText());
      setStance(null);
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
        <RichTextField label={label} value={body} onChange={setBody} resetKey={initial ? undefined : sent} />
        <StancePicker value={stance} onChange={setStance} name={`stance-${name}`} />
      </SequenceFields>
      <ErrorNotice error={failure} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy || isRichTextEmpty(body) || !sequence.writable}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            {t("debate:cancel")}
          </button>
        )}
      </div>
    </form>
  );
}

