// The words an export prints (watermark, "not translated", metadata labels), from
// locales/<lang>/export.json like every UI string; languages without a locale read English.
import { readFileSync } from "node:fs";
import { toUiLanguage, type UiLanguage } from "../../shared/languages.js";

type Tree = { [key: string]: string | Tree };

const cache = new Map<UiLanguage, Tree>();
function localeOf(language: UiLanguage): Tree {
  let tree = cache.get(language);
  if (!tree) {
    tree = JSON.parse(readFileSync(new URL(`../../locales/${language}/export.json`, import.meta.url), "utf8")) as Tree;
    cache.set(language, tree);
  }
  return tree;
}

/** `t("document.state.missing")`, with `{{name}}` filled from `values`. */
export function exportLabels(language: string) {
  const tree = localeOf(toUiLanguage(language));
  return (key: string, values: Record<string, string> = {}): string => {
    let node: string | Tree | undefined = tree;
    for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
    if (typeof node !== "string") throw new Error(`no export label ${key}`);
    return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? "");
  };
}

export type ExportLabels = ReturnType<typeof exportLabels>;

export function formatDate(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(new Date(iso)) + " UTC";
}
