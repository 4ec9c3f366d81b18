// What can be translated. Capabilities register a source per target kind, so translation never
// imports them: the workshops' own fields are registered here, contributions register theirs.
import type { FieldFormat, TranslationTargetKind } from "../../shared/domain/translations.js";
import type { Role } from "../../shared/permissions.js";
import type { RichTextDoc } from "../../shared/richtext.js";
import type { Storage } from "../storage/port.js";

/** One translatable field of a target, with its current source value. */
export interface SourceField {
  /** Stable within the target: "title", "description", "question:<id>", "rows.lessons"… */
  field: string;
  format: FieldFormat;
  /** A string for plain fields, a ProseMirror doc (shared/richtext.ts) for rich ones. */
  value: string | RichTextDoc;
}

export interface SourceReader {
  userId: string;
  role: Role;
}

/** A target as its capability presents it for translation. */
export interface LoadedSource {
  /** A short label for the translator's queue (a title, the first words). */
  label: string;
  fields: SourceField[];
  /** The language the capability recorded for it (detected on write), if it keeps one. */
  language?: string | null;
  /** Who wrote it: they may correct its source language; their language is the last fallback. */
  authorIds?: string[];
  /** False hides the target, and its translations, from this reader (a draft fiche…); default: every member. */
  visibleTo?(reader: SourceReader): boolean;
}

/**
 * What a capability registers with `registerSource` (server/translation/index.ts):
 * `load` answers null for an unknown target; `list` enumerates targets for the translator's queue.
 */
export interface TranslatableSource {
  kind: TranslationTargetKind;
  load(workshopId: string, targetId: string): Promise<LoadedSource | null>;
  list?(workshopId: string): Promise<string[]>;
}

export class SourceRegistry {
  private readonly sources = new Map<TranslationTargetKind, TranslatableSource>();

  register(source: TranslatableSource): void {
    if (this.sources.has(source.kind)) throw new Error(`a translation source for ${source.kind} is already registered`);
    this.sources.set(source.kind, source);
  }

  get(kind: TranslationTargetKind): TranslatableSource | undefined {
    return this.sources.get(kind);
  }

  all(): TranslatableSource[] {
    return [...this.sources.values()];
  }
}

/** A workshop's title, description and reading-grid questions (`question:<id>`, ids stay stable across grid versions). */
export function workshopSource(storage: Storage): TranslatableSource {
  return {
    kind: "workshop",
    async load(workshopId, targetId) {
      if (targetId !== workshopId) return null;
      const workshop = await storage.workshops.byId(workshopId);
      if (!workshop) return null;
      return {
        label: workshop.title,
        fields: [
          { field: "title", format: "plain", value: workshop.title },
          { field: "description", format: "plain", value: workshop.description },
          ...workshop.readingGrid.questions.map((q) => ({ field: `question:${q.id}`, format: "plain" as const, value: q.text })),
        ],
        authorIds: [workshop.createdBy],
      };
    },
    async list(workshopId) {
      return [workshopId];
    },
  };
}
