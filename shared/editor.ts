// The document schema of rich text, shared by the client's editor and the server
// (demo content, rendering, export), so both read the same ProseMirror tree.
import { Extension, mergeAttributes, Node } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";

/** Blocks that carry a stable id; translations and citations attach to it. */
export const blockTypes = ["paragraph", "heading"] as const;

/**
 * A stable `blockId` on every paragraph and heading, kept across edits. The server
 * gives one to each block that lacks it and repairs duplicates (a split block copies
 * its attributes: the first keeps the id, the second gets a new one).
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
            // Enter at the end of a block must not copy its id; splits in the middle are repaired by the server.
            keepOnSplit: false,
            parseHTML: (element: HTMLElement) => element.getAttribute("data-block-id"),
            renderHTML: (attributes: Record<string, unknown>) =>
              attributes.blockId ? { "data-block-id": String(attributes.blockId) } : {},
          },
        },
      },
    ];
  },
});

export const citationKinds = ["fiche", "post", "proposal"] as const;
export type CitationKind = (typeof citationKinds)[number];

export interface CitationAttrs {
  kind: CitationKind;
  targetId: string;
  /** The workshop the cited contribution belongs to (a series synthesis cites several). */
  workshopId: string;
  /** The contribution's title, as it was when cited. */
  label: string;
  author: string;
}

/** Where a citation leads: one client route resolves it to the contribution's page. */
export function citationHref(attrs: Pick<CitationAttrs, "kind" | "targetId" | "workshopId">): string {
  return `/workshops/${encodeURIComponent(attrs.workshopId)}/cite/${attrs.kind}/${encodeURIComponent(attrs.targetId)}`;
}

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
