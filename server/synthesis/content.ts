// The text of a synthesis document in the forms the use cases need: ProseMirror JSON
// (versions, restore, templates); its blocks and their differences are in shared/synthesis-diff.ts.
import { getSchema } from "@tiptap/core";
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { richTextExtensions } from "../../shared/editor.js";
import { safeHref, sanitizeRichText } from "../../shared/richtext.js";
import { synthesisFragment } from "../../shared/synthesis.js";
import type { PmNode } from "../../shared/synthesis-diff.js";

export type { PmNode };

let schema: ReturnType<typeof getSchema> | null = null;
const richTextSchema = () => (schema ??= getSchema(richTextExtensions));

export const fragmentOf = (doc: Y.Doc) => doc.getXmlFragment(synthesisFragment);

/**
 * The document's text, holding only what the editor's schema knows: a Yjs document can be
 * written over the raw protocol with any element (`script`, `img onerror`, a `javascript:`
 * link), and none of that may leave through the API or be fed back into a restore.
 */
export function contentOf(doc: Y.Doc): PmNode {
  return withinSchema(yXmlFragmentToProsemirrorJSON(fragmentOf(doc)) as PmNode);
}

/** Drops unknown nodes (keeping their text), marks and attributes, and unsafe links. */
export function withinSchema(content: PmNode): PmNode {
  const pm = richTextSchema();
  const clean = (node: PmNode): PmNode[] => {
    const type = pm.nodes[node.type];
    const children = (node.content ?? []).flatMap(clean);
    if (!type) return children;
    const out: PmNode = { type: node.type };
    const allowedAttrs = Object.keys(type.spec.attrs ?? {});
    const attrs = Object.fromEntries(Object.entries(node.attrs ?? {}).filter(([key, value]) => allowedAttrs.includes(key) && (value === null || typeof value !== "object")));
    if (Object.keys(attrs).length) out.attrs = attrs;
    if (node.type === "text") out.text = typeof node.text === "string" ? node.text : "";
    const marks = (node.marks ?? []).flatMap((mark) => {
      const m = mark as { type?: string; attrs?: Record<string, unknown> };
      if (!m?.type || !pm.marks[m.type]) return [];
      if (m.type !== "link") return [{ type: m.type }];
      const href = safeHref(m.attrs?.href);
      return href ? [{ type: "link", attrs: { href } }] : [];
    });
    if (marks.length) out.marks = marks;
    if (children.length) out.content = children;
    return [out];
  };
  const [cleaned] = clean({ ...content, type: "doc" });
  try {
    pm.nodeFromJSON(cleaned).check();
    return cleaned!;
  } catch {
    // Structure the schema refuses (text straight in the document): the rich-text sanitizer rebuilds it.
    return sanitizeRichText(cleaned) as PmNode;
  }
}

/** The text of a stored state (a version), read in a throwaway document. */
export function contentOfState(state: Uint8Array): PmNode {
  const doc = new Y.Doc({ gc: false });
  try {
    Y.applyUpdate(doc, state);
    return contentOf(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * Makes the document's text equal to `content`, as one change on top of what is there:
 * y-prosemirror's diff keeps the blocks that did not change, so history and concurrent
 * carets survive, and the change reaches every client like any edit.
 */
export function replaceContent(doc: Y.Doc, content: PmNode): void {
  prosemirrorJSONToYXmlFragment(richTextSchema(), content, fragmentOf(doc));
}

/** Empty as a new document is: no text, no citation, nothing but empty paragraphs. */
export function isEmptyDocument(doc: Y.Doc): boolean {
  const content = contentOf(doc);
  return (content.content ?? []).every((node) => node.type === "paragraph" && !(node.content ?? []).length);
}
