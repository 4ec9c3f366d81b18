// What an item on every screen holds, read through the translation sources that the
// capabilities register (one way in for fiches, threads, proposals, agenda slots, the reading
// grid and the synthesis): the check that it exists in the workshop, and its text in a
// language from the stored translations, machine drafts marked as such.
import type { TranslationTargetKind } from "../../shared/domain/translations.js";
import { synthesisBlockField } from "../../shared/domain/translations.js";
import { isRichTextEmpty, sanitizeRichText, type Block, type RichTextDoc } from "../../shared/richtext.js";
import type { LiveItem } from "../../shared/schemas/live-session.js";
import type { Storage } from "../storage/port.js";
import { sourceHash, type LoadedSource, type SourceField, type TranslatableSource } from "../translation/index.js";
import { labelsIn } from "./labels.js";

export type SourceOf = (kind: TranslationTargetKind) => TranslatableSource | undefined;

/** One field shown, under a heading that is a locale key or another translated field (a grid question). */
interface Part {
  targetKind: TranslationTargetKind;
  targetId: string;
  field: SourceField;
  sourceLanguage: string | null;
  heading?: { key: string } | { part: Part };
}

export interface ResolvedItem {
  title: Part;
  body: Part[];
}

export type Origin = "original" | "human" | "machine";
export interface ShownText<T> {
  value: T;
  origin: Origin;
  /** The original stands in for a translation nobody has made yet. */
  untranslated: boolean;
}

// The room as a whole reads the item: a draft fiche or a hidden post is not for every screen.
const room = { userId: "", role: "participant" as const };

const hasText = (field: SourceField) => (typeof field.value === "string" ? field.value.trim() !== "" : !isRichTextEmpty(field.value));

export function itemReader(storage: Storage, sourceOf: SourceOf) {
  async function target(workshopId: string, targetKind: TranslationTargetKind, targetId: string): Promise<{ loaded: LoadedSource; language: string | null } | null> {
    const loaded = await sourceOf(targetKind)?.load(workshopId, targetId);
    if (!loaded || (loaded.visibleTo && !loaded.visibleTo(room))) return null;
    const language = (await storage.translations.sourceLanguage(workshopId, targetKind, targetId)) ?? loaded.language ?? null;
    return { loaded, language };
  }

  /** The parts of one target, by field name, in the order asked. */
  async function partsOf(workshopId: string, targetKind: TranslationTargetKind, targetId: string, fields: (string | RegExp)[]) {
    const found = await target(workshopId, targetKind, targetId);
    if (!found) return null;
    const part = (field: SourceField): Part => ({ targetKind, targetId, field, sourceLanguage: found.language });
    const ordered = fields.flatMap((name) => found.loaded.fields.filter((f) => (typeof name === "string" ? f.field === name : name.test(f.field))));
    return { label: found.loaded.label, parts: ordered.map(part) };
  }

  /** The item's title and body, or null when it is not in this workshop (or not for the room). */
  async function resolve(workshopId: string, item: LiveItem): Promise<ResolvedItem | null> {
    switch (item.kind) {
      case "proposal":
      case "agendaSlot": {
        const kind = item.kind === "agendaSlot" ? "agendaItem" : "proposal";
        const got = await partsOf(workshopId, kind, item.id, ["title", "place", "body", /^framingQuestion:/]);
        if (!got?.parts[0]) return null;
        const [title, ...body] = got.parts;
        return { title, body: body.filter((p) => hasText(p.field)) };
      }
      case "thread": {
        const got = await partsOf(workshopId, "thread", item.id, ["title"]);
        if (!got?.parts[0]) return null;
        // Its opening message is its first post.
        const opening = (await storage.debate.listPosts(item.id, { limit: 1 })).items[0];
        const post = opening && (await partsOf(workshopId, "post", opening.id, ["body"]));
        return { title: got.parts[0], body: post ? post.parts : [] };
      }
      case "fiche": {
        const got = await partsOf(workshopId, "fiche", item.id, ["rows.title", "rows.place", "rows.descriptive", /^answer:/, "rows.recurringIssues", "rows.lessons"]);
        if (!got?.parts[0]) return null;
        const [title, ...rest] = got.parts;
        const grid = await partsOf(workshopId, "workshop", workshopId, [/^question:/]);
        const body = rest.filter((p) => hasText(p.field)).map((part): Part => {
          const answer = /^answer:(.+)$/.exec(part.field.field);
          const question = answer && grid?.parts.find((q) => q.field.field === `question:${answer[1]}`);
          return { ...part, heading: question ? { part: question } : { key: `projector.fields.${part.field.field}` } };
        });
        return { title, body };
      }
      case "question": {
        const got = await partsOf(workshopId, "workshop", workshopId, [`question:${item.id}`]);
        return got?.parts[0] ? { title: got.parts[0], body: [] } : null;
      }
      case "synthesisPassage": {
        const found = await target(workshopId, "synthesis", item.documentId);
        const block = found?.loaded.fields.find((f) => f.field === synthesisBlockField(item.blockId));
        if (!found || !block) return null;
        const label: SourceField = { field: "label", format: "plain", value: found.loaded.label };
        // The document's name is not translated: it stands as the passage's title as it is.
        return { title: { targetKind: "synthesis", targetId: item.documentId, field: label, sourceLanguage: null }, body: [{ targetKind: "synthesis", targetId: item.documentId, field: block, sourceLanguage: found.language }] };
      }
    }
  }

  /** A field in `language`: the stored translation if one is current, else the original, said so. */
  async function textOf(workshopId: string, part: Part, language: string): Promise<ShownText<string | RichTextDoc>> {
    const { field } = part;
    const original = { value: field.value, origin: "original" as const };
    if (language === part.sourceLanguage || field.field === "label") return { ...original, untranslated: false };
    const stored = await storage.translations.get({ workshopId, targetKind: part.targetKind, targetId: part.targetId, field: field.field, language });
    if (!stored || stored.sourceHash !== sourceHash(field.format, field.value)) return { ...original, untranslated: part.sourceLanguage !== null };
    return { value: stored.format === "rich" ? parseRich(stored.text) : stored.text, origin: stored.origin, untranslated: false };
  }

  /** The item in one language: its title, and its body as one rich text with a heading per labelled part. */
  async function inLanguage(workshopId: string, item: ResolvedItem, language: string) {
    const t = labelsIn(language);
    const shown: ShownText<unknown>[] = [];
    const plain = async (part: Part) => {
      const text = await textOf(workshopId, part, language);
      shown.push(text);
      return typeof text.value === "string" ? text.value : "";
    };
    const title = await plain(item.title);
    const blocks: Block[] = [];
    for (const part of item.body) {
      if (part.heading) {
        const heading = "key" in part.heading ? t(part.heading.key) : await plain(part.heading.part);
        blocks.push({ type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: heading }] });
      }
      const text = await textOf(workshopId, part, language);
      shown.push(text);
      if (typeof text.value === "string") blocks.push({ type: "paragraph", content: [{ type: "text", text: text.value }] });
      else blocks.push(...text.value.content);
    }
    return {
      language,
      title,
      body: blocks.length ? sanitizeRichText({ type: "doc", content: blocks }) : null,
      origin: originOf(shown),
      untranslated: shown.some((s) => s.untranslated),
    };
  }

  return { resolve, textOf, inLanguage };
}

/** Machine if any part is a machine draft, else human if any was translated by a person. */
export const originOf = (texts: { origin: Origin }[]): Origin =>
  texts.some((s) => s.origin === "machine") ? "machine" : texts.some((s) => s.origin === "human") ? "human" : "original";

function parseRich(text: string): RichTextDoc {
  try {
    return sanitizeRichText(JSON.parse(text));
  } catch {
    return sanitizeRichText(null);
  }
}

export type ItemReader = ReturnType<typeof itemReader>;
