// How far people have translated, one bar per language: for a workshop's fields and for a
// synthesis' passages alike.
import { useTranslation } from "react-i18next";
import type { LanguageProgress } from "../../../shared/schemas/translations.js";
import { languageName } from "./Translated.js";

type Props = {
  progress: readonly LanguageProgress[];
  /** The sentence that counts what is done, e.g. "translation:workspace.progressText". */
  textKey: string;
  idPrefix: string;
  testId: string;
};

export function LanguageProgressList({ progress, textKey, idPrefix, testId }: Props) {
  const { t } = useTranslation("translation");
  return (
    <ul className="translate-progress" data-testid={testId}>
      {progress.map((p) => {
        const percent = Math.round(p.progress * 100);
        const id = `${idPrefix}-${p.language}`;
        return (
          <li key={p.language} data-language={p.language}>
            <span id={id}>{languageName(p.language)}</span>
            <progress max={100} value={percent} aria-labelledby={id} aria-valuetext={t("translation:workspace.percent", { percent })} />
            <span className="progress-text">
              {t(textKey, { percent, done: p.draft + p.reviewed, total: p.total })}{" "}
              {t("translation:workspace.progressDetail", { missing: p.missing, machine: p.machine, stale: p.stale, reviewed: p.reviewed })}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
