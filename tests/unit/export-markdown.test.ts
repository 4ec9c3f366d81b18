// The Markdown writer escapes what CommonMark would read as markup: text typed in the synthesis
// comes back from a CommonMark parser as the same text, block by block.
import { describe, expect, it } from "vitest";
import { toMarkdown } from "../../server/export/writers/markdown.js";
import { exportBlock, exportModel, markdownBlocks } from "../helpers/export.js";

const tricky = ["*not emphasis* and _not either_", "# not a heading", "1. not a list item", "> not a quote", "- not a bullet", "<script>alert(1)</script> & [not](a link)", "a_b_c `not code` \\ backslash", "+ 3 > 2 | 4 ~ 5 ! #hash"];

const model = (texts: string[]) => exportModel(texts.map((text, i) => exportBlock(i, text)), "Synthèse *titre*");

describe("the Markdown writer", () => {
  it("escapes markup so a CommonMark parser reads back the very text, block by block", () => {
    const blocks = markdownBlocks(toMarkdown(model(tricky)));
    expect(blocks[0]).toEqual({ type: "heading", level: 1, text: "Synthèse *titre*" });
    const text = blocks.slice(blocks.findIndex((b) => b.type === "thematic_break") + 1);
    expect(text).toEqual(tricky.map((t) => ({ type: "paragraph", text: t })));
  });

  it("keeps bold, italic, code and links as CommonMark marks", () => {
    const m = model([]);
    m.blocks = [{ blockId: "b", type: "paragraph", level: null, indent: 0, list: null, marker: null, quote: false, cells: [{ language: "fr", state: "source", note: null, inlines: [
      { kind: "text", text: "gras ", bold: true }, { kind: "text", text: "italique", italic: true }, { kind: "text", text: " " }, { kind: "text", text: "x = 1", code: true }, { kind: "text", text: " lien", href: "https://example.org/a b" },
    ] }] }];
    expect(toMarkdown(m)).toContain("**gras** *italique* `x = 1` [lien](<https://example.org/a b>)");
  });
});
