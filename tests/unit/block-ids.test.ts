// The editor gives block ids itself, in the transaction that creates a block, so the
// server's repair (a remote change that could land mid-keystroke) is rarely needed.
import { getSchema } from "@tiptap/core";
import { EditorState } from "@tiptap/pm/state";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import { blockIdPlugin, randomBlockId, richTextExtensions } from "../../shared/editor.js";

const schema = getSchema(richTextExtensions);

function stateOf(blocks: { type: "paragraph" | "heading"; text: string; blockId: string | null }[]) {
  const doc = schema.node(
    "doc",
    null,
    blocks.map((b) => schema.node(b.type, { blockId: b.blockId, ...(b.type === "heading" && { level: 2 }) }, b.text ? schema.text(b.text) : undefined)),
  );
  return EditorState.create({ doc, schema, plugins: [blockIdPlugin()] });
}

const idsOf = (state: EditorState) => {
  const ids: (string | null)[] = [];
  state.doc.descendants((node) => {
    if (node.type.name === "paragraph" || node.type.name === "heading") ids.push(node.attrs.blockId);
  });
  return ids;
};

describe("block ids in the editor", () => {
  it("gives the new half of a split block its own id, and keeps the first half's", () => {
    const state = stateOf([{ type: "heading", text: "Constats", blockId: "head0001" }, { type: "paragraph", text: "Deux phrases. La seconde.", blockId: "para0001" }]);
    // Press Enter after "Deux phrases." (position inside the second block).
    const inside = state.doc.child(0).nodeSize + 1 + "Deux phrases.".length;
    const { state: next, transactions } = state.applyTransaction(state.tr.split(inside));
    expect(transactions).toHaveLength(2); // the split, then the ids, applied together
    const ids = idsOf(next);
    expect(ids.slice(0, 2)).toEqual(["head0001", "para0001"]);
    expect(ids[2]).toMatch(/^[A-Za-z0-9_-]{8}$/);
  });

  it("renews a repeated id (a pasted copy) on the later block only", () => {
    const state = stateOf([{ type: "paragraph", text: "Original", blockId: "same0001" }]);
    const pasted = schema.node("paragraph", { blockId: "same0001" }, schema.text("Copie"));
    const { state: next } = state.applyTransaction(state.tr.insert(state.doc.content.size, pasted));
    const ids = idsOf(next);
    expect(ids[0]).toBe("same0001");
    expect(ids[1]).not.toBe("same0001");
    expect(ids[1]).toMatch(/^[A-Za-z0-9_-]{8}$/);
  });

  it("leaves changes received from others through Yjs to their author and the server", () => {
    const state = stateOf([{ type: "paragraph", text: "Reçu", blockId: null }]);
    const remote = state.tr.insertText("!", 5).setMeta(ySyncPluginKey, { isChangeOrigin: true });
    expect(idsOf(state.applyTransaction(remote).state)).toEqual([null]);
    const local = state.tr.insertText("!", 5);
    expect(idsOf(state.applyTransaction(local).state)[0]).toMatch(/^[A-Za-z0-9_-]{8}$/);
  });

  it("makes ids of the server's alphabet", () => {
    const ids = new Set(Array.from({ length: 200 }, randomBlockId));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{8}$/);
  });
});
