// The exporter's core: a synthesis document (now, or at a named version) in one language or
// two, resolved once into the format-neutral model. Translations come from the synthesis
// translation service with their state; a missing one shows the original, marked, never filled.
import type { CirculationUse } from "../../shared/domain/fiches.js";
import { citationHref, type Block, type Inline, type RichTextDoc } from "../../shared/richtext.js";
import type { SynthesisStatus } from "../../shared/synthesis.js";
import { errors } from "../errors.js";
import { nowIso } from "../ids.js";
import type { Storage, SynthesisDocumentRecord } from "../storage/port.js";
import type { SynthesisService } from "../synthesis/index.js";
import type { SynthesisTranslation } from "../synthesis/translatable.js";
import type { TranslationService } from "../translation/index.js";
import { cellOf, shownDoc, type FieldEntry } from "./cells.js";
import { exportLabels, formatDate } from "./labels.js";
import type { ExportBlock, ExportInline, ExportModel, Footnote } from "./model.js";
import { packBlocks } from "./pack.js";

export interface ExportRequest {
  /** The workshop the export is made through: a series' synthesis is translated per workshop. */
  workshopId: string;
  documentId: string;
  versionId?: string;
  /** One language, or two for side by side. */
  languages: string[];
  lineNumbers?: boolean;
  /** A workshop pack: the synthesis, then the fiches consented for this audience and the proposals. */
  pack?: CirculationUse;
  /** Prefix of citation links ("https://navette.example.org"); relative links without it. */
  baseUrl?: string;
}

export interface ExporterDeps {
  storage: Storage;
  synthesis: Pick<SynthesisService, "content" | "version">;
  synthesisTranslation: Pick<SynthesisTranslation, "blocksWithTranslations">;
  /** Resolves a fiche, proposal or amendment as a translation target: its fields and source language. */
  translation: Pick<TranslationService, "resolve">;
}

/** The inline content of a one-block rich text (a block, or its translation), blocks joined by breaks. */
function inlinesOf(doc: RichTextDoc): Inline[] {
  const out: Inline[] = [];
  const walk = (blocks: Block[]) => {
    for (const block of blocks) {
      if (block.type === "paragraph" || block.type === "heading") {
        if (out.length) out.push({ type: "hardBreak" });
        out.push(...(block.content ?? []));
      } else if (block.type === "blockquote") walk(block.content);
      else for (const item of block.content) walk(item.content);
    }
  };
  walk(doc.content);
  return out;
}

export function createExporter(deps: ExporterDeps) {
  const { storage } = deps;

  async function documentIn(workshopId: string, documentId: string): Promise<SynthesisDocumentRecord> {
    const record = await storage.synthesis.documentById(documentId);
    const workshop = await storage.workshops.byId(workshopId);
    const belongs = record && workshop && (record.workshopId === workshopId || (record.seriesId !== null && record.seriesId === workshop.seriesId));
    if (!record || !belongs) throw errors.notFound("synthesis document");
    return record;
  }

  /** The status a version was taken under: the last change at or before it. */
  async function statusAt(record: SynthesisDocumentRecord, at: string | null): Promise<SynthesisStatus> {
    if (!at) return record.status;
    const history = await storage.synthesis.statusHistory(record.id);
    const before = history.filter((c) => c.changedAt <= at).sort((a, b) => a.changedAt.localeCompare(b.changedAt));
    return before.at(-1)?.to ?? "draft";
  }

  async function nameOf(userId: string | null, names: Map<string, string>): Promise<string | null> {
    if (!userId) return null;
    if (!names.has(userId)) names.set(userId, (await storage.users.byId(userId))?.displayName ?? "");
    return names.get(userId) || null;
  }

  async function build(request: ExportRequest): Promise<ExportModel> {
    const languages = [...new Set(request.languages)];
    if (languages.length < 1 || languages.length > 2) throw errors.badRequest("export one language, or two side by side");
    const record = await documentIn(request.workshopId, request.documentId);
    const workshop = (await storage.workshops.byId(request.workshopId))!;
    const series = workshop.seriesId ? await storage.workshops.seriesById(workshop.seriesId) : null;
    const labelLanguage = languages[0]!;
    const t = exportLabels(labelLanguage);

    const at = request.versionId ? await deps.synthesis.version(record, request.versionId) : null;
    const content = at ? at.content : await deps.synthesis.content(record);
    const status = await statusAt(record, at?.version.createdAt ?? null);
    const blocks = await deps.synthesisTranslation.blocksWithTranslations(request.workshopId, record, content, languages);

    const footnotes: Footnote[] = [];
    const noteOf = new Map<string, number>();
    const toInlines = (inlines: Inline[]): ExportInline[] =>
      inlines.map((node): ExportInline => {
        if (node.type === "hardBreak") return { kind: "break" };
        if (node.type === "citation") {
          const key = `${node.attrs.kind}/${node.attrs.workshopId}/${node.attrs.targetId}`;
          let n = noteOf.get(key);
          if (!n) {
            n = footnotes.length + 1;
            noteOf.set(key, n);
            const href = (request.baseUrl ?? "").replace(/\/$/, "") + citationHref(node.attrs);
            footnotes.push({ n, kind: node.attrs.kind, kindLabel: t(`document.citation.${node.attrs.kind}`), label: node.attrs.label, author: node.attrs.author, href });
          }
          return { kind: "note", n };
        }
        const marks = new Set((node.marks ?? []).map((m) => m.type));
        const link = node.marks?.find((m) => m.type === "link");
        return {
          kind: "text",
          text: node.text,
          ...(marks.has("bold") && { bold: true }),
          ...(marks.has("italic") && { italic: true }),
          ...(marks.has("code") && { code: true }),
          ...(link?.type === "link" && { href: link.attrs.href }),
        };
      });

    const names = new Map<string, string>();
    const translators = new Set<string>();
    /** Names who made a shown translation: a person, or the machine engine as such. */
    const credit = async (entry: FieldEntry) => {
      if (!entry.record) return;
      const who = entry.record.origin === "machine" ? t("document.machineEngine", { engine: entry.record.provider ?? "?" }) : await nameOf(entry.record.translatorId, names);
      if (who) translators.add(who);
    };
    const exportBlocks: ExportBlock[] = [];
    for (const block of blocks) {
      const cells = [];
      for (const entry of block.languages) {
        cells.push(cellOf(entry, toInlines(inlinesOf(shownDoc(entry, block.value)))));
        await credit(entry);
      }
      exportBlocks.push({
        blockId: block.blockId,
        type: block.type,
        level: block.level,
        indent: block.indent,
        list: block.marker === null ? null : block.marker === "•" ? "bullet" : "ordered",
        marker: block.marker,
        quote: block.quote,
        cells,
      });
    }

    if (request.pack) {
      exportBlocks.push(
        ...(await packBlocks({ storage, translation: deps.translation, workshopId: request.workshopId, audience: request.pack, languages, credit, toInlines: (doc) => toInlines(inlinesOf(doc)) })),
      );
    }

    const contributors = new Set<string>();
    // Who created the document, recorded its versions or moved its status: the edits themselves carry no author.
    const history = await storage.synthesis.statusHistory(record.id);
    for (const userId of [record.createdBy, ...(await storage.synthesis.listVersions(record.id)).map((v) => v.createdBy), ...history.map((c) => c.changedBy)]) {
      const name = await nameOf(userId, names);
      if (name) contributors.add(name);
    }
    const exportedAt = nowIso();
    const title = record.title || t(`document.kind.${record.kind}`);
    const metadata = [
      { label: t("document.workshop"), value: workshop.title },
      ...(series ? [{ label: t("document.series"), value: series.title }] : []),
      { label: t("document.status"), value: t(`document.statusName.${status}`) },
      { label: t("document.version"), value: at ? `${at.version.name || at.version.kind} — ${formatDate(at.version.createdAt, labelLanguage)}` : t("document.current") },
      { label: t("document.exportedAt"), value: formatDate(exportedAt, labelLanguage) },
      { label: t("document.languages"), value: languages.join(" | ") },
      ...(contributors.size ? [{ label: t("document.contributors"), value: [...contributors].join(", ") }] : []),
      ...(translators.size ? [{ label: t("document.translators"), value: [...translators].join(", ") }] : []),
    ];
    return {
      title,
      labelLanguage,
      languages,
      sourceLanguage: record.language,
      status,
      watermark: status === "agreed" ? null : t(`document.watermark.${status}`),
      agreedNotice: status === "agreed" ? t("document.agreedNotice", { date: formatDate(at?.version.createdAt ?? record.statusChangedAt ?? exportedAt, labelLanguage) }) : null,
      metadata,
      blocks: exportBlocks,
      footnotes,
      lineNumbers: request.lineNumbers ?? false,
      labels: { notes: t("document.notes"), contents: t("document.contents"), line: t("document.line") },
    };
  }

  return { build, documentIn };
}

export type Exporter = ReturnType<typeof createExporter>;
