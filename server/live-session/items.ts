// What may go on every screen, and how it reads there. Fiches, threads, posts, proposals,
// agenda slots, the reading grid and the synthesis are read through the translation service:
// one way in, which already knows whether a target is in this workshop, who may read it (a
// draft fiche or a hidden post is not for the room), its source language and which stored
// translations are current.
import { synthesisBlockField, translationState, type TranslationState, type TranslationTargetKind } from "../../shared/domain/translations.js";
import { richTextToPlain, sanitizeRichText, type RichTextDoc } from "../../shared/richtext.js";
import type { LiveItem, PinnedRef } from "../../shared/schemas/live-session.js";
import { AppError } from "../errors.js";
import type { SourceField, SourceReader, TranslationService } from "../translation/index.js";

/** The room as a whole: a participant who wrote none of it. */
const room: SourceReader = { userId: "", role: "participant" };

/** Where an item's heading lives, as its translation source names it. */
interface Heading {
  targetKind: TranslationTargetKind;
  targetId: string;
  field: (name: string) => boolean;
}

export function headingOf(workshopId: string, item: LiveItem | PinnedRef): Heading {
  switch (item.kind) {
    case "fiche":
      return { targetKind: "fiche", targetId: item.id, field: (f) => f === "rows.title" };
    case "agendaSlot":
      return { targetKind: "agendaItem", targetId: item.id, field: (f) => f === "title" };
    case "thread":
    case "proposal":
      return { targetKind: item.kind, targetId: item.id, field: (f) => f === "title" };
    case "post":
      return { targetKind: "post", targetId: item.id, field: (f) => f === "body" };
    case "question":
      return { targetKind: "workshop", targetId: workshopId, field: (f) => f === `question:${item.id}` };
    case "synthesisPassage":
      return { targetKind: "synthesis", targetId: item.documentId, field: (f) => f === synthesisBlockField(item.blockId) };
  }
}

const plainText = (format: SourceField["format"], value: string | RichTextDoc) => (format === "rich" ? richTextToPlain(sanitizeRichText(value)) : String(value));
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
  async function find(ref: { workshopId: string; targetKind: TranslationTargetKind; targetId: string }, isField: (name: string) => boolean) {
    try {
      const { target, records } = await translation.list(ref, room);
      const field = target.fields.find((f) => isField(f.field));
      return field ? { target, records, field } : null;
    } catch (error) {
      if (error instanceof AppError && error.status === 404) return null;
      throw error;
    }
  }
  const findItem = (workshopId: string, item: LiveItem | PinnedRef) => {
    const { targetKind, targetId, field } = headingOf(workshopId, item);
    return find({ workshopId, targetKind, targetId }, field);
  };

  /** A field in each language: a current translation, else the original or the outdated one, marked. */
  function inLanguages(found: NonNullable<Awaited<ReturnType<typeof find>>>, languages: string[]): ShownText[] {
    const { target, records, field } = found;
    const original = plainText(field.format, field.value);
    return languages.map((language): ShownText => {
      if (language === target.sourceLanguage) return { language, title: original, state: "source", origin: "original" };
      const record = records.find((r) => r.record.field === field.field && r.record.language === language)?.record ?? null;
      const state = translationState(record, field.sourceHash);
      // An outdated translation still helps the room, said so; a missing one leaves the original, said so.
      if (!record) return { language, title: original, state, origin: "original" };
      const text = record.format === "rich" ? richTextToPlain(sanitizeRichText(JSON.parse(record.text))) : record.text;
      return { language, title: text, state, origin: record.origin };
    });
  }

  return {
    /** Refuses an item or a pin that is not in this workshop, or not for every screen; answers its heading as written. */
    async check(workshopId: string, item: LiveItem | PinnedRef): Promise<string> {
      const found = await findItem(workshopId, item);
      if (!found) throw new AppError("live_item_not_found", "this item is not in this workshop, or is not for every screen (a draft fiche, a hidden post)", 404);
      return labelOf(plainText(found.field.format, found.field.value));
    },

    /** The item's heading as written, or null once it is gone or no longer for the room (for the minutes). */
    async label(workshopId: string, item: LiveItem | PinnedRef): Promise<string | null> {
      const found = await findItem(workshopId, item);
      return found && labelOf(plainText(found.field.format, found.field.value));
    },

    /** The item's heading in each language. */
    async headingIn(workshopId: string, item: LiveItem, languages: string[]): Promise<ShownText[]> {
      const found = languages.length ? await findItem(workshopId, item) : null;
      return found ? inLanguages(found, languages) : [];
    },

    /** Any plain field the room may read (a note, the workshop's title) in each language; [] when there is none. */
    async fieldIn(ref: { workshopId: string; targetKind: TranslationTargetKind; targetId: string }, field: string, languages: string[]): Promise<ShownText[]> {
      const found = await find(ref, (name) => name === field);
      return found ? inLanguages(found, languages) : [];
    },
  };
}

export type RoomItems = ReturnType<typeof roomItems>;
