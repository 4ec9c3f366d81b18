// The PDF writer lays its lines out itself: the contents give the page each heading is on,
// line numbers run on across pages, and a line never breaks at a no-break space (French
// typography puts one before « : ; ! ? » and inside « »). Read back with pdf-parse.
import { describe, expect, it } from "vitest";
import type { ExportBlock } from "../../server/export/index.js";
import { toPdf } from "../../server/export/writers/pdf.js";
import { exportBlock, exportModel, pdfText } from "../helpers/export.js";

const block = exportBlock;
const model = (blocks: ExportBlock[]) => exportModel(blocks, "Synthèse", true);

/** The text of each page, in order. */
async function pages(pdf: Buffer): Promise<string[]> {
  return (await pdfText(pdf)).split(/-- \d+ of \d+ --/).slice(0, -1);
}

describe("the PDF writer", () => {
  it("gives each heading's page in the contents, and numbers the lines on across pages", async () => {
    const filler = Array.from({ length: 90 }, (_, i) => block(i + 1, `Paragraphe ${i + 1} du premier constat, assez long pour occuper une ligne entière de la page.`));
    const read = await pages(await toPdf(model([block(0, "Premier constat", true), ...filler, block(99, "Second constat", true), block(100, "Dernière ligne.")])));
    expect(read.length).toBeGreaterThan(2);
    // Each text line ends with its number (after a tab, as pdf-parse reads the margin).
    const pageOf = (heading: string) => read.findIndex((page) => new RegExp(`^${heading}\t\\d+$`, "m").test(page)) + 1;
    expect(pageOf("Premier constat")).toBe(1);
    expect(pageOf("Second constat")).toBe(read.length);
    expect(read[0]).toContain(`Premier constat 1\nSecond constat ${read.length}\n`);
    // One number per laid-out line, from the first heading to the last line, on across pages.
    const numbers = read.join("\n").match(/(?<=\t)\d+$/gm)!.map(Number);
    expect(numbers).toEqual(Array.from({ length: 93 }, (_, i) => i + 1));
  });

  it("never breaks a line at a no-break space", async () => {
    // Words of many widths, every third bound to « liés » by a no-break space: some pair is bound to reach a line's end.
    const text = Array.from({ length: 300 }, (_, i) => `mot${"s".repeat(i % 7)}${i % 3 === 2 ? "\u00a0liés" : ""}`).join(" ");
    const lines = (await pages(await toPdf(model([block(0, text)]))))
      .join("\n")
      .split("\n")
      .filter((line) => line.includes("mot"));
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(line).not.toMatch(/^\s*liés/);
  });
});
