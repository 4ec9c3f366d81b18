// Languages Navette knows: UI locales shipped, and codes accepted for content.

export const uiLanguages = ["fr", "en", "es"] as const;
export type UiLanguage = (typeof uiLanguages)[number];

/** ISO 639-1 codes a workshop may work in; names are shown in their own language. */
export const languageNames: Record<string, string> = {
  fr: "Français",
  en: "English",
  es: "Español",
  pt: "Português",
  de: "Deutsch",
  it: "Italiano",
  ca: "Català",
  ar: "العربية",
  wo: "Wolof",
  nl: "Nederlands",
};

export const contentLanguages = Object.keys(languageNames) as [string, ...string[]];

export function toUiLanguage(code: string | undefined | null): UiLanguage {
  const base = (code ?? "").slice(0, 2).toLowerCase();
  return (uiLanguages as readonly string[]).includes(base) ? (base as UiLanguage) : "en";
}
