// DOCX through the `docx` library: the synthesis' headings are Word's Heading 1–4 styles (so
// the navigation pane works), list items are Word lists, citations are footnotes, the
// watermark is in every page's header, and line numbers are Word's own line numbering
// (in the text's section only, so the title and metadata are not counted).
import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
  LevelFormat,
  LineNumberRestartFormat,
  Packer,
  Paragraph,
  SectionType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from "docx";
import type { ExportBlock, ExportCell, ExportInline, ExportModel } from "../model.js";

const headings = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;
const font = "DejaVu Sans";

function runs(inlines: ExportInline[]): ParagraphChild[] {
  return inlines.map((node): ParagraphChild => {
    if (node.kind === "break") return new TextRun({ break: 1 });
    if (node.kind === "note") return new FootnoteReferenceRun(node.n);
    const run = new TextRun({ text: node.text, bold: node.bold, italics: node.italic, ...(node.code && { font: "DejaVu Sans Mono" }), ...(node.href && { style: "Hyperlink" }) });
    return node.href ? new ExternalHyperlink({ link: node.href, children: [run] }) : run;
  });
}

/** Ordered lists restart where a new one begins: its first item, or a number lower than the last at that depth. */
function listPlacement() {
  const lastNumber = new Map<number, number>();
  return (block: ExportBlock) => {
    if (!block.list || !block.marker) return undefined;
    const level = Math.min(8, Math.max(0, block.indent - 1));
    if (block.list === "bullet") return { reference: "bullets", level };
    const n = Number.parseInt(block.marker, 10);
    const restart = !(lastNumber.get(level)! < n);
    lastNumber.set(level, n);
    return { reference: "ordered", level, ...(restart && { restart: true }) };
  };
}

function cellParagraph(block: ExportBlock, cell: ExportCell, numbering: ReturnType<ReturnType<typeof listPlacement>>): Paragraph {
  const children = runs(cell.inlines);
  if (cell.note) children.push(new TextRun({ text: ` [${cell.note}]`, italics: true, color: "7A4A00", size: 16 }));
  const inList = block.indent > 0 && !numbering;
  return new Paragraph({
    children,
    ...(block.type === "heading" && { heading: headings[Math.min(4, Math.max(1, block.level ?? 1)) - 1] }),
    ...(numbering && { numbering }),
    ...(inList && { indent: { left: 360 * block.indent } }),
    ...(block.quote && { style: "Quote" }),
  });
}

const listLevels = (format: (typeof LevelFormat)[keyof typeof LevelFormat], text: (level: number) => string) =>
  Array.from({ length: 9 }, (_, level) => ({ level, format, text: text(level), alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 260 } } } }));

export async function toDocx(model: ExportModel): Promise<Buffer> {
  const header = () =>
    new Header({ children: model.watermark ? [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: model.watermark, bold: true, color: "B00000", size: 28 })] })] : [] });
  const front = [
    ...(model.watermark ? [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: model.watermark, bold: true, color: "B00000", size: 32 })] })] : []),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(model.title)] }),
    ...(model.agreedNotice ? [new Paragraph({ children: [new TextRun({ text: model.agreedNotice, bold: true, color: "1A6B2F" })] })] : []),
    ...model.metadata.map((row) => new Paragraph({ children: [new TextRun({ text: `${row.label}: `, bold: true }), new TextRun(row.value)] })),
  ];
  const sideBySide = model.languages.length > 1;
  const place = listPlacement();
  const body: (Paragraph | Table)[] = [];
  if (sideBySide) {
    const cellOf = (block: ExportBlock, cell: ExportCell, numbering: ReturnType<typeof place>) =>
      new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, children: [cellParagraph(block, cell, numbering)] });
    body.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ tableHeader: true, children: model.languages.map((l) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: l, bold: true })] })] })) }),
          ...model.blocks.map((block) => {
            const numbering = place(block);
            // The list numbering lives in the first column; the second repeats its marker as text.
            return new TableRow({ children: block.cells.map((cell, i) => cellOf(block, i === 0 ? cell : { ...cell, inlines: block.marker ? [{ kind: "text", text: `${block.marker} ` }, ...cell.inlines] : cell.inlines }, i === 0 ? numbering : undefined)) });
          }),
        ],
      }),
    );
  } else {
    for (const block of model.blocks) body.push(cellParagraph(block, block.cells[0]!, place(block)));
  }
  const notes = Object.fromEntries(
    model.footnotes.map((n) => [n.n, { children: [new Paragraph({ children: [new TextRun(`${n.kindLabel}: ${n.label}${n.author ? ` — ${n.author}` : ""}, ${n.href}`)] })] }]),
  );
  const page = { margin: { top: 1134, bottom: 1134, left: 1020, right: 1020 } };
  const document = new Document({
    creator: "Navette",
    title: model.title,
    styles: { default: { document: { run: { font, size: 20 } } } },
    numbering: {
      config: [
        { reference: "bullets", levels: listLevels(LevelFormat.BULLET, (level) => (level % 2 ? "◦" : "•")) },
        { reference: "ordered", levels: listLevels(LevelFormat.DECIMAL, (level) => `%${level + 1}.`) },
      ],
    },
    footnotes: notes,
    sections: [
      { properties: { page }, headers: { default: header() }, children: front },
      {
        properties: { page, type: SectionType.CONTINUOUS, ...(model.lineNumbers && { lineNumbers: { countBy: 1, restart: LineNumberRestartFormat.CONTINUOUS } }) },
        headers: { default: header() },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(document);
}
