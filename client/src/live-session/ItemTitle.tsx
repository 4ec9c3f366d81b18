// What was put on every screen or pinned, named in the reader's language: the title as it was
// written (`label`, from the server), with its stored translation when it has one.
import { useTranslation } from "react-i18next";
import { itemHeading } from "../../../shared/domain/live-session.js";
import type { LiveItem, PinnedRef } from "../../../shared/schemas/live-session.js";
import { Translated } from "../translation/Translated.js";

/** `label` empty: an entry from before titles were kept, named by its kind; null: gone from the workshop. */
export function ItemTitle({ workshopId, item, label }: { workshopId: string; item: LiveItem | PinnedRef; label: string | null }) {
  const { t } = useTranslation("liveSession");
  if (label === null) return <>{t("liveSession:minutes.gone")}</>;
  if (!label) return <>{t(`liveSession:kinds.${item.kind}`)}</>;
  // A post's first words and a passage are shown as written: their label is not the whole field.
  if (item.kind === "post" || item.kind === "synthesisPassage") return <>{label}</>;
  return <Translated workshopId={workshopId} {...itemHeading(workshopId, item)} original={label} render={(text, lang) => <span lang={lang}>{text}</span>} />;
}
