// The difference between two versions of a document, as blocks with inserted and
// removed runs of words. Blocks are matched by their stable id (or, lacking one, by
// equal text), then each matched block is compared word by word. Shared: the server
// compares versions, the browser compares its own copy with the server's.
import { blockTypes, type CitationAttrs } from "./editor.js";
import type { DiffBlock, DiffRun } from "./schemas/synthesis.js";

/** A document as ProseMirror JSON. */
export interface PmNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PmNode[];
  text?: string;
  marks?: unknown[];
}

export interface TextBlock {
  blockId: string | null;
  type: string;
  level: number | null;
  text: string;
}

const isTextBlock = (type: string) => (blockTypes as readonly string[]).includes(type) || type === "codeBlock";

function inlineText(nodes: PmNode[] | undefined): string {
  return (nodes ?? [])
    .map((node) => {
      if (node.type === "text") return node.text ?? "";
      if (node.type === "hardBreak") return "\n";
      if (node.type === "citation") return `[${(node.attrs as Partial<CitationAttrs> | undefined)?.label ?? ""}]`;
      return inlineText(node.content);
    })
    .join("");
}

/** Every paragraph, heading and code block, in document order, with its plain text. */
export function blocksOf(content: PmNode): TextBlock[] {
  const out: TextBlock[] = [];
  const walk = (nodes: PmNode[] | undefined) => {
    for (const node of nodes ?? []) {
      if (isTextBlock(node.type)) {
        const blockId = node.attrs?.blockId;
        const level = node.attrs?.level;
        out.push({
          blockId: typeof blockId === "string" ? blockId : null,
          type: node.type,
          level: typeof level === "number" ? level : null,
          text: inlineText(node.content),
        });
      } else {
        walk(node.content);
      }
    }
  };
  walk(content.content);
  return out;
}


type Op<T> = { op: "equal" | "insert" | "delete"; items: T[] };

/** Past this many cells the LCS table is too big; the middle is shown as removed then inserted. */
const maxCells = 4_000_000;

/**
 * The shortest edit from `a` to `b` by longest common subsequence, after trimming the
 * common prefix and suffix (most versions share most of their text).
 */
export function diffSequences<T>(a: readonly T[], b: readonly T[], equal: (x: T, y: T) => boolean): Op<T>[] {
  let start = 0;
  while (start < a.length && start < b.length && equal(a[start]!, b[start]!)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && equal(a[endA - 1]!, b[endB - 1]!)) {
    endA--;
    endB--;
  }
  const ops: Op<T>[] = [];
  const push = (op: Op<T>["op"], item: T) => {
    const last = ops.at(-1);
    if (last?.op === op) last.items.push(item);
    else ops.push({ op, items: [item] });
  };
  for (let i = 0; i < start; i++) push("equal", a[i]!);

  const n = endA - start;
  const m = endB - start;
  if (n * m > maxCells) {
    for (let i = start; i < endA; i++) push("delete", a[i]!);
    for (let j = start; j < endB; j++) push("insert", b[j]!);
  } else {
    // lengths[i][j]: LCS length of a[start+i..endA) and b[start+j..endB), in one flat array.
    const width = m + 1;
    const lengths = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lengths[i * width + j] = equal(a[start + i]!, b[start + j]!)
          ? lengths[(i + 1) * width + j + 1]! + 1
          : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && equal(a[start + i]!, b[start + j]!)) {
        push("equal", a[start + i]!);
        i++;
        j++;
      } else if (i < n && (j === m || lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!)) {
        // On a tie, removed words come before inserted ones.
        push("delete", a[start + i]!);
        i++;
      } else {
        push("insert", b[start + j]!);
        j++;
      }
    }
  }
  for (let i = endA; i < a.length; i++) push("equal", a[i]!);
  return ops;
}

/** Words and the spaces between them, so that joining the runs gives the text back. */
export const words = (text: string): string[] => text.match(/\s+|[^\s]+/g) ?? [];

export function diffText(before: string, after: string): DiffRun[] {
  return diffSequences(words(before), words(after), (x, y) => x === y).map(({ op, items }) => ({ op, text: items.join("") }));
}

const blockKey = (block: TextBlock) => block.blockId ?? `text:${block.type}:${block.text}`;

const countWords = (runs: DiffRun[], op: DiffRun["op"]) =>
  runs.filter((r) => r.op === op).reduce((sum, r) => sum + words(r.text).filter((w) => w.trim()).length, 0);

/** Blocks of `after` in order, with the blocks only `before` had where they stood. */
export function diffBlocks(before: TextBlock[], after: TextBlock[]): { blocks: DiffBlock[]; inserted: number; removed: number } {
  const blocks: DiffBlock[] = [];
  const shape = (block: TextBlock) => ({ blockId: block.blockId, type: block.type, level: block.level });
  // Blocks are matched by key; a matched block whose text changed is diffed word by word.
  const matched = diffSequences(before, after, (x, y) => blockKey(x) === blockKey(y));
  let ia = 0;
  let ib = 0;
  for (const { op, items } of matched) {
    for (const _ of items) {
      if (op === "equal") {
        const a = before[ia++]!;
        const b = after[ib++]!;
        const runs = a.text === b.text ? [{ op: "equal" as const, text: b.text }] : diffText(a.text, b.text);
        const changed = a.text !== b.text || a.type !== b.type || a.level !== b.level;
        blocks.push({ ...shape(b), change: changed ? "changed" : "unchanged", runs: runs.filter((r) => r.text) });
      } else if (op === "delete") {
        const a = before[ia++]!;
        blocks.push({ ...shape(a), change: "removed", runs: a.text ? [{ op: "delete", text: a.text }] : [] });
      } else {
        const b = after[ib++]!;
        blocks.push({ ...shape(b), change: "inserted", runs: b.text ? [{ op: "insert", text: b.text }] : [] });
      }
    }
  }
  const allRuns = blocks.flatMap((b) => b.runs);
  return { blocks, inserted: countWords(allRuns, "insert"), removed: countWords(allRuns, "delete") };
}
