// The translation capability: stored translations of user content, machine drafts in the
// background, staleness and the translator's queue. The only file other folders import.
//
// Other capabilities make their content translatable by registering a source:
//
//   translation.registerSource({
//     kind: "fiche",
//     load: async (workshopId, ficheId) => ({ label, fields: [{ field: "rows.lessons", format: "rich", value }], authorIds, visibleTo }),
//     list: async (workshopId) => ficheIds,   // for the translator's queue
//   });
//
// Translations then attach to (kind, targetId, field, language); a source edit makes them
// stale by itself (the hash of the field's text changes). Calling `sourceChanged(ref)` after a
// write is optional: it queues machine drafts into the workshop's other working languages.
import type { TranslationTargetKind } from "../../shared/domain/translations.js";
import type { Logger } from "pino";
import type { Storage } from "../storage/port.js";
import { providerFromConfig, type TranslationProvider } from "./providers/index.js";
import { TranslationQueue } from "./queue.js";
import { createTranslationService, type TargetRef, type TranslationEvent } from "./service.js";
import { SourceRegistry, workshopSource, type TranslatableSource } from "./sources.js";

export { translationRoutes } from "./routes.js";
export { peopleOf, presentTranslation } from "./presenter.js";
export { detectLanguage, plainOf, sourceHash } from "./source-text.js";
export type { LoadedSource, SourceField, SourceReader, TranslatableSource } from "./sources.js";
export type { TargetRef, TranslationEvent, TranslationService } from "./service.js";
export { createApertiumProvider, createLibreTranslateProvider, noProvider, type TranslationProvider } from "./providers/index.js";

export interface TranslationOptions {
  storage: Storage;
  logger: Logger;
  emit: (event: TranslationEvent) => void;
  /** Default: chosen by `config` (TRANSLATION_PROVIDER…). */
  provider?: TranslationProvider;
  config: { translationProvider: string; libreTranslateUrl: string; libreTranslateKey: string; translationQueueMax: number };
}

export function createTranslation(options: TranslationOptions) {
  const provider = options.provider ?? providerFromConfig(options.config, options.logger);
  const queue = new TranslationQueue(provider, { max: options.config.translationQueueMax, logger: options.logger });
  const sources = new SourceRegistry();
  sources.register(workshopSource(options.storage));
  const service = createTranslationService({ storage: options.storage, sources, queue, logger: options.logger, emit: options.emit });
  options.logger.info({ provider: provider.name }, "machine translation provider");
  return {
    service,
    provider,
    queue,
    /** Makes a capability's content translatable; one source per target kind. */
    registerSource: (source: TranslatableSource) => sources.register(source),
    /** The registered source of a target kind, to read a target's fields (a live session's projector). */
    sourceOf: (kind: TranslationTargetKind) => sources.get(kind),
    /**
     * After a write: detects the source's language and queues machine drafts into the workshop's
     * other working languages. Never waits and never throws: the write it follows must not slow
     * down or fail because of translation; problems are logged.
     */
    sourceChanged(ref: TargetRef): void {
      setImmediate(() => {
        service.draftWorkingLanguages(ref).catch((err) => options.logger.error({ err, ...ref }, "machine drafts after a write failed"));
      });
    },
    close: () => queue.close(),
  };
}

export type Translation = ReturnType<typeof createTranslation>;
