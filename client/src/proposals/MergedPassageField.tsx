// When a facilitator marks a proposal "merged into the synthesis", the passage that took it
// in: a choice among the paragraphs and headings of the workshop's synthesis documents.
import { useTranslation } from "react-i18next";
import type { SynthesisDocument } from "../../../shared/schemas/synthesis.js";
import { api } from "../api.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { useResource } from "../ui/useResource.js";

export type Passage = { documentId: string; blockId: string };

type Block = { blockId: string; text: string };
type PmNode = { type: string; text?: string; attrs?: Record<string, unknown>; content?: PmNode[] };

const excerptLength = 90;

/** Plain text of a node: its text runs, and a citation's label in brackets. */
function textOf(node: PmNode): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "citation") return `[${String(node.attrs?.label ?? "")}]`;
  return (node.content ?? []).map(textOf).join("");
}

/** The blocks that carry a stable id, in reading order (list items hold paragraphs too). */
function blocksOf(node: PmNode, into: Block[] = []): Block[] {
  const blockId = node.attrs?.blockId;
  if (typeof blockId === "string" && blockId) {
    const text = textOf(node).trim();
    if (text) into.push({ blockId, text: text.length > excerptLength ? `${text.slice(0, excerptLength - 1)}…` : text });
    return into;
  }
  for (const child of node.content ?? []) blocksOf(child, into);
  return into;
}

async function loadPassages(workshopId: string) {
  const { documents } = await api.get<{ documents: SynthesisDocument[] }>(`/api/workshops/${encodeURIComponent(workshopId)}/synthesis/documents`);
  return Promise.all(
    documents.map(async (document) => {
      const { content } = await api.get<{ content: PmNode }>(`/api/synthesis/documents/${encodeURIComponent(document.id)}/content`);
      return { document, blocks: blocksOf(content) };
    }),
  );
}

const valueOf = (passage: Passage | null) => (passage ? `${passage.documentId}/${passage.blockId}` : "");

export function MergedPassageField({ workshopId, value, onChange }: { workshopId: string; value: Passage | null; onChange: (passage: Passage | null) => void }) {
  const { t } = useTranslation(["proposals", "synthesis"]);
  const passages = useResource(() => loadPassages(workshopId), [workshopId]);
  const titleOf = (document: SynthesisDocument) =>
    document.kind === "main" ? t("proposals:passage.mainSynthesis") : document.kind === "series" ? t("proposals:passage.seriesSynthesis") : document.title;

  return (
    <div className="field">
      <label htmlFor="proposal-passage">{t("proposals:passage.label")}</label>
      <select
        id="proposal-passage"
        aria-describedby="proposal-passage-hint"
        value={valueOf(value)}
        onChange={(event) => {
          const [documentId, blockId] = event.target.value.split("/");
          onChange(documentId && blockId ? { documentId, blockId } : null);
        }}
      >
        <option value="">{t("proposals:passage.none")}</option>
        {passages.data?.map(({ document, blocks }) =>
          blocks.length === 0 ? null : (
            <optgroup key={document.id} label={titleOf(document)}>
              {blocks.map((block) => (
                <option key={block.blockId} value={`${document.id}/${block.blockId}`}>
                  {block.text}
                </option>
              ))}
            </optgroup>
          ),
        )}
      </select>
      <p id="proposal-passage-hint" className="hint">
        {t("proposals:passage.hint")}
      </p>
      <ErrorNotice error={passages.error} />
    </div>
  );
}
