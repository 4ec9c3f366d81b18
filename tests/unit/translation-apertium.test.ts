// The Apertium provider for real: rich text structure, glossary terms and batching.
import { describe, expect, it } from "vitest";
import { sanitizeRichText } from "../../shared/richtext.js";
import { toMachineText } from "../../server/translation/markup.js";
import { createApertiumProvider } from "../../server/translation/providers/index.js";
import { skipWithoutApertium } from "../helpers/apertium.js";

describe.skipIf(skipWithoutApertium())("apertium provider", () => {
  const apertium = createApertiumProvider()!;
  const translate = async (format: "plain" | "rich", value: unknown, from: string, to: string) => {
    const machine = toMachineText(format, value, from, to);
    const [out] = await apertium.translate([{ text: machine.html, format: "html" }], from, to);
    return machine.restore(out!);
  };

  it("names its routes: direct pairs, and fr↔en through Spanish", () => {
    expect(apertium.label("fr", "es")).toBe("apertium");
    expect(apertium.label("fr", "en")).toBe("apertium:fr>es>en");
    expect(apertium.label("en", "fr")).toBe("apertium:en>es>fr");
    expect(apertium.supports("fr", "de")).toBe(false);
  });

  it("keeps paragraphs, a list, a link's href and emphasis through a pivot", async () => {
    const source = sanitizeRichText({
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "Le conseil de développement publie " }, { type: "text", text: "son rapport annuel", marks: [{ type: "link", attrs: { href: "https://exemple.org/rapport-2008" } }] }, { type: "text", text: "." }] },
        { type: "bulletList", content: ["Les habitants participent.", "Les élus écoutent."].map((text) => ({ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text, marks: [{ type: "bold" }] }] }] })) },
      ],
    });
    const english = (await translate("rich", source, "fr", "en")) as ReturnType<typeof sanitizeRichText>;
    expect(english.content.map((b) => b.type)).toEqual(["paragraph", "bulletList"]);
    const paragraph = english.content[0] as { content: { text: string; marks?: { type: string; attrs?: { href: string } }[] }[] };
    const linked = paragraph.content.find((n) => n.marks?.some((m) => m.type === "link"));
    expect(linked?.marks?.find((m) => m.type === "link")?.attrs?.href).toBe("https://exemple.org/rapport-2008");
    expect(linked?.text).toMatch(/report/i);
    const list = english.content[1] as { content: { content: { content: { text: string; marks?: unknown[] }[] }[] }[] };
    expect(list.content).toHaveLength(2);
    expect(list.content[0]!.content[0]!.content[0]!.text).toMatch(/inhabitants|residents/i);
    expect(list.content[0]!.content[0]!.content[0]!.marks).toEqual([{ type: "bold" }]);
  });

  it("keeps « fiche navette » and acronyms out of the dictionary's reach", async () => {
    const english = await translate("plain", "Chaque fiche navette reçoit un retour OBC. Les fiches navettes circulent dans l'ESS et l'IAE.", "fr", "en");
    expect(english).toMatch(/shuttle sheet/);
    expect(english).toMatch(/shuttle sheets/);
    expect(english).not.toMatch(/chip|nail/i);
    expect(english).toMatch(/OBC/);
    expect(english).toMatch(/ESS/);
  });

  it("translates many segments in one call and gives each back in its place", async () => {
    const lines = Array.from({ length: 50 }, (_, i) => `Le groupement numéro ${i} emploie des saisonniers.`);
    const out = await apertium.translate(lines.map((text) => ({ text, format: "plain" as const })), "fr", "es");
    expect(out).toHaveLength(50);
    out.forEach((text, i) => expect(text).toContain(String(i)));
    expect(out[7]).toMatch(/temporeros|estacional|saisonniers|temporada/);
  });
});
