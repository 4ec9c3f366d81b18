// Every locale ships every key, every error code has a message, and every key
// the client asks for exists.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { errorCodes } from "../../shared/errors.js";
import { roles } from "../../shared/permissions.js";

const localesDir = resolve("locales");
const languages = readdirSync(localesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const namespaces = [...new Set(languages.flatMap((language) => readdirSync(join(localesDir, language)).filter((f) => f.endsWith(".json"))))]
  .map((file) => file.replace(/\.json$/, ""))
  .sort();

type Tree = { [key: string]: string | Tree };

function load(language: string, namespace: string): Tree | undefined {
  try {
    return JSON.parse(readFileSync(join(localesDir, language, `${namespace}.json`), "utf8")) as Tree;
  } catch {
    return undefined;
  }
}

function flatten(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [prefix + key] : flatten(value, `${prefix}${key}.`),
  );
}

// i18next plural forms: key_one, key_other… French and Spanish need "many", English does
// not, yet every locale holds the same keys (English repeats its "other" form), so a
// translator sees one list everywhere. Each language's own plural categories are checked too.
const pluralSuffix = /_(zero|one|two|few|many|other)$/;
const baseKeys = (keys: string[]) => [...new Set(keys.map((key) => key.replace(pluralSuffix, "")))].sort();

describe("locales", () => {
  it("ship at least French, English and Spanish", () => {
    expect(languages).toEqual(expect.arrayContaining(["fr", "en", "es"]));
  });

  for (const namespace of namespaces) {
    it(`have the same keys in ${namespace}.json for every language`, () => {
      const keysByLanguage = Object.fromEntries(
        languages.map((language) => {
          const tree = load(language, namespace);
          return [language, tree ? flatten(tree).sort() : null];
        }),
      );
      const allKeys = [...new Set(Object.values(keysByLanguage).flatMap((keys) => keys ?? []))].sort();
      const missing = Object.fromEntries(
        languages.map((language) => [language, keysByLanguage[language] ? allKeys.filter((key) => !keysByLanguage[language]!.includes(key)) : ["<file missing>"]]),
      );
      expect(missing).toEqual(Object.fromEntries(languages.map((language) => [language, []])));
    });
  }

  it("give every plural key all the plural forms its language needs", () => {
    const problems: string[] = [];
    for (const language of languages) {
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      for (const namespace of namespaces) {
        const keys = flatten(load(language, namespace) ?? {});
        const pluralBases = new Set(keys.filter((key) => pluralSuffix.test(key)).map((key) => key.replace(pluralSuffix, "")));
        for (const base of pluralBases) {
          for (const category of categories) {
            if (!keys.includes(`${base}_${category}`)) problems.push(`${language}/${namespace}: ${base}_${category}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("have a message in errors.json for every error code of the API", () => {
    const missing = languages.flatMap((language) => {
      const errors = load(language, "errors") ?? {};
      return errorCodes.filter((code) => typeof errors[code] !== "string").map((code) => `${language}: ${code}`);
    });
    expect(missing).toEqual([]);
  });

  it("name every role", () => {
    const missing = languages.flatMap((language) => {
      const names = (load(language, "common")?.roles ?? {}) as Tree;
      return roles.filter((role) => typeof names[role] !== "string").map((role) => `${language}: ${role}`);
    });
    expect(missing).toEqual([]);
  });

  it("hold every literal key the client asks for", () => {
    const sources = readdirRecursive(resolve("client/src")).filter((file) => /\.tsx?$/.test(file));
    const used = new Set<string>();
    for (const file of sources) {
      // t("namespace:key.path") — keys built at run time (with ${…}) are covered by the tests above.
      for (const match of readFileSync(file, "utf8").matchAll(/\bt\(\s*"([a-z]+):([A-Za-z0-9_.]+)"/g)) used.add(`${match[1]}:${match[2]}`);
    }
    expect(used.size).toBeGreaterThan(20);
    const english = Object.fromEntries(namespaces.map((namespace) => [namespace, baseKeys(flatten(load("en", namespace) ?? {}))]));
    const missing = [...used].filter((key) => {
      const [namespace, path] = key.split(":") as [string, string];
      return !english[namespace]?.includes(path);
    });
    expect(missing).toEqual([]);
  });
});

function readdirRecursive(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? readdirRecursive(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
