// A synthesis document block by block in one language, shared by the translator's workspace and
// the reader's view: one fetch, refreshed when a translation of it is stored, when its text
// changes (announced once editing pauses), and when its status or versions change.
import { useEffect, useRef, type CSSProperties, type ReactNode } from "react";
import { sanitizeRichText, type RichTextDoc } from "../../../shared/richtext.js";
import type { SynthesisBlockTranslation, SynthesisTranslations } from "../../../shared/schemas/translations.js";
import { useWorkshopEvents } from "../live/workshopEvents.js";
import { RichText } from "../ui/RichText.js";
import { useResource, type Resource } from "../ui/useResource.js";
import { translationApi } from "./translationApi.js";

export type SynthesisBlock = SynthesisBlockTranslation;

export function useSynthesisTranslations(workshopId: string, documentId: string, language: string): Resource<SynthesisTranslations> {
  const resource = useResource(() => translationApi.synthesis(workshopId, documentId, language), [workshopId, documentId, language]);
  // A burst of machine drafts (one event per block) makes one refetch.
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => clearTimeout(timer.current ?? undefined), []);
  const soon = () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      resource.reload();
    }, 300);
  };
  const mine = (event: { documentId: string }) => event.documentId === documentId && soon();
  useWorkshopEvents({
    "translation.updated": (event) => event.targetKind === "synthesis" && event.targetId === documentId && soon(),
    "synthesis.text.updated": mine,
    "synthesis.status": mine,
    "synthesis.versions.updated": mine,
  });
  return resource;
}

type Inline = NonNullable<Extract<RichTextDoc["content"][number], { type: "paragraph" }>["content"]>[number];

/** The inline content of every paragraph and heading of a doc, joined by line breaks. */
function inlinesOf(doc: RichTextDoc): Inline[] {
  const out: Inline[] = [];
  const walk = (nodes: readonly { type: string; content?: unknown[] }[]) => {
    for (const node of nodes) {
      if (node.type === "paragraph" || node.type === "heading") {
        const content = (node.content ?? []) as Inline[];
        if (!content.length) continue;
        if (out.length) out.push({ type: "hardBreak" });
        out.push(...content);
      } else if (Array.isArray(node.content)) walk(node.content as { type: string; content?: unknown[] }[]);
    }
  };
  walk(doc.content);
  return out;
}

/** A translation shown in its block's place: the block's own kind (a heading stays a heading) with the translated text. */
export function asBlock(block: Pick<SynthesisBlock, "type" | "level">, doc: RichTextDoc): RichTextDoc {
  const content = inlinesOf(doc);
  const node =
    block.type === "heading"
      ? { type: "heading" as const, attrs: { level: Math.min(4, Math.max(1, block.level ?? 2)) as 1 | 2 | 3 | 4 }, ...(content.length ? { content } : {}) }
      : { type: "paragraph" as const, ...(content.length ? { content } : {}) };
  return { type: "doc", content: [node] };
}

/** One block where the document puts it: indented in lists and quotes, with its list marker. */
export function BlockFrame({ block, children, className = "", lang }: { block: Pick<SynthesisBlock, "indent" | "marker" | "quote">; children: ReactNode; className?: string; lang?: string }) {
  const style = { "--indent": block.indent } as CSSProperties;
  return (
    <div className={`sx-frame${block.quote ? " is-quote" : ""}${block.marker ? " has-marker" : ""} ${className}`.trim()} style={style} lang={lang}>
      {block.marker && <span className="sx-marker">{block.marker}</span>}
      <div className="sx-body">{children}</div>
    </div>
  );
}

/** A block's text, original or translated, as its block (a stored translation is sanitized again on the way). */
export function BlockText({ block, doc }: { block: Pick<SynthesisBlock, "type" | "level">; doc: unknown }) {
  return <RichText doc={asBlock(block, sanitizeRichText(doc))} />;
}
