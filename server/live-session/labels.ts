// The words the server writes for a live session (the projector's field labels, the minutes),
// from locales/<lang>/liveSession.json like the UI's, through i18next so plurals follow each language.
import { readFileSync } from "node:fs";
import { createInstance, type TFunction } from "i18next";
import { toUiLanguage, uiLanguages } from "../../shared/languages.js";

const namespaces = ["liveSession", "sequences"] as const;

const i18n = createInstance();
void i18n.init({
  resources: Object.fromEntries(
    uiLanguages.map((language) => [
      language,
      Object.fromEntries(namespaces.map((ns) => [ns, JSON.parse(readFileSync(new URL(`../../locales/${language}/${ns}.json`, import.meta.url), "utf8"))])),
    ]),
  ),
  fallbackLng: "en",
  ns: [...namespaces],
  defaultNS: "liveSession",
  initAsync: false,
  // What these strings become (rich text, files) is escaped by its writer.
  interpolation: { escapeValue: false },
});

/** `t("minutes.title")` in a content language; languages without a locale read English. */
export const labelsIn = (language: string): TFunction => i18n.getFixedT(toUiLanguage(language));
