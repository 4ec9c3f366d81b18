// A labelled choice of language, each named in its own language ("Español").
import { languageNames } from "../../../shared/languages.js";

type Props = { id: string; label: string; languages: readonly string[]; value: string; onChange: (language: string) => void };

export function LanguageSelect({ id, label, languages, value, onChange }: Props) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {languages.map((code) => (
          <option key={code} value={code} lang={code}>
            {languageNames[code] ?? code}
          </option>
        ))}
      </select>
    </div>
  );
}
