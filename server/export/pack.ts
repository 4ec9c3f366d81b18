// The workshop pack's other parts, after the synthesis: the fiches navettes whose authors
// consented to circulate them for the export's audience (shared/domain/fiches.ts mayCirculate:
// no consent, no fiche), and the proposals with their outcome, supports and amendments.
// Their text is the original: a cell in another language says "not translated".
import { mayCirculate, type CirculationUse } from "../../shared/domain/fiches.js";
import { isRichTextEmpty, type RichTextDoc } from "../../shared/richtext.js";
import type { Storage } from "../storage/port.js";
import type { ExportLabels } from "./labels.js";
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

export async function packBlocks(input: {
  storage: Storage;
  workshopId: string;
  audience: CirculationUse;
  languages: string[];
  t: ExportLabels;
  labelsIn: (language: string) => ExportLabels;
  toInlines: (doc: RichTextDoc) => ExportInline[];
}): Promise<ExportBlock[]> {
  const { storage, workshopId, t, languages } = input;
  const workshop = (await storage.workshops.byId(workshopId))!;
  const blocks: ExportBlock[] = [];
  let n = 0;
  const push = async (kind: "fiche" | "proposal", targetId: string, plain: Plain) => {
    // The language the contribution is written in: as corrected by its author, else the workshop's first.
    const source = (await storage.translations.sourceLanguage(workshopId, kind, targetId)) ?? workshop.languages[0] ?? languages[0]!;
    blocks.push({
      blockId: `pack-${n++}`,
      type: plain.type,
      level: plain.level,
      indent: plain.indent ?? 0,
      list: plain.marker ? (plain.marker === "•" ? "bullet" : "ordered") : null,
      marker: plain.marker ?? null,
      quote: plain.quote ?? false,
      cells: languages.map((language) => ({
        language,
        state: language === source ? ("source" as const) : ("missing" as const),
        note: language === source ? null : input.labelsIn(language)("document.state.missing"),
        inlines: plain.inlines,
      })),
    });
  };
  const text = (value: string): ExportInline[] => [{ kind: "text", text: value }];
  const heading = (level: number, value: string): Plain => ({ type: "heading", level, inlines: text(value) });
  const line = (value: string, italic = false): Plain => ({ type: "paragraph", level: null, inlines: [{ kind: "text", text: value, ...(italic && { italic: true }) }] });

  const scope = { userId: "", seesDrafts: false, seesHidden: false };
  const fiches = (await storage.fiches.list(workshopId, scope, {}, { limit: 10_000 })).items.filter((f) => mayCirculate(f, input.audience));
  if (fiches.length) blocks.push(section(t("document.pack.fiches")));
  for (const fiche of fiches) {
    const rows = fiche.rows;
    await push("fiche", fiche.id, heading(2, rows.title || "—"));
    const about = [rows.presenters.length ? t("document.pack.presented", { presenters: rows.presenters.join(", ") }) : "", rows.actionDate, rows.place].filter(Boolean).join(" · ");
    if (about) await push("fiche", fiche.id, line(about, true));
    const parts: [string, RichTextDoc][] = [
      [t("document.pack.descriptive"), rows.descriptive],
      ...workshop.readingGrid.questions.map((q): [string, RichTextDoc] => [q.text, rows.gridAnswers[q.id] ?? { type: "doc", content: [] }]),
      [t("document.pack.recurringIssues"), rows.recurringIssues],
      [t("document.pack.lessons"), rows.lessons],
    ];
    for (const [label, doc] of parts) {
      if (!doc.content.length || isRichTextEmpty(doc)) continue;
      await push("fiche", fiche.id, heading(3, label));
      for (const plain of richBlocks(doc, input.toInlines)) await push("fiche", fiche.id, plain);
    }
    if (fiche.consent.conditions) await push("fiche", fiche.id, line(t("document.pack.conditions", { conditions: fiche.consent.conditions }), true));
  }

  const proposals = (await storage.proposals.list(workshopId, { sort: "oldest" }, { limit: 10_000 })).items;
  if (proposals.length) blocks.push(section(t("document.pack.proposals")));
  for (const proposal of proposals) {
    await push("proposal", proposal.id, heading(2, proposal.title));
    const counts = proposal.amendmentCounts;
    await push("proposal", proposal.id, line(t("document.pack.outcome", { status: t(`document.pack.status.${proposal.status}`), supports: String(proposal.supportCount), accepted: String(counts.accepted), rejected: String(counts.rejected), pending: String(counts.pending) }), true));
    for (const plain of richBlocks(proposal.body, input.toInlines)) await push("proposal", proposal.id, plain);
    for (const amendment of (await storage.proposals.listAmendments(proposal.id, { limit: 10_000 })).items) {
      const status = t(`document.pack.status.${amendment.status === "rejected" ? "rejectedAmendment" : amendment.status}`);
      await push("proposal", proposal.id, heading(3, `${t("document.pack.amendment", { status })}${amendment.title ? ` — ${amendment.title}` : ""}`));
      for (const plain of richBlocks(amendment.body, input.toInlines)) await push("proposal", proposal.id, plain);
      if (amendment.rationale) await push("proposal", proposal.id, line(amendment.rationale, true));
    }
  }
  return blocks;

  /** A part's title: written in the export's labels, so it is in every language's column. */
  function section(title: string): ExportBlock {
    return { blockId: `pack-${n++}`, type: "heading", level: 1, indent: 0, list: null, marker: null, quote: false, cells: languages.map((language) => ({ language, state: "source", note: null, inlines: text(title) })) };
  }
}
