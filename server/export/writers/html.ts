// A standalone HTML page: styles inline, no script, no outside resource. Its print stylesheet
// gives A4 pages, the watermark on every printed page (a fixed element repeats per page) and
// the notes after the text; side by side is a two-column table, one row per block pair.
import type { ExportBlock, ExportCell, ExportInline, ExportModel } from "../model.js";

const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function inlineHtml(inlines: ExportInline[]): string {
  return inlines
    .map((node) => {
      if (node.kind === "break") return "<br>";
      if (node.kind === "note") return `<sup class="note-ref"><a href="#note-${node.n}" id="ref-${node.n}">${node.n}</a></sup>`;
      let html = escapeHtml(node.text);
      if (node.code) html = `<code>${html}</code>`;
      if (node.italic) html = `<em>${html}</em>`;
      if (node.bold) html = `<strong>${html}</strong>`;
      if (node.href) html = `<a href="${escapeHtml(node.href)}">${html}</a>`;
      return html;
    })
    .join("");
}

function cellHtml(block: ExportBlock, cell: ExportCell): string {
  const note = cell.note ? ` <span class="state state-${cell.state}">[${escapeHtml(cell.note)}]</span>` : "";
  const body = inlineHtml(cell.inlines) + note;
  const attrs = ` data-block-id="${escapeHtml(block.blockId)}" lang="${escapeHtml(cell.language)}"`;
  if (block.type === "heading") return `<h${(block.level ?? 1) + 1}${attrs}>${body}</h${(block.level ?? 1) + 1}>`;
  const marker = block.marker ? `<span class="marker">${escapeHtml(block.marker)}</span> ` : "";
  const classes = [block.quote && "quote", block.indent > 0 && `indent-${Math.min(block.indent, 6)}`].filter(Boolean).join(" ");
  return `<p${attrs}${classes ? ` class="${classes}"` : ""}>${marker}${body}</p>`;
}

const style = `
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #111; }
h1 { font-size: 1.8rem; } h2 { font-size: 1.5rem; } h3 { font-size: 1.25rem; } h4 { font-size: 1.1rem; } h5 { font-size: 1rem; }
.metadata { border-collapse: collapse; margin: 1rem 0; font-size: .9rem; }
.metadata th { text-align: left; padding-right: 1rem; font-weight: 600; }
.agreed { border: 2px solid #1a6b2f; padding: .5rem 1rem; font-weight: 700; color: #1a6b2f; }
.watermark { position: fixed; top: 40%; left: 0; right: 0; text-align: center; transform: rotate(-30deg); font-size: 4rem; font-weight: 700; color: rgba(160, 0, 0, .12); pointer-events: none; z-index: 10; }
.banner { background: #fde8e8; color: #7a0000; padding: .25rem .75rem; font-weight: 700; }
.state { font-size: .8em; font-style: italic; color: #7a4a00; }
.marker { display: inline-block; min-width: 1.5em; }
.quote { border-left: 3px solid #999; padding-left: .75rem; color: #333; }
${[1, 2, 3, 4, 5, 6].map((n) => `.indent-${n} { margin-left: ${n * 1.5}rem; }`).join("\n")}
table.side-by-side { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.side-by-side td { vertical-align: top; width: 50%; padding: 0 .75rem; border-bottom: 1px solid #eee; }
.notes { font-size: .85rem; border-top: 1px solid #999; margin-top: 2rem; }
@page { size: A4; margin: 2cm 1.8cm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  a { color: inherit; }
  h1, h2, h3, h4, h5 { break-after: avoid; }
  tr, p { break-inside: avoid; }
  .banner { display: none; }
}
`;

export function toHtml(model: ExportModel): string {
  const sideBySide = model.languages.length > 1;
  const rows = model.blocks.map((block) =>
    sideBySide ? `<tr>${block.cells.map((cell) => `<td>${cellHtml(block, cell)}</td>`).join("")}</tr>` : cellHtml(block, block.cells[0]!),
  );
  const text = sideBySide
    ? `<table class="side-by-side"><thead><tr>${model.languages.map((l) => `<th lang="${escapeHtml(l)}">${escapeHtml(l)}</th>`).join("")}</tr></thead><tbody>${rows.join("\n")}</tbody></table>`
    : rows.join("\n");
  const notes = model.footnotes.length
    ? `<section class="notes"><h2>${escapeHtml(model.labels.notes)}</h2><ol>${model.footnotes
        .map((n) => `<li id="note-${n.n}">${escapeHtml(n.kindLabel)}: ${escapeHtml(n.label)}${n.author ? ` — ${escapeHtml(n.author)}` : ""}, <a href="${escapeHtml(n.href)}">${escapeHtml(n.href)}</a> <a href="#ref-${n.n}" aria-label="↑">↑</a></li>`)
        .join("")}</ol></section>`
    : "";
  return `<!doctype html>
<html lang="${escapeHtml(model.labelLanguage)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(model.title)}</title>
<style>${style}</style>
</head>
<body data-status="${model.status}">
${model.watermark ? `<div class="watermark" aria-hidden="true">${escapeHtml(model.watermark)}</div><p class="banner" role="note">${escapeHtml(model.watermark)}</p>` : ""}
<h1>${escapeHtml(model.title)}</h1>
${model.agreedNotice ? `<p class="agreed">${escapeHtml(model.agreedNotice)}</p>` : ""}
<table class="metadata">${model.metadata.map((row) => `<tr><th scope="row">${escapeHtml(row.label)}</th><td>${escapeHtml(row.value)}</td></tr>`).join("")}</table>
<main>
${text}
</main>
${notes}
</body>
</html>
`;
}
