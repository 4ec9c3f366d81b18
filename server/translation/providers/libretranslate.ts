// LibreTranslate over HTTP (POST /translate), configured by URL and key. One request per batch:
// LibreTranslate takes an array in `q` and answers with an array.
import type { TranslationProvider } from "./provider.js";

/** What LibreTranslate's public instances serve among Navette's content languages. */
const languages = new Set(["fr", "en", "es", "pt", "de", "it", "ca", "ar", "nl"]);

export function createLibreTranslateProvider(options: { url: string; key?: string; timeoutMs?: number }): TranslationProvider {
  const endpoint = new URL("translate", options.url.endsWith("/") ? options.url : `${options.url}/`).href;
  const timeoutMs = options.timeoutMs ?? 60_000;
  return {
    name: "libretranslate",
    maxBatchChars: 50_000,
    supports: (from, to) => from !== to && languages.has(from) && languages.has(to),
    label: () => "libretranslate",
    async translate(batch, from, to) {
      if (!batch.length) return [];
      // One format per request: html covers plain text too once escaped, so split by format.
      const results: string[] = new Array(batch.length);
      for (const format of ["html", "plain"] as const) {
        const indexes = batch.flatMap((s, i) => (s.format === format ? [i] : []));
        if (!indexes.length) continue;
        const response = await fetch(endpoint, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ q: indexes.map((i) => batch[i]!.text), source: from, target: to, format: format === "html" ? "html" : "text", ...(options.key && { api_key: options.key }) }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!response.ok) throw new Error(`libretranslate answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
        const body = (await response.json()) as { translatedText?: string | string[] };
        const texts = Array.isArray(body.translatedText) ? body.translatedText : [body.translatedText];
        if (texts.length !== indexes.length || texts.some((t) => typeof t !== "string")) throw new Error("libretranslate answered with a different number of texts");
        indexes.forEach((index, n) => (results[index] = texts[n]!));
      }
      return results;
    },
  };
}
