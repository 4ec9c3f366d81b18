// Chooses the machine translation provider from the configuration.
import type { Logger } from "pino";
import { createApertiumProvider } from "./apertium.js";
import { createLibreTranslateProvider } from "./libretranslate.js";
import { noProvider, type TranslationProvider } from "./provider.js";

export { createApertiumProvider, apertiumRoute, installedApertiumModes } from "./apertium.js";
export { createLibreTranslateProvider } from "./libretranslate.js";
export { noProvider, type MachineSegment, type TranslationProvider } from "./provider.js";

export function providerFromConfig(config: { translationProvider: string; libreTranslateUrl: string; libreTranslateKey: string }, logger: Logger): TranslationProvider {
  switch (config.translationProvider) {
    case "none":
      return noProvider;
    case "libretranslate":
      if (!config.libreTranslateUrl) {
        logger.warn("TRANSLATION_PROVIDER=libretranslate but LIBRETRANSLATE_URL is empty: machine translation is off");
        return noProvider;
      }
      return createLibreTranslateProvider({ url: config.libreTranslateUrl, key: config.libreTranslateKey || undefined });
    case "apertium":
    case "auto": {
      const apertium = createApertiumProvider();
      if (!apertium && config.translationProvider === "apertium") logger.warn("TRANSLATION_PROVIDER=apertium but the apertium command is missing: machine translation is off");
      return apertium ?? noProvider;
    }
    default:
      logger.warn({ provider: config.translationProvider }, "unknown TRANSLATION_PROVIDER: machine translation is off");
      return noProvider;
  }
}
