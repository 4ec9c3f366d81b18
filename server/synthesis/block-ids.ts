// Stable block ids: every paragraph and heading carries a `blockId` attribute that
// survives edits (translations align to it later). The server guarantees it: after
// a load and after any change to the document's structure it gives an id to every
// block lacking one and a new id to the later of two blocks sharing one (a block
// split in the middle copies its attributes; the first half keeps the id).
import { randomBytes } from "node:crypto";
import * as Y from "yjs";
import { blockTypes } from "../../shared/editor.js";
import type { DocumentHooks } from "./documents.js";

const blockTypeSet = new Set<string>(blockTypes);

/** Paragraphs and headings, in document order (inside lists and quotes too). */
export function* blockElements(parent: Y.XmlFragment): Generator<Y.XmlElement> {
  for (const child of parent.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    if (blockTypeSet.has(child.nodeName)) yield child;
    else yield* blockElements(child);
  }
}

/** Blocks that need a new id, and the ids already taken. */
export function blocksNeedingIds(fragment: Y.XmlFragment): { needing: Y.XmlElement[]; taken: Set<string> } {
  const taken = new Set<string>();
  const needing: Y.XmlElement[] = [];
  for (const block of blockElements(fragment)) {
    const id = block.getAttribute("blockId");
    if (typeof id === "string" && id && !taken.has(id)) taken.add(id);
    else needing.push(block);
  }
  return { needing, taken };
}

export function newBlockId(taken: Set<string> = new Set()): string {
  for (;;) {
    const id = randomBytes(6).toString("base64url");
    if (!taken.has(id)) return id;
  }
}

/** The change that gives ids where needed, or null when every block has its own. */
export function blockIdRepair(fragment: Y.XmlFragment): ((doc: Y.Doc) => void) | null {
  const { needing, taken } = blocksNeedingIds(fragment);
  if (needing.length === 0) return null;
  return () => {
    for (const block of needing) {
      const id = newBlockId(taken);
      taken.add(id);
      block.setAttribute("blockId", id);
    }
  };
}

/** Typing changes only text; a scan is needed only when elements or their attributes changed. */
function touchesStructure(transaction: Y.Transaction): boolean {
  for (const type of transaction.changed.keys()) if (type instanceof Y.XmlFragment) return true;
  return false;
}

export function blockIdHooks(fragmentOf: (doc: Y.Doc) => Y.XmlFragment): DocumentHooks {
  return {
    async loaded(ctx) {
      const repair = blockIdRepair(fragmentOf(ctx.doc));
      if (repair) await ctx.change("block-ids", repair);
    },
    followUp(shared, transaction) {
      if (!touchesStructure(transaction)) return null;
      const repair = blockIdRepair(fragmentOf(shared.doc));
      return repair ? { reason: "block-ids", apply: repair } : null;
    },
  };
}
