// The document schema of rich text, shared by the client's editor and the server
// (demo content, rendering, export), so both read the same ProseMirror tree.
import { Extension, mergeAttributes, Node } from "@tiptap/core";
import { Plugin, PluginKey, type Transaction } from "@tiptap/pm/state";
import StarterKit from "@tiptap/starter-kit";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { citationHref, type CitationAttrs } from "./richtext.js";

/** Blocks that carry a stable id; translations and citations attach to it. */
export const blockTypes = ["paragraph", "heading"] as const;

const blockTypeSet = new Set<string>(blockTypes);

/** 8 url-safe characters from 6 random bytes, like the server's ids. */
export function randomBlockId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(6));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_");
}

/** Changes made here, not ones received from others through Yjs (each editor would give its own id). */
const isLocalEdit = (tr: Transaction) => tr.docChanged && !tr.getMeta(ySyncPluginKey)?.isChangeOrigin;

/** Gives an id to each block of a local edit that lacks one or repeats an earlier one. */
export function blockIdPlugin(): Plugin {
  return new Plugin({
    key: new PluginKey("blockIds"),
    appendTransaction(transactions, _old, state) {
      if (!transactions.some(isLocalEdit)) return null;
      const taken = new Set<string>();
      let tr: Transaction | null = null;
      state.doc.descendants((node, pos) => {
        if (!blockTypeSet.has(node.type.name)) return true;
        const id = node.attrs.blockId as string | null;
        if (id && !taken.has(id)) {
          taken.add(id);
        } else {
          let fresh = randomBlockId();
          while (taken.has(fresh)) fresh = randomBlockId();
          taken.add(fresh);
          tr ??= state.tr;
          tr.setNodeAttribute(pos, "blockId", fresh);
        }
        return false;
      });
      return tr;
    },
  });
}

/**
 * A stable `blockId` on every paragraph and heading, kept across edits. The editor gives
 * an id to a block it creates (Enter, paste) in the same transaction, so the server,
 * which also repairs missing and duplicate ids, rarely has to: its repair reaches the
 * editor as a remote change, and one arriving mid-keystroke could cost the typist a letter.
 */
export const BlockId = Extension.create({
  name: "blockId",
  addGlobalAttributes() {
    return [
      {
        types: [...blockTypes],
        attributes: {
          blockId: {
            default: null,
            // A split block's second half must not copy the id: the plugin below gives it its own.
            keepOnSplit: false,
            parseHTML: (element: HTMLElement) => element.getAttribute("data-block-id"),
            renderHTML: (attributes: Record<string, unknown>) =>
              attributes.blockId ? { "data-block-id": String(attributes.blockId) } : {},
          },
        },
      },
    ];
  },
  addProseMirrorPlugins() {
    return [blockIdPlugin()];
  },
});

export { citationHref, citationKinds, type CitationAttrs, type CitationKind } from "./richtext.js";

const dataAttribute = (name: string, fallback = "") => ({
  default: fallback,
  parseHTML: (element: HTMLElement) => element.getAttribute(`data-${name}`) ?? fallback,
  renderHTML: (attributes: Record<string, unknown>) => ({ [`data-${name}`]: String(attributes[toCamel(name)] ?? fallback) }),
});
const toCamel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** An inline citation of a fiche, post or proposal: an atom holding its id, shown as a link with title and author. */
export const Citation = Node.create({
  name: "citation",
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,
  addAttributes() {
    return {
      kind: dataAttribute("kind", "fiche"),
      targetId: dataAttribute("target-id"),
      workshopId: dataAttribute("workshop-id"),
      label: dataAttribute("label"),
      author: dataAttribute("author"),
    };
  },
  parseHTML() {
    return [{ tag: "a[data-citation]" }];
  },
  renderHTML({ node, HTMLAttributes }) {
    const attrs = node.attrs as CitationAttrs;
    return [
      "a",
      mergeAttributes(HTMLAttributes, { "data-citation": "", class: "citation", href: citationHref(attrs) }),
      attrs.author ? `${attrs.label} — ${attrs.author}` : attrs.label,
    ];
  },
  renderText({ node }) {
    return `[${(node.attrs as CitationAttrs).label}]`;
  },
});

/** History is off: with Yjs collaboration, undo is handled per user by the Collaboration extension. */
export const richTextExtensions = [StarterKit.configure({ undoRedo: false }), BlockId, Citation];
