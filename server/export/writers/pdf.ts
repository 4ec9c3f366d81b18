// PDF through pdfkit, with the DejaVu fonts shipped by the `dejavu-fonts-ttf` package (accented
// Latin and much more; nothing fetched at run time). Lines are broken here rather than by
// pdfkit, so the PDF knows each line it lays out: line numbers count them, side by side lays
// both columns out line by line, and the table of contents knows the page of every heading.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import PDFDocument from "pdfkit";
import type { ExportBlock, ExportCell, ExportInline, ExportModel } from "../model.js";

const fontDir = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
const fonts = {
  regular: join(fontDir, "DejaVuSans.ttf"),
  bold: join(fontDir, "DejaVuSans-Bold.ttf"),
  italic: join(fontDir, "DejaVuSans-Oblique.ttf"),
  boldItalic: join(fontDir, "DejaVuSans-BoldOblique.ttf"),
  mono: join(fontDir, "DejaVuSansMono.ttf"),
};
type FontName = keyof typeof fonts;
/** Each font file is read once per process, not once per export. */
const fontFiles = new Map<string, Buffer>();
const fontFile = (file: string) => fontFiles.get(file) ?? fontFiles.set(file, readFileSync(file)).get(file)!;

const page = { width: 595.28, height: 841.89, top: 64, bottom: 841.89 - 64, left: 72, right: 595.28 - 58 };
const bodySize = 10;
const headingSizes = [18, 15, 13, 11.5];
const leading = 1.45;
const columnGap = 16;

interface Frag {
  text: string;
  font: FontName;
  size: number;
  color: string;
  link?: string;
  x: number;
  width: number;
}
interface Line {
  frags: Frag[];
  height: number;
}
interface Row {
  /** One column, or two side by side. */
  columns: Line[][];
  xs: number[];
  before: number;
  numbered: boolean;
  heading?: { text: string; level: number };
  /** A table-of-contents entry: the heading row it points to. */
  tocOf?: Row;
}
type Style = Omit<Frag, "text" | "x" | "width">;

function fontOf(node: { bold?: boolean; italic?: boolean; code?: boolean }): FontName {
  if (node.code) return "mono";
  if (node.bold && node.italic) return "boldItalic";
  return node.bold ? "bold" : node.italic ? "italic" : "regular";
}

export async function toPdf(model: ExportModel): Promise<Buffer> {
  const doc = new PDFDocument({ size: [page.width, page.height], margin: 0, autoFirstPage: false, info: { Title: model.title, Creator: "Navette" }, lang: model.labelLanguage });
  for (const [name, file] of Object.entries(fonts)) doc.registerFont(name, fontFile(file));

  // Widths per character at size 1, summed: measuring each word through pdfkit shapes it every
  // time and costs seconds on a long text. Kerning is left out, a few hundredths of a point a pair.
  // Kept per font by UTF-16 code unit (a surrogate pair at its first half), so measuring builds no string.
  const charWidths = new Map<FontName, Float64Array>();
  /** The width at size 1 of the character at `i` (0 for the second half of a pair). */
  const charWidth = (font: FontName, text: string, i: number): number => {
    let widths = charWidths.get(font);
    if (!widths) {
      widths = new Float64Array(0x10000).fill(-1);
      charWidths.set(font, widths);
    }
    const code = text.charCodeAt(i);
    const known = widths[code]!;
    if (known >= 0) return known;
    if (code >= 0xdc00 && code <= 0xdfff) return 0;
    const pair = code >= 0xd800 && code <= 0xdbff;
    const measured = doc.font(font).fontSize(1).widthOfString(pair ? text.slice(i, i + 2) : text[i]!);
    if (!pair) widths[code] = measured;
    return measured;
  };
  const widthOf = (text: string, font: FontName, size: number) => {
    let width = 0;
    for (let i = 0; i < text.length; i++) width += charWidth(font, text, i);
    return width * size;
  };
  // Lines break at spaces, never at a no-break space (French puts one before « : ; ! ? »).
  const breaksAt = (code: number) => code === 32 || code === 9 || (code >= 0x2000 && code <= 0x200a && code !== 0x2007) || code === 0x205f || code === 0x3000;
  const isSecondHalf = (code: number) => code >= 0xdc00 && code <= 0xdfff;

  /** Breaks styled runs into lines of at most `width` points, at spaces (or anywhere in a word longer than a line). */
  function layout(runs: ({ text: string } & Style)[], width: number): Line[] {
    const lines: Line[] = [];
    let frags: Frag[] = [];
    let x = 0;
    const push = () => {
      const last = frags.at(-1);
      if (last) last.text = last.text.replace(/\s+$/, "");
      lines.push({ frags, height: Math.max(bodySize, ...frags.map((f) => f.size)) * leading });
      frags = [];
      x = 0;
    };
    const place = (text: string, w: number, style: Style) => {
      const last = frags.at(-1);
      if (last && last.font === style.font && last.size === style.size && last.color === style.color && last.link === style.link) {
        last.text += text;
        last.width += w;
      } else frags.push({ font: style.font, size: style.size, color: style.color, link: style.link, text, x, width: w });
      x += w;
    };
    for (const run of runs) {
      const { text, ...style } = run;
      const { font, size } = style;
      for (const [n, segment] of text.split("\n").entries()) {
        if (n > 0) push();
        // Word by word: its letters [start, end), then the spaces after it [end, next). The words
        // that fit go onto the line together, [from, start) wide `pending`, placed once it breaks.
        let from = 0;
        let pending = 0;
        const flush = (to: number) => {
          if (to > from) place(segment.slice(from, to), pending, style);
          from = to;
          pending = 0;
        };
        for (let start = 0; start < segment.length; ) {
          let end = start;
          let word = 0;
          while (end < segment.length && !breaksAt(segment.charCodeAt(end))) word += charWidth(font, segment, end++);
          let next = end;
          let spaces = 0;
          while (next < segment.length && breaksAt(segment.charCodeAt(next))) spaces += charWidth(font, segment, next++);
          word *= size;
          spaces *= size;
          if (x + pending > 0 && x + pending + word > width) {
            flush(start);
            push();
            if (end === start) {
              from = start = next; // spaces where a line breaks are not carried to the next one
              continue;
            }
          }
          if (word > width) {
            // Longer than a line: broken between characters, a surrogate pair kept whole.
            flush(start);
            for (let i = start; i < next; i++) {
              const to = i + 1 < next && isSecondHalf(segment.charCodeAt(i + 1)) ? i + 2 : i + 1;
              const w = widthOf(segment.slice(i, to), font, size);
              if (x + w > width) push();
              place(segment.slice(i, to), w, style);
              i = to - 1;
            }
            from = next;
          } else pending += word + spaces;
          start = next;
        }
        flush(segment.length);
      }
    }
    if (frags.length || lines.length === 0) push();
    return lines;
  }

  const runsOf = (inlines: ExportInline[], size: number, bold = false): ({ text: string } & Style)[] =>
    inlines.map((node) => {
      if (node.kind === "break") return { text: "\n", font: "regular", size, color: "#111111" };
      if (node.kind === "note") return { text: `[${node.n}]`, font: "regular", size: size * 0.7, color: "#1d4f91" };
      return { text: node.text, font: fontOf({ ...node, bold: node.bold || bold }), size, color: node.href ? "#1d4f91" : "#111111", ...(node.href && { link: node.href }) };
    });

  const rows: Row[] = [];
  const text = (value: string, style: Partial<Style> = {}): { text: string } & Style => ({ text: value, font: "regular", size: bodySize, color: "#111111", ...style });
  const full = page.right - page.left;

  // Front matter: watermark notice, title, agreed notice, metadata.
  if (model.watermark) rows.push({ columns: [layout([text(model.watermark, { font: "bold", size: 14, color: "#b00000" })], full)], xs: [page.left], before: 0, numbered: false });
  rows.push({ columns: [layout([text(model.title, { font: "bold", size: 22 })], full)], xs: [page.left], before: 6, numbered: false });
  if (model.agreedNotice) rows.push({ columns: [layout([text(model.agreedNotice, { font: "bold", size: 12, color: "#1a6b2f" })], full)], xs: [page.left], before: 6, numbered: false });
  model.metadata.forEach((row, i) =>
    rows.push({ columns: [layout([text(`${row.label}: `, { font: "bold", size: 9 }), text(row.value, { size: 9 })], full)], xs: [page.left], before: i ? 0 : 10, numbered: false }),
  );

  // The text, laid out once; the table of contents goes before it and points at its headings.
  const sideBySide = model.languages.length > 1;
  const columnWidth = sideBySide ? (full - columnGap) / 2 : full;
  const xs = sideBySide ? [page.left, page.left + columnWidth + columnGap] : [page.left];
  const cellRuns = (block: ExportBlock, cell: ExportCell, size: number, first: boolean) => {
    const runs = runsOf(cell.inlines, size, block.type === "heading");
    if (block.marker && (first || sideBySide)) runs.unshift(text(`${block.marker} `, { size }));
    if (cell.note) runs.push(text(` [${cell.note}]`, { font: "italic", size: size * 0.8, color: "#7a4a00" }));
    return runs;
  };
  const textRows: Row[] = model.blocks.map((block) => {
    const size = block.type === "heading" ? headingSizes[Math.min(4, Math.max(1, block.level ?? 1)) - 1]! : bodySize;
    const inset = Math.min(block.indent, 6) * 16;
    const columns = block.cells.map((cell) => layout(cellRuns(block, cell, size, true), columnWidth - inset));
    const heading = block.type === "heading" ? { text: block.cells.map((c) => c.inlines.map((n) => (n.kind === "text" ? n.text : "")).join("")).join(" / "), level: block.level ?? 1 } : undefined;
    return { columns, xs: xs.map((x) => x + inset), before: block.type === "heading" ? size * 0.8 : 3, numbered: true, ...(heading && { heading }) };
  });
  const headingRows = textRows.filter((row) => row.heading);
  if (headingRows.length) {
    rows.push({ columns: [layout([text(model.labels.contents, { font: "bold", size: 13 })], full)], xs: [page.left], before: 16, numbered: false });
    for (const row of headingRows) {
      const inset = (row.heading!.level - 1) * 12;
      rows.push({ columns: [layout([text(row.heading!.text, { size: 9.5 })], full - inset - 40)], xs: [page.left + inset], before: 0, numbered: false, tocOf: row });
    }
  }
  if (sideBySide) {
    rows.push({ columns: model.languages.map((l) => layout([text(l.toUpperCase(), { font: "bold", size: 9, color: "#555555" })], columnWidth)), xs, before: 16, numbered: false });
  }
  textRows[0] && (textRows[0].before = 16);
  rows.push(...textRows);
  if (model.footnotes.length) {
    rows.push({ columns: [layout([text(model.labels.notes, { font: "bold", size: 13 })], full)], xs: [page.left], before: 18, numbered: false });
    for (const n of model.footnotes) {
      const line = `${n.n}. ${n.kindLabel}: ${n.label}${n.author ? ` — ${n.author}` : ""}, `;
      rows.push({ columns: [layout([text(line, { size: 8.5 }), text(n.href, { size: 8.5, color: "#1d4f91", link: n.href })], full)], xs: [page.left], before: 2, numbered: false });
    }
  }

  // Pagination: every line gets its page and height; a heading never ends a page alone.
  type Placed = { row: Row; index: number; page: number; y: number; height: number };
  const placed: Placed[] = [];
  const pageOf = new Map<Row, number>();
  let pageIndex = 0;
  let y = page.top;
  /** A line's height across the row's columns. */
  const heightAt = (row: Row, index: number) => {
    let height = 0;
    for (const column of row.columns) height = Math.max(height, column[index]?.height ?? 0);
    return height;
  };
  for (const row of rows) {
    let count = 0;
    for (const column of row.columns) count = Math.max(count, column.length);
    if (y > page.top) y += row.before;
    if (y + heightAt(row, 0) * (row.heading ? 3 : 1) > page.bottom && y > page.top) {
      pageIndex++;
      y = page.top;
    }
    for (let index = 0; index < count; index++) {
      const height = heightAt(row, index);
      if (y + height > page.bottom && y > page.top) {
        pageIndex++;
        y = page.top;
      }
      if (index === 0) pageOf.set(row, pageIndex);
      placed.push({ row, index, page: pageIndex, y, height });
      y += height;
    }
  }
  const pageCount = pageIndex + 1;

  const newPage = (n: number) => {
    doc.addPage({ size: [page.width, page.height], margin: 0 });
    if (model.watermark) {
      doc.save();
      doc.rotate(-35, { origin: [page.width / 2, page.height / 2] });
      doc.font("bold").fontSize(64).fillColor("#b00000", 0.1);
      const w = doc.widthOfString(model.watermark);
      doc.text(model.watermark, page.width / 2 - w / 2, page.height / 2 - 32, { lineBreak: false });
      doc.restore();
      doc.fillOpacity(1);
    }
    doc.font("regular").fontSize(8).fillColor("#666666");
    const footer = `${model.title} — ${n + 1} / ${pageCount}`;
    doc.text(footer, page.right - widthOf(footer, "regular", 8), page.height - 40, { lineBreak: false });
  };

  let current = -1;
  let lineNumber = 0;
  for (const { row, index, page: p, y: top, height } of placed) {
    while (current < p) newPage(++current);
    if (index === 0 && row.heading) doc.outline.addItem(row.heading.text);
    row.columns.forEach((lines, column) => {
      const line = lines[index];
      if (!line) return;
      // Every fragment starts at the top of the line's largest size: smaller ones (note references) sit raised.
      const lineTop = top + height - Math.max(...line.frags.map((f) => f.size), bodySize) * 1.2;
      for (const frag of line.frags) {
        doc.font(frag.font).fontSize(frag.size).fillColor(frag.color);
        const x = row.xs[column]! + frag.x;
        doc.text(frag.text, x, lineTop, { lineBreak: false });
        // pdfkit's own `link` option needs a text width; the annotation is placed here instead.
        if (frag.link) doc.link(x, lineTop, frag.width, frag.size * 1.2, frag.link);
      }
    });
    if (row.tocOf) {
      const target = String((pageOf.get(row.tocOf) ?? 0) + 1);
      doc.font("regular").fontSize(9.5).fillColor("#111111");
      doc.text(target, page.right - widthOf(target, "regular", 9.5), top + height - 9.5 * 1.2, { lineBreak: false });
    }
    if (model.lineNumbers && row.numbered) {
      const label = String(++lineNumber);
      doc.font("regular").fontSize(7).fillColor("#888888");
      doc.text(label, page.left - 12 - widthOf(label, "regular", 7), top + height - 7 * 1.2 - 1.5, { lineBreak: false });
    }
  }
  while (current < 0) newPage(++current);

  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.end();
  return done;
}
