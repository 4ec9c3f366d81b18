// The titles of a list (fiches, threads, proposals) in the reader's language, fetched in
// one request for the whole list and kept current as translations arrive. A title shows
// its translation with a short mark when a machine made it or it is out of date; the
// original stays one hover or focus away in its `title`.
import { useTranslation } from "react-i18next";
import type { TranslationTargetKind } from "../../../shared/domain/translations.js";
import type { Translation } from "../../../shared/schemas/translations.js";
import { useWorkshopEvents } from "../live/workshopEvents.js";
import { useResource } from "../ui/useResource.js";
import { translationApi } from "./translationApi.js";
import { useReaderLanguage } from "./useTranslations.js";
import "./translation.css";

export type TitleTranslations = ReadonlyMap<string, Translation>;

export function useTranslatedTitles(workshopId: string, targetKind: TranslationTargetKind, field: string, targetIds: readonly string[]): TitleTranslations {
  const reader = useReaderLanguage();
  const ids = targetIds.slice(0, 200);
  const key = ids.join(",");
  const titles = useResource(
    async () => (key ? await translationApi.field(workshopId, targetKind, field, reader, ids) : []),
    [workshopId, targetKind, field, reader, key],
  );
  useWorkshopEvents({
    "translation.updated": (event) => event.targetKind === targetKind && event.field === field && ids.includes(event.targetId) && titles.reload(),
  });
  // A title written in the reader's language has nothing to translate.
  return new Map((titles.data ?? []).flatMap((item) => (item.translation && item.sourceLanguage !== reader ? [[item.targetId, item.translation] as const] : [])));
}

/** A title in the reader's language when translated; `original` otherwise. */
export function TranslatedTitle({ original, translation }: { original: string; translation: Translation | undefined }) {
  const { t } = useTranslation("translation");
  if (!translation || typeof translation.text !== "string") return <>{original}</>;
  const mark = translation.stale ? t("translation:title.stale") : translation.machine ? t("translation:title.machine") : null;
  return (
    <>
      <span lang={translation.language} title={original} data-testid="translated-title">
        {translation.text}
      </span>
      {mark && <span className="title-mark"> · {mark}</span>}
    </>
  );
}
