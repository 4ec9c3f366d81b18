// The workshop pack's other parts, after the synthesis: the fiches navettes whose authors
// consented to circulate them for the export's audience (shared/domain/fiches.ts mayCirculate:
// no consent, no fiche), and the proposals with their outcome, supports and amendments.
// Each field (a fiche's title, rows and grid answers, the grid's questions, a proposal's or an
// amendment's title and body) is shown in each column's language from its stored translation,
// through the same lookup and marks as the synthesis (storedTranslations, cells.ts).
import { mayCirculate, type CirculationUse } from "../../shared/domain/fiches.js";
import { storedTranslations, type TranslationTargetKind } from "../../shared/domain/translations.js";
import { isRichTextEmpty, richTextFromPlain, richTextToPlain, type RichTextDoc } from "../../shared/richtext.js";
import type { Storage } from "../storage/port.js";
import type { TranslationService } from "../translation/index.js";
import { cellOf, shownDoc, type FieldEntry } from "./cells.js";
import { exportLabels } from "./labels.js";
import type { ExportBlock, ExportInline } from "./model.js";

type Plain = { type: "heading" | "paragraph"; level: number | null; inlines: ExportInline[]; marker?: string | null; indent?: number; quote?: boolean };

/** The paragraphs, headings and list items of a rich text, flattened as the synthesis' blocks are. */
function richBlocks(doc: RichTextDoc, toInlines: (doc: RichTextDoc) => ExportInline[]): Plain[] {
  const out: Plain[] = [];
  const walk = (blocks: RichTextDoc["content"], indent: number, quote: boolean, marker: (i: number) => string | null) =>
    blocks.forEach((block, i) => {
      if (block.type === "paragraph" || block.type === "heading") {
        const inlines = toInlines({ type: "doc", content: [block] });
        // Headings inside a contribution sit under its own heading.
        if (inlines.length) out.push({ type: block.type, level: block.type === "heading" ? Math.min(4, block.attrs.level + 2) : null, inlines, marker: marker(i), indent, quote });
      } else if (block.type === "blockquote") walk(block.content, indent + 1, true, () => null);
      else {
        const start = block.type === "orderedList" ? (block.attrs?.start ?? 1) : 1;
        block.content.forEach((item, n) => walk(item.content, indent + 1, quote, (k) => (k === 0 ? (block.type === "bulletList" ? "•" : `${start + n}.`) : null)));
      }
    });
  walk(doc.content, 0, false, () => null);
  return out;
}

const italic = (inlines: ExportInline[]): ExportInline[] => inlines.map((node) => (node.kind === "text" ? { ...node, italic: true } : node));

export async function packBlocks(input: {
  storage: Storage;
  translation: Pick<TranslationService, "resolve">;
  workshopId: string;
  audience: CirculationUse;
  languages: string[];
  /** Names the translator of a shown translation in the export's provenance. */
  credit: (entry: FieldEntry) => Promise<void>;
  toInlines: (doc: RichTextDoc) => ExportInline[];
}): Promise<ExportBlock[]> {
  const { storage, workshopId, languages, toInlines } = input;
  const workshop = (await storage.workshops.byId(workshopId))!;
  const blocks: ExportBlock[] = [];
  let n = 0;

  /** A contribution as a translation target: each field's value and its entry in every language asked for. */
  async function target(targetKind: TranslationTargetKind, targetId: string) {
    const resolved = await input.translation.resolve({ workshopId, targetKind, targetId }, null);
    const inLanguages = storedTranslations(await storage.translations.listForTarget(workshopId, targetKind, targetId), resolved.sourceLanguage);
    return (field: string): { original: RichTextDoc; entries: FieldEntry[] } => {
      const found = resolved.fields.find((f) => f.field === field);
      const original = !found ? richTextFromPlain("") : typeof found.value === "string" ? richTextFromPlain(found.value) : found.value;
      // An empty field needs no translation: nothing to mark.
      const entries = !found || isRichTextEmpty(original) ? languages.map((language) => ({ language, state: "source" as const, record: null })) : inLanguages(found.field, found.sourceHash, languages);
      return { original, entries };
    };
  }
  type Field = ReturnType<Awaited<ReturnType<typeof target>>>;

  /**
   * Pushes a field as blocks: `shape` turns its text in one language into blocks, and the
   * columns are paired by position (a translation keeps its source's paragraphs and lists).
   */
  async function push({ original, entries }: Field, shape: (doc: RichTextDoc, language: string) => Plain[]) {
    const perColumn = entries.map((entry) => shape(shownDoc(entry, original), entry.language));
    for (const entry of entries) await input.credit(entry);
    const count = Math.max(...perColumn.map((p) => p.length));
    for (let i = 0; i < count; i++) {
      const plain = perColumn.find((p) => p[i])![i]!;
      blocks.push({
        blockId: `pack-${n++}`,
        type: plain.type,
        level: plain.level,
        indent: plain.indent ?? 0,
        list: plain.marker ? (plain.marker === "•" ? "bullet" : "ordered") : null,
        marker: plain.marker ?? null,
        quote: plain.quote ?? false,
        cells: entries.map((entry, column) => cellOf(entry, perColumn[column]![i]?.inlines ?? [])),
      });
    }
  }
  const sourceEntries = (): FieldEntry[] => languages.map((language) => ({ language, state: "source", record: null }));
  const heading = (level: number, prefix?: (language: string) => string) => (doc: RichTextDoc, language: string): Plain[] => [
    { type: "heading", level, inlines: [...(prefix ? [{ kind: "text" as const, text: prefix(language) }] : []), ...toInlines(doc)] },
  ];
  const rich = (doc: RichTextDoc): Plain[] => richBlocks(doc, toInlines);
  const line = (doc: RichTextDoc): Plain[] => (isRichTextEmpty(doc) ? [] : [{ type: "paragraph", level: null, inlines: italic(toInlines(doc)) }]);
  /** Words of the export itself (a part's title, a row's label, the outcome line), in each column's language. */
  const label = (shape: (text: string) => Plain[], key: string, values: (language: string) => Record<string, string> = () => ({})) =>
    push({ original: richTextFromPlain(key), entries: sourceEntries() }, (_doc, language) => shape(exportLabels(language)(key, values(language))));
  const titled = (level: number) => (text: string) => heading(level)(richTextFromPlain(text), "");
  const italicLine = (text: string) => line(richTextFromPlain(text));

  const scope = { userId: "", seesDrafts: false, seesHidden: false };
  const fiches = (await storage.fiches.list(workshopId, scope, {}, { limit: 10_000 })).items.filter((f) => mayCirculate(f, input.audience));
  const grid = await target("workshop", workshopId);
  if (fiches.length) await label(titled(1), "document.pack.fiches");
  for (const fiche of fiches) {
    const rows = fiche.rows;
    const field = await target("fiche", fiche.id);
    const title = field("rows.title");
    await push(isRichTextEmpty(title.original) ? { original: richTextFromPlain("—"), entries: sourceEntries() } : title, heading(2));
    // Presenters are names and the date a date: only the place is translated.
    const place = field("rows.place");
    await push(place, (doc, language) => {
      const presented = rows.presenters.length ? exportLabels(language)("document.pack.presented", { presenters: rows.presenters.join(", ") }) : "";
      const text = [presented, rows.actionDate].filter(Boolean).join(" · ");
      const placeInlines = toInlines(doc);
      if (!text && !placeInlines.length) return [];
      const inlines: ExportInline[] = [{ kind: "text", text }, ...(text && placeInlines.length ? [{ kind: "text" as const, text: " · " }] : []), ...placeInlines];
      return [{ type: "paragraph", level: null, inlines: italic(inlines) }];
    });
    // The export's labels are its own words; a grid question is the workshop's text, translated.
    const parts: [() => Promise<void>, string][] = [
      [() => label(titled(3), "document.pack.descriptive"), "rows.descriptive"],
      ...workshop.readingGrid.questions.map((q): [() => Promise<void>, string] => [() => push(grid(`question:${q.id}`), heading(3)), `answer:${q.id}`]),
      [() => label(titled(3), "document.pack.recurringIssues"), "rows.recurringIssues"],
      [() => label(titled(3), "document.pack.lessons"), "rows.lessons"],
    ];
    for (const [partHeading, name] of parts) {
      const body = field(name);
      if (isRichTextEmpty(body.original)) continue;
      await partHeading();
      await push(body, rich);
    }
    const conditions = field("consent.conditions");
    if (!isRichTextEmpty(conditions.original)) await push(conditions, (doc, language) => line(richTextFromPlain(exportLabels(language)("document.pack.conditions", { conditions: richTextToPlain(doc) }))));
  }

  const proposals = (await storage.proposals.list(workshopId, { sort: "oldest" }, { limit: 10_000 })).items;
  if (proposals.length) await label(titled(1), "document.pack.proposals");
  for (const proposal of proposals) {
    const field = await target("proposal", proposal.id);
    await push(field("title"), heading(2));
    const counts = proposal.amendmentCounts;
    await label(italicLine, "document.pack.outcome", (language) => ({
      status: exportLabels(language)(`document.pack.status.${proposal.status}`),
      supports: String(proposal.supportCount),
      accepted: String(counts.accepted),
      rejected: String(counts.rejected),
      pending: String(counts.pending),
    }));
    await push(field("body"), rich);
    for (const amendment of (await storage.proposals.listAmendments(proposal.id, { limit: 10_000 })).items) {
      const of = await target("amendment", amendment.id);
      const statusKey = `document.pack.status.${amendment.status === "rejected" ? "rejectedAmendment" : amendment.status}`;
      const prefix = (language: string) => {
        const t = exportLabels(language);
        return `${t("document.pack.amendment", { status: t(statusKey) })}${amendment.title ? " — " : ""}`;
      };
      await push(of("title"), heading(3, prefix));
      await push(of("body"), rich);
      await push(of("rationale"), line);
    }
  }
  return blocks;
}
