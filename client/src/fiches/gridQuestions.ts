// The reading grid's questions as labels in the reader's language: the fiche's rows when read
// and its fields when written use the same words.
import { useShowsOriginal } from "../translation/Translated.js";
import { useReaderLanguage, useTranslations } from "../translation/useTranslations.js";

/**
 * Each question's stored translation into the reader's language, else its own words. Inside a
 * TranslatedItem of the workshop, that item's toggle to the original applies.
 */
export function useQuestionText(workshopId: string): (question: { id: string; text: string }) => string {
  const reader = useReaderLanguage();
  const { data } = useTranslations(workshopId, "workshop", workshopId);
  const showOriginal = useShowsOriginal({ workshopId, targetKind: "workshop", targetId: workshopId });
  // A label has no room for a warning: an out-of-date translation gives way to the original.
  const translated = (id: string) => data?.translations.find((tr) => tr.field === `question:${id}` && tr.language === reader && !tr.stale)?.text;
  return (question) => {
    const text = showOriginal ? undefined : translated(question.id);
    return typeof text === "string" ? text : question.text;
  };
}
