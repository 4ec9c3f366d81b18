// UI strings: every locales/<lang>/<namespace>.json is bundled, the browser's
// language is the default, and the reader's choice is remembered in localStorage.
import i18n from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import { initReactI18next } from "react-i18next";
import { uiLanguages, type UiLanguage } from "../../shared/languages.js";

export const namespaces = ["common", "auth", "workshops", "synthesis", "errors", "sequences", "fiches", "debate", "proposals", "reading", "translation", "liveSession"] as const;
export const languageStorageKey = "navette.language";

type Resources = Record<string, Record<string, Record<string, unknown>>>;

function loadResources(): Resources {
  const files = import.meta.glob<{ default: Record<string, unknown> }>("../../locales/*/*.json", { eager: true });
  const resources: Resources = {};
  for (const [path, module] of Object.entries(files)) {
    const match = /locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!match) continue;
    const [, language, namespace] = match as unknown as [string, string, string];
    (resources[language] ??= {})[namespace] = module.default;
  }
  return resources;
}

export function isUiLanguage(code: string | undefined | null): code is UiLanguage {
  return (uiLanguages as readonly string[]).includes(code ?? "");
}

/** The UI language in use, always one of the shipped locales. */
export function currentLanguage(): UiLanguage {
  const language = i18n.resolvedLanguage;
  return isUiLanguage(language) ? language : "en";
}

i18n.on("languageChanged", () => {
  document.documentElement.lang = currentLanguage();
});

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: loadResources(),
    supportedLngs: [...uiLanguages],
    fallbackLng: "en",
    ns: [...namespaces],
    defaultNS: "common",
    load: "languageOnly",
    detection: {
      order: ["localStorage", "navigator"],
      lookupLocalStorage: languageStorageKey,
      caches: ["localStorage"],
      // The browser may say "fr-CA" or "es-419"; our locales are by base language.
      convertDetectedLanguage: (language: string) => language.slice(0, 2).toLowerCase(),
    },
    // Resources are bundled, so initialise synchronously: the first render has its strings.
    initAsync: false,
    react: { useSuspense: false },
    // React already escapes what it renders.
    interpolation: { escapeValue: false },
  });

export default i18n;
