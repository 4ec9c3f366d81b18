// A workshop's working languages, each named in its own language.
import { languageNames } from "../../../shared/languages.js";

export function LanguageList({ languages, label }: { languages: string[]; label: string }) {
  return (
    <ul className="tags" aria-label={label}>
      {languages.map((code) => (
        <li key={code} className="tag" lang={code}>
          {languageNames[code] ?? code}
        </li>
      ))}
    </ul>
  );
}
