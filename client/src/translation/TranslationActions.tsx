// What a translator can do to one field's translation besides writing it: review a
// colleague's draft, confirm a translation still holds after a source edit, or ask for a
// machine draft. The same buttons in the workspace of contributions and of the synthesis.
import { useTranslation } from "react-i18next";
import type { Translation } from "../../../shared/schemas/translations.js";
import { ApiRequestError } from "../api.js";
import { translationApi, type FieldRef } from "./translationApi.js";

// A refused machine job reads as the API's own error.
export const machineRefused = new ApiRequestError(409, { code: "translation_unavailable", message: "machine translation refused" });

/** Asks for machine drafts; throws when every job was refused (queue full, pair not supported). */
export async function requestMachineDraft(reference: FieldRef, fields: string[] = [reference.field]): Promise<void> {
  const result = await translationApi.requestMachine(reference, [reference.language], fields);
  if (result.jobs.length > 0 && result.jobs.every((job) => job.state === "refused")) throw machineRefused;
}

type Props = {
  reference: FieldRef;
  record: Translation | null | undefined;
  canReview: boolean;
  /** Whether a machine draft may be asked for, given the record. */
  offerMachine: boolean;
  busy: boolean;
  /** Runs an action and says `message` once it is done. */
  run: (action: () => Promise<unknown>, message: string) => void;
  /** `translation` gives data-testid="translation-review", and so on. */
  testIdPrefix: string;
  small?: boolean;
};

export function TranslationActions({ reference, record, canReview, offerMachine, busy, run, testIdPrefix, small = false }: Props) {
  const { t } = useTranslation("translation");
  const className = small ? "button small" : "button";
  return (
    <>
      {canReview && (
        <button type="button" className={className} data-testid={`${testIdPrefix}-review`} disabled={busy} onClick={() => run(() => translationApi.review(reference), t("translation:editor.reviewed"))}>
          {t("translation:editor.review")}
        </button>
      )}
      {record?.stale && (
        <button type="button" className={className} data-testid={`${testIdPrefix}-confirm`} disabled={busy} onClick={() => run(() => translationApi.confirm(reference), t("translation:editor.confirmed"))}>
          {t("translation:editor.confirm")}
        </button>
      )}
      {offerMachine && (
        <button type="button" className={className} data-testid={`${testIdPrefix}-machine`} disabled={busy} onClick={() => run(() => requestMachineDraft(reference), t("translation:editor.machineRequested"))}>
          {t("translation:editor.requestMachine")}
        </button>
      )}
    </>
  );
}
