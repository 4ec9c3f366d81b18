// Provenance: which passages of which documents cite a fiche, post or proposal.
// Citations are inline `citation` nodes (shared/editor.ts). An index table answers the
// question without opening documents; it is rewritten when a document is loaded, when it
// is unloaded, and, for documents in memory that changed, just before each query, so
// answers are always current.
import * as Y from "yjs";
import { citationKinds, type CitationKind } from "../../shared/editor.js";
import type { CitationRecord, Storage } from "../storage/port.js";
import { blockElements } from "./block-ids.js";
import type { DocumentHooks, DocumentStore, SharedDocument } from "./documents.js";

const excerptLength = 280;
const isCitationKind = (value: unknown): value is CitationKind => (citationKinds as readonly unknown[]).includes(value);

/** A block's plain text: its text runs, citations as [title], breaks as new lines. */
export function blockText(block: Y.XmlElement): string {
  return block
    .toArray()
    .map((child) => {
      if (child instanceof Y.XmlText) return (child.toDelta() as { insert: unknown }[]).map((d) => (typeof d.insert === "string" ? d.insert : "")).join("");
      if (child instanceof Y.XmlElement && child.nodeName === "citation") return `[${child.getAttribute("label") ?? ""}]`;
      if (child instanceof Y.XmlElement && child.nodeName === "hardBreak") return "\n";
      return "";
    })
    .join("");
}

export const excerptOf = (block: Y.XmlElement) => blockText(block).slice(0, excerptLength);

export function findBlock(fragment: Y.XmlFragment, blockId: string): Y.XmlElement | null {
  for (const block of blockElements(fragment)) if (block.getAttribute("blockId") === blockId) return block;
  return null;
}

export function citationsIn(fragment: Y.XmlFragment): Omit<CitationRecord, "documentId">[] {
  const rows: Omit<CitationRecord, "documentId">[] = [];
  for (const block of blockElements(fragment)) {
    const blockId = block.getAttribute("blockId");
    if (typeof blockId !== "string" || !blockId) continue;
    let excerpt: string | null = null;
    for (const child of block.toArray()) {
      if (!(child instanceof Y.XmlElement) || child.nodeName !== "citation") continue;
      const kind = child.getAttribute("kind");
      const targetId = child.getAttribute("targetId");
      if (!isCitationKind(kind) || typeof targetId !== "string" || !targetId) continue;
      excerpt ??= excerptOf(block);
      rows.push({ blockId, kind, targetId, excerpt });
    }
  }
  return rows;
}

export function createCitationIndex(storage: Storage, documents: DocumentStore, fragmentOf: (doc: Y.Doc) => Y.XmlFragment) {
  async function refresh(shared: SharedDocument): Promise<void> {
    if (!shared.documentId || shared.closed) return;
    shared.citationsDirty = false;
    await storage.synthesis.replaceCitations(shared.documentId, citationsIn(fragmentOf(shared.doc)));
  }

  const hooks: DocumentHooks = {
    loaded: ({ shared }) => refresh(shared),
    applied(shared) {
      shared.citationsDirty = true;
    },
    async unloading({ shared }) {
      if (shared.citationsDirty) await refresh(shared);
    },
  };

  return {
    hooks,
    /** Index rows citing a contribution, current for documents in memory too. */
    async citing(kind: CitationKind, targetId: string): Promise<CitationRecord[]> {
      for (const shared of documents.loadedDocuments()) if (shared.citationsDirty) await refresh(shared);
      return storage.synthesis.citationsOf(kind, targetId);
    },
  };
}
