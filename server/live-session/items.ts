// What may go on every screen, and how it reads there. Fiches, threads, posts, proposals,
// agenda slots, the reading grid and the synthesis are read through the translation service:
// one way in, which already knows whether a target is in this workshop, who may read it (a
// draft fiche or a hidden post is not for the room), its source language and which stored
// translations are current.
import { itemHeading } from "../../shared/domain/live-session.js";
import { translationState, type TranslationState, type TranslationTargetKind } from "../../shared/domain/translations.js";
import type { LiveItem, PinnedRef } from "../../shared/schemas/live-session.js";
import { AppError } from "../errors.js";
import { plainOf, type SourceField, type SourceReader, type TranslationService } from "../translation/index.js";

/** The room as a whole: a participant who wrote none of it. */
const room: SourceReader = { userId: "", role: "participant" };

/** A field's text without markup: a stored rich translation is the JSON of its doc. */
const plainRecord = (record: { format: SourceField["format"]; text: string }) => plainOf(record.format, record.format === "rich" ? JSON.parse(record.text) : record.text);

/** A post has no title: its first words stand for it. */
const labelOf = (text: string) => (text.length > 120 ? `${text.slice(0, 119).trimEnd()}…` : text).replace(/\s+/g, " ");

export interface ShownText {
  language: string;
  title: string;
  /** `source`: the original in its own language; `missing` and `stale` show the original or the old translation, said so. */
  state: TranslationState | "source";
  origin: "original" | "human" | "machine";
}

export function roomItems(translation: Pick<TranslationService, "list">) {
  /** A target's field and what translation knows of it, when the room may read it; null when it is gone or not for the room. */
  async function find(ref: { workshopId: string; targetKind: TranslationTargetKind; targetId: string }, name: string) {
    try {
      const { target, records } = await translation.list(ref, room);
      const field = target.fields.find((f) => f.field === name);
      return field ? { target, records, field } : null;
    } catch (error) {
      if (error instanceof AppError && error.status === 404) return null;
      throw error;
    }
  }
  const findItem = (workshopId: string, item: LiveItem | PinnedRef) => {
    const { field, ...ref } = itemHeading(workshopId, item);
    return find({ workshopId, ...ref }, field);
  };

  /** A field in each language: a current translation, else the original or the outdated one, marked. */
  function inLanguages(found: NonNullable<Awaited<ReturnType<typeof find>>>, languages: string[]): ShownText[] {
    const { target, records, field } = found;
    const original = plainOf(field.format, field.value);
    return languages.map((language): ShownText => {
      if (language === target.sourceLanguage) return { language, title: original, state: "source", origin: "original" };
      const record = records.find((r) => r.record.field === field.field && r.record.language === language)?.record ?? null;
      const state = translationState(record, field.sourceHash);
      // An outdated translation still helps the room, said so; a missing one leaves the original, said so.
      if (!record) return { language, title: original, state, origin: "original" };
      return { language, title: plainRecord(record), state, origin: record.origin };
    });
  }

  async function label(workshopId: string, item: LiveItem | PinnedRef): Promise<string | null> {
    const found = await findItem(workshopId, item);
    return found && labelOf(plainOf(found.field.format, found.field.value));
  }

  return {
    /** The item's heading as written, or null once it is gone or no longer for the room (for the minutes). */
    label,

    /** Refuses an item or a pin that is not in this workshop, or not for every screen; answers its heading as written. */
    async check(workshopId: string, item: LiveItem | PinnedRef): Promise<string> {
      const heading = await label(workshopId, item);
      if (heading === null) throw new AppError("live_item_not_found", "this item is not in this workshop, or is not for every screen (a draft fiche, a hidden post)", 404);
      return heading;
    },

    /** The item's heading in each language. */
    async headingIn(workshopId: string, item: LiveItem, languages: string[]): Promise<ShownText[]> {
      const found = languages.length ? await findItem(workshopId, item) : null;
      return found ? inLanguages(found, languages) : [];
    },

    /** Any plain field the room may read (a note, the workshop's title) in each language; [] when there is none. */
    async fieldIn(ref: { workshopId: string; targetKind: TranslationTargetKind; targetId: string }, field: string, languages: string[]): Promise<ShownText[]> {
      const found = await find(ref, field);
      return found ? inLanguages(found, languages) : [];
    },
  };
}

export type RoomItems = ReturnType<typeof roomItems>;
