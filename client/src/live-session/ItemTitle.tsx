// What was put on every screen or pinned, named in the reader's language: the title as it was
// written (`label`, from the server), with its stored translation when it has one.
import { useTranslation } from "react-i18next";
import type { LiveItem, PinnedRef } from "../../../shared/schemas/live-session.js";
import { ficheField } from "../translation/sourceText.js";
import { Translated } from "../translation/Translated.js";

/** Where each kind keeps its title, as its translation source names it; a post and a passage are shown as written. */
function titleField(workshopId: string, item: LiveItem | PinnedRef) {
  switch (item.kind) {
    case "fiche":
      return { targetKind: "fiche" as const, targetId: item.id, field: ficheField.title };
    case "thread":
    case "proposal":
      return { targetKind: item.kind, targetId: item.id, field: "title" };
    case "agendaSlot":
      return { targetKind: "agendaItem" as const, targetId: item.id, field: "title" };
    case "question":
      return { targetKind: "workshop" as const, targetId: workshopId, field: `question:${item.id}` };
    default:
      return null;
  }
}

/** `label` empty: an entry from before titles were kept, named by its kind; null: gone from the workshop. */
export function ItemTitle({ workshopId, item, label }: { workshopId: string; item: LiveItem | PinnedRef; label: string | null }) {
  const { t } = useTranslation("liveSession");
  if (label === null) return <>{t("liveSession:minutes.gone")}</>;
  if (!label) return <>{t(`liveSession:kinds.${item.kind}`)}</>;
  const target = titleField(workshopId, item);
  if (!target) return <>{label}</>;
  return <Translated workshopId={workshopId} {...target} original={label} render={(text, lang) => <span lang={lang}>{text}</span>} />;
}
