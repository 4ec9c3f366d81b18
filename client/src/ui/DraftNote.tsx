// Says that a form's text is kept on this device, and since when.
import { useTranslation } from "react-i18next";
import { formatTime } from "./format.js";

export function DraftNote({ savedAt }: { savedAt: string | null }) {
  const { t } = useTranslation("common");
  if (!savedAt) return null;
  return (
    <p className="hint draft-note" data-testid="draft-saved">
      {t("common:draft.savedAt", { time: formatTime(savedAt) })}
    </p>
  );
}
