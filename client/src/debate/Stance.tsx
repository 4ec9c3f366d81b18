// A stance on a post (agree, disagree, question): an icon with its word, never colour alone.
import { useTranslation } from "react-i18next";
import type { Stance } from "../../../shared/schemas/contributions.js";

const icons: Record<Stance, string> = { agree: "✓", disagree: "✗", question: "?" };
const stances = ["agree", "disagree", "question"] as const;

export function StanceBadge({ stance }: { stance: Stance | null }) {
  const { t } = useTranslation("debate");
  if (!stance) return null;
  return (
    <span className={`stance stance-${stance}`}>
      <span aria-hidden="true">{icons[stance]}</span> {t(`debate:stance.${stance}`)}
    </span>
  );
}

export function StancePicker({ value, onChange, name }: { value: Stance | null; onChange: (stance: Stance | null) => void; name: string }) {
  const { t } = useTranslation("debate");
  return (
    <fieldset className="field stance-picker">
      <legend>{t("debate:stance.label")}</legend>
      <div className="radio-row">
        <label className="checkbox">
          <input type="radio" name={name} checked={value === null} onChange={() => onChange(null)} />
          {t("debate:stance.none")}
        </label>
        {stances.map((stance) => (
          <label key={stance} className={`checkbox stance-option stance-${stance}`}>
            <input type="radio" name={name} value={stance} checked={value === stance} onChange={() => onChange(stance)} />
            <span aria-hidden="true">{icons[stance]}</span> {t(`debate:stance.${stance}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
