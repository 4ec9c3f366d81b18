// The words an export prints (watermark, "not translated", metadata labels), from
// locales/<lang>/export.json like every UI string; languages without a locale read English.
import { readFileSync } from "node:fs";
import { toUiLanguage, type UiLanguage } from "../../shared/languages.js";

type Tree = { [key: string]: string | Tree };

const cache = new Map<string, Tree>();
function localeOf(namespace: string, language: UiLanguage): Tree {
  const key = `${language}/${namespace}`;
  let tree = cache.get(key);
  if (!tree) {
    tree = JSON.parse(readFileSync(new URL(`../../locales/${language}/${namespace}.json`, import.meta.url), "utf8")) as Tree;
    cache.set(key, tree);
  }
  return tree;
}

/**
 * `t("document.state.missing")` in one namespace of the UI strings, with `{{name}}` filled
 * from `values`; a `count` value picks the plural form (`key_one`, `key_other`…) as i18next does.
 */
export function localeLabels(namespace: string, language: string) {
  const uiLanguage = toUiLanguage(language);
  const tree = localeOf(namespace, uiLanguage);
  const plurals = new Intl.PluralRules(uiLanguage);
  const lookup = (key: string): string | Tree | undefined => {
    let node: string | Tree | undefined = tree;
    for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
    return node;
  };
  return (key: string, values: Record<string, string | number> = {}): string => {
    const plural = values.count !== undefined ? (lookup(`${key}_${plurals.select(Number(values.count))}`) ?? lookup(`${key}_other`)) : undefined;
    const node = plural ?? lookup(key);
    if (typeof node !== "string") throw new Error(`no ${namespace} label ${key}`);
    return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ""));
  };
}

/** `t("document.state.missing")` in locales/<lang>/export.json. */
export const exportLabels = (language: string) => localeLabels("export", language);

export type ExportLabels = ReturnType<typeof exportLabels>;

export function formatDate(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(new Date(iso)) + " UTC";
}
