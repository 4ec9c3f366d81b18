// Pure rules of synthesis documents: names, the status workflow, templates, the diff.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { getSchema } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { diffBlocks, diffSequences, diffText } from "../../shared/synthesis-diff.js";
import { autoVersionsToThin } from "../../server/synthesis/versions.js";
import { stampAwareness } from "../../server/synthesis/yjs-endpoint.js";
import { citationHref, richTextExtensions } from "../../shared/editor.js";
import { canChangeStatus, parseDocName, seriesSynthesisName, synthesisDocName, workshopDocumentName } from "../../shared/synthesis.js";
import { templateDocument, templateLanguage } from "../../shared/synthesis-templates.js";

const block = (blockId: string | null, text: string, type = "paragraph") => ({ blockId, type, level: null, text });

describe("synthesis document names", () => {
  it("name a workshop's main synthesis, its other documents and a series' synthesis", () => {
    expect(parseDocName(synthesisDocName("workshop-0001"))).toEqual({ kind: "workshop-synthesis", workshopId: "workshop-0001" });
    expect(parseDocName(workshopDocumentName("workshop-0001", "document-01"))).toEqual({ kind: "workshop-document", workshopId: "workshop-0001", documentId: "document-01" });
    expect(parseDocName(seriesSynthesisName("series-00001"))).toEqual({ kind: "series-synthesis", seriesId: "series-00001" });
  });

  it("refuse anything else", () => {
    for (const name of ["workshop/short/synthesis", "workshop/workshop-0001/doc/", "series/series-00001/doc/x", "../etc/passwd", "workshop/workshop-0001/synthesis/extra"]) {
      expect(parseDocName(name)).toBeNull();
    }
  });
});

describe("synthesis status workflow", () => {
  it("goes draft → submitted → agreed, back to draft from submitted, and reopens from agreed", () => {
    expect(canChangeStatus("draft", "submitted")).toBe(true);
    expect(canChangeStatus("submitted", "agreed")).toBe(true);
    expect(canChangeStatus("submitted", "draft")).toBe(true);
    expect(canChangeStatus("agreed", "draft")).toBe(true);
    expect(canChangeStatus("draft", "agreed")).toBe(false);
    expect(canChangeStatus("agreed", "submitted")).toBe(false);
    expect(canChangeStatus("draft", "draft")).toBe(false);
  });
});

describe("the shared rich-text schema", () => {
  const schema = getSchema(richTextExtensions);

  it("gives paragraphs and headings a block id that a split does not copy", () => {
    for (const type of ["paragraph", "heading"]) expect(schema.nodes[type]!.spec.attrs).toHaveProperty("blockId");
    expect(schema.nodes.bulletList!.spec.attrs ?? {}).not.toHaveProperty("blockId");
  });

  it("holds citations as inline atoms that name the cited contribution", () => {
    const citation = schema.nodes.citation!;
    expect(citation.isInline && citation.isAtom).toBe(true);
    const node = schema.nodeFromJSON({ type: "citation", attrs: { kind: "proposal", targetId: "proposal-0001", workshopId: "workshop-0001", label: "Un fonds", author: "Grace" } });
    expect(node.attrs).toMatchObject({ kind: "proposal", targetId: "proposal-0001" });
    expect(citationHref(node.attrs as never)).toBe("/workshops/workshop-0001/cite/proposal/proposal-0001");
  });
});

describe("synthesis templates", () => {
  it("write their headings in the document's language, with an id on every block", () => {
    let n = 0;
    const doc = templateDocument("findings", "en", () => `block-${n++}`);
    const headings = doc.content!.filter((node) => node.type === "heading").map((node) => node.content![0]!.text);
    expect(headings).toEqual(["Findings", "Supporting cases", "Proposals"]);
    expect(JSON.stringify(doc).match(/"blockId"/g)).toHaveLength(n);
  });

  it("fall back to English for languages they are not written in", () => {
    expect(templateLanguage("pt")).toBe("en");
    expect(templateLanguage("es")).toBe("es");
  });
});

describe("synthesis diff", () => {
  it("finds the shortest edit between two sequences", () => {
    const ops = diffSequences([..."abcxdef"], [..."abydef"], (x, y) => x === y).map(({ op, items }) => `${op}:${items.join("")}`);
    expect(ops).toEqual(["equal:ab", "delete:cx", "insert:y", "equal:def"]);
  });

  it("compares texts word by word, keeping the spaces so runs join back into the texts", () => {
    const runs = diffText("les réponses sont locales", "les réponses restent locales et partagées");
    expect(runs).toEqual([
      { op: "equal", text: "les réponses " },
      { op: "delete", text: "sont" },
      { op: "insert", text: "restent" },
      { op: "equal", text: " locales" },
      { op: "insert", text: " et partagées" },
    ]);
    expect(runs.filter((r) => r.op !== "insert").map((r) => r.text).join("")).toBe("les réponses sont locales");
    expect(runs.filter((r) => r.op !== "delete").map((r) => r.text).join("")).toBe("les réponses restent locales et partagées");
  });

  it("matches blocks by their id even when moved text changes, and counts words", () => {
    const before = [block("b1", "Constats"), block("b2", "Un cas"), block("b3", "À retirer")];
    const after = [block("b1", "Constats"), block("b2", "Un cas qui appuie"), block("b4", "Nouveau")];
    const { blocks, inserted, removed } = diffBlocks(before, after);
    expect(blocks.map((b) => `${b.blockId}:${b.change}`)).toEqual(["b1:unchanged", "b2:changed", "b3:removed", "b4:inserted"]);
    expect(inserted).toBe(3);
    expect(removed).toBe(2);
  });

  it("stays bounded on very long changed passages", () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`);
    const ops = diffSequences(a, b, (x, y) => x === y);
    expect(ops.map((o) => o.op)).toEqual(["delete", "insert"]);
  });
});

describe("awareness from clients", () => {
  const encode = (entries: { clientId: number; clock: number; state: unknown }[]) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, entries.length);
    for (const e of entries) {
      encoding.writeVarUint(encoder, e.clientId);
      encoding.writeVarUint(encoder, e.clock);
      encoding.writeVarString(encoder, JSON.stringify(e.state));
    }
    return encoding.toUint8Array(encoder);
  };
  const decode = (update: Uint8Array) => {
    const decoder = decoding.createDecoder(update);
    return Array.from({ length: decoding.readVarUint(decoder) }, () => ({
      clientId: decoding.readVarUint(decoder),
      clock: decoding.readVarUint(decoder),
      state: JSON.parse(decoding.readVarString(decoder)),
    }));
  };

  it("speaks for the signed-in account only and never for the server", () => {
    const update = encode([
      { clientId: 7, clock: 1, state: { user: { userId: "someone-else", name: "Impostor", language: "es" }, navette: { status: "draft" }, cursor: null } },
      { clientId: 99, clock: 3, state: { navette: { status: "draft" } } },
      { clientId: 8, clock: 2, state: null },
    ]);
    const stamped = decode(stampAwareness(update, { userId: "user-0001", name: "Amadou Diallo" }, 99));
    expect(stamped).toEqual([
      { clientId: 7, clock: 1, state: { user: { userId: "user-0001", name: "Amadou Diallo", language: "es" }, cursor: null } },
      { clientId: 8, clock: 2, state: null },
    ]);
  });
});

describe("thinning automatic versions", () => {
  const now = Date.parse("2026-11-23T12:00:00Z");
  const at = (hoursAgo: number) => new Date(now - hoursAgo * 3_600_000).toISOString();
  const auto = (id: string, hoursAgo: number, restoredFrom: string | null = null) => ({ id, kind: "auto" as const, createdAt: at(hoursAgo), restoredFrom });

  it("keeps the last day whole, then the newest per hour for a week, then the newest per day", () => {
    const versions = [
      auto("recent-1", 1),
      auto("recent-2", 23.9),
      // Two days ago, within one clock hour: the newer stays.
      auto("hour-new", 48.1),
      auto("hour-old", 48.2),
      // Ten days ago, same day: the newest stays.
      auto("day-new", 240.05),
      auto("day-mid", 240.1),
      auto("day-old", 240.15),
    ];
    expect(autoVersionsToThin(versions, now).sort()).toEqual(["day-mid", "day-old", "hour-old"]);
  });

  it("never thins named, status or restore versions, nor one a restore came from", () => {
    const versions = [
      { id: "named", kind: "manual" as const, createdAt: at(300), restoredFrom: null },
      { id: "agreed", kind: "status" as const, createdAt: at(300.01), restoredFrom: null },
      auto("source", 300.02),
      auto("newer", 300.01),
      { id: "restore", kind: "restore" as const, createdAt: at(2), restoredFrom: "source" },
    ];
    expect(autoVersionsToThin(versions, now)).toEqual([]);
  });
});
