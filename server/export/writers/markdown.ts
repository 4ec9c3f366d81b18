// CommonMark. Citations become footnotes written `[^n]` with their definitions at the end
// (GitHub and Pandoc read them as footnotes; a strict CommonMark reader shows them as text).
// Side by side has no table in CommonMark: each block is followed by its translation.
import type { ExportCell, ExportInline, ExportModel } from "../model.js";

// Characters CommonMark could read as markup inside a line (`>` only matters at its start).
const escapeInline = (text: string) => text.replace(/[\\`*_[\]<!&#|~]/g, (c) => `\\${c}`);
/** A line must not start like a list item, heading, quote or thematic break. */
const escapeLineStart = (line: string) => line.replace(/^(\s*)(\d+)([.)])/, "$1$2\\$3").replace(/^(\s*)([-+=>])/, "$1\\$2");

function inlineMarkdown(inlines: ExportInline[]): string {
  return inlines
    .map((node) => {
      if (node.kind === "break") return "\\\n";
      if (node.kind === "note") return `[^${node.n}]`;
      if (node.code) return `\`${node.text.replace(/`/g, "'")}\``;
      let text = escapeInline(node.text);
      // Emphasis around surrounding spaces is not emphasis: keep them outside.
      const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
      if (core) {
        text = core!;
        if (node.italic) text = `*${text}*`;
        if (node.bold) text = `**${text}**`;
        if (node.href) text = `[${text}](<${node.href.replace(/[<>]/g, encodeURIComponent)}>)`;
        text = `${lead}${text}${trail}`;
      }
      return text;
    })
    .join("");
}

function cellMarkdown(cell: ExportCell, prefix: string): string {
  const note = cell.note ? ` *\\[${escapeInline(cell.note)}\\]*` : "";
  return escapeLineStart(prefix + inlineMarkdown(cell.inlines)) + note;
}

export function toMarkdown(model: ExportModel): string {
  const out: string[] = [];
  const sideBySide = model.languages.length > 1;
  if (model.watermark) out.push(`> **${escapeInline(model.watermark)}**`);
  out.push(`# ${escapeInline(model.title)}`);
  if (model.agreedNotice) out.push(`**${escapeInline(model.agreedNotice)}**`);
  out.push(model.metadata.map((row) => `- ${escapeInline(row.label)}: ${escapeInline(row.value)}`).join("\n"));
  // Thematic break: the text starts here.
  out.push("***");
  for (const block of model.blocks) {
    block.cells.forEach((cell, index) => {
      const tag = sideBySide ? `\\[${cell.language}\\] ` : "";
      if (block.type === "heading" && block.indent === 0) {
        out.push(`${"#".repeat(Math.min(6, (block.level ?? 1) + 1))} ${tag}${inlineMarkdown(cell.inlines)}${cell.note ? ` *\\[${escapeInline(cell.note)}\\]*` : ""}`);
        return;
      }
      // Lists and quotes are written as nested containers; each item's continuation is indented under it.
      const marker = index === 0 && block.marker ? (block.list === "bullet" ? "- " : `${block.marker} `) : "";
      const depth = Math.max(0, block.indent - (block.quote ? 1 : 0));
      const pad = "   ".repeat(Math.max(0, depth - (marker ? 1 : 0)));
      const quote = block.quote ? "> " : "";
      out.push(`${quote}${pad}${marker}${cellMarkdown(cell, tag)}`.replace(/\n/g, `\n${quote}${pad}${marker ? "   " : ""}`));
    });
  }
  if (model.footnotes.length) {
    out.push("***", `${"#".repeat(2)} ${escapeInline(model.labels.notes)}`);
    for (const note of model.footnotes) {
      const by = note.author ? ` — ${escapeInline(note.author)}` : "";
      out.push(`[^${note.n}]: ${escapeInline(note.kindLabel)}: ${escapeInline(note.label)}${by}, [${escapeInline(note.href)}](<${note.href}>)`);
    }
  }
  if (model.watermark) out.push(`> **${escapeInline(model.watermark)}**`);
  return out.join("\n\n") + "\n";
}
