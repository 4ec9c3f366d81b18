// Rich text of every contribution: ProseMirror JSON with Tiptap StarterKit's node names
// (see shared/editor.ts). Validated, sanitized and rendered here, in pure code, so the
// client, the server and every exporter read and print the same tree.
import { z } from "zod";

export const richTextLimits = { maxDepth: 16, maxNodes: 20_000, maxTextLength: 200_000, maxHrefLength: 2048 } as const;

export type Mark = { type: "bold" } | { type: "italic" } | { type: "code" } | { type: "link"; attrs: { href: string } };
export type TextNode = { type: "text"; text: string; marks?: Mark[] };
export type HardBreak = { type: "hardBreak" };

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

/** A synthesis cites a fiche, post or proposal (shared/editor.ts); translations and exports keep it. */
export type Citation = { type: "citation"; attrs: CitationAttrs };
export type Inline = TextNode | HardBreak | Citation;
/** Synthesis blocks carry their stable id; other rich text has none. */
export type BlockAttrs = { blockId?: string };
export type Paragraph = { type: "paragraph"; attrs?: BlockAttrs; content?: Inline[] };
export type Heading = { type: "heading"; attrs: { level: 1 | 2 | 3 | 4 } & BlockAttrs; content?: Inline[] };
export type ListItem = { type: "listItem"; content: Block[] };
export type BulletList = { type: "bulletList"; content: ListItem[] };
export type OrderedList = { type: "orderedList"; attrs?: { start: number }; content: ListItem[] };
export type Blockquote = { type: "blockquote"; content: Block[] };
export type Block = Paragraph | Heading | BulletList | OrderedList | Blockquote;
export type RichTextDoc = { type: "doc"; content: Block[] };

/** What Tiptap's editor holds when empty. */
export const emptyRichText = (): RichTextDoc => ({ type: "doc", content: [{ type: "paragraph" }] });

/** A doc of one paragraph per line: for seeds, tests and benches. */
export function richTextFromPlain(value: string): RichTextDoc {
  const lines = value.split("\n");
  return { type: "doc", content: lines.map((line) => (line ? { type: "paragraph", content: [{ type: "text", text: line }] } : { type: "paragraph" })) };
}

type Loose = { type?: unknown; attrs?: unknown; content?: unknown; text?: unknown; marks?: unknown };

const isObject = (value: unknown): value is Loose & Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const childrenOf = (node: Loose): Loose[] => (Array.isArray(node.content) ? node.content.filter(isObject) : []);
const attrOf = (node: Loose, key: string): unknown => (isObject(node.attrs) ? node.attrs[key] : undefined);

/**
 * The href a link may keep: absolute http(s) or mailto only. The WHATWG URL parser is the
 * browser's own, so whatever it reads as `javascript:` (mixed case, tabs, leading spaces) is
 * refused here too; entity-encoded tricks ("&#106;avascript:") have no scheme and are refused.
 */
export function safeHref(raw: unknown): string | null {
  if (typeof raw !== "string" || raw.length > richTextLimits.maxHrefLength) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  return url.protocol === "http:" || url.protocol === "https:" || url.protocol === "mailto:" ? url.href : null;
}

const markOrder = ["link", "bold", "italic", "code"] as const;

function sanitizeMarks(raw: unknown): Mark[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const byType = new Map<Mark["type"], Mark>();
  for (const mark of raw.filter(isObject)) {
    if (mark.type === "bold" || mark.type === "italic" || mark.type === "code") byType.set(mark.type, { type: mark.type });
    if (mark.type === "link") {
      const href = safeHref(attrOf(mark, "href"));
      if (href) byType.set("link", { type: "link", attrs: { href } });
    }
  }
  // Tiptap's code mark excludes every other mark; keeping emphasis and links matters more.
  if (byType.has("code") && byType.size > 1) byType.delete("code");
  const marks = markOrder.flatMap((type) => byType.get(type) ?? []);
  return marks.length ? marks : undefined;
}

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;
const isId = (value: unknown): value is string => typeof value === "string" && idPattern.test(value);
const shortText = (value: unknown, max: number) => (typeof value === "string" ? value.replace(controlChars, "").slice(0, max) : "");

function sanitizeCitation(node: Loose): Citation | null {
  const kind = attrOf(node, "kind");
  const [targetId, workshopId] = [attrOf(node, "targetId"), attrOf(node, "workshopId")];
  if (!(citationKinds as readonly unknown[]).includes(kind) || !isId(targetId) || !isId(workshopId)) return null;
  return { type: "citation", attrs: { kind: kind as CitationKind, targetId, workshopId, label: shortText(attrOf(node, "label"), 300), author: shortText(attrOf(node, "author"), 200) } };
}

/** `{ blockId }` when the node carries a well-formed one. */
function blockAttrs(node: Loose): BlockAttrs {
  const blockId = attrOf(node, "blockId");
  return isId(blockId) ? { blockId } : {};
}

// C0 controls other than tab and newline have no business in text and upset exporters.
const controlChars = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Inline context (paragraph, heading): text and breaks; anything else gives up its text. */
function toInline(nodes: Loose[], depth: number): Inline[] {
  if (depth > richTextLimits.maxDepth) return [];
  const out: Inline[] = [];
  for (const node of nodes) {
    if (node.type === "text") {
      const text = typeof node.text === "string" ? node.text.replace(controlChars, "") : "";
      if (!text) continue;
      const marks = sanitizeMarks(node.marks);
      out.push(marks ? { type: "text", text, marks } : { type: "text", text });
    } else if (node.type === "hardBreak") {
      out.push({ type: "hardBreak" });
    } else if (node.type === "citation") {
      const citation = sanitizeCitation(node);
      if (citation) out.push(citation);
    } else {
      out.push(...toInline(childrenOf(node), depth + 1));
    }
  }
  return out;
}

const withContent = <T extends object>(node: T, content: Inline[]): T & { content?: Inline[] } => (content.length ? { ...node, content } : node);

function headingLevel(raw: unknown): 1 | 2 | 3 | 4 {
  const level = typeof raw === "number" && Number.isInteger(raw) ? raw : 1;
  return Math.min(4, Math.max(1, level)) as 1 | 2 | 3 | 4;
}

function toListItems(nodes: Loose[], depth: number): ListItem[] {
  const items: ListItem[] = [];
  for (const node of nodes) {
    const blocks = toBlocks(node.type === "listItem" ? childrenOf(node) : [node], depth + 1);
    if (!blocks.length) continue;
    // A list item starts with a paragraph in Tiptap's schema.
    items.push({ type: "listItem", content: blocks[0]!.type === "paragraph" ? blocks : [{ type: "paragraph" }, ...blocks] });
  }
  return items;
}

/**
 * Block context (doc, blockquote, list item): known blocks are kept, stray inline nodes are
 * gathered into paragraphs, and unknown nodes are replaced by what they contain, so the text
 * of a code block or a pasted table survives while the node itself does not.
 */
function toBlocks(nodes: Loose[], depth: number): Block[] {
  if (depth > richTextLimits.maxDepth) return [];
  const out: Block[] = [];
  let pending: Inline[] = [];
  const flush = () => {
    if (pending.length) out.push({ type: "paragraph", content: pending });
    pending = [];
  };
  for (const node of nodes) {
    switch (node.type) {
      case "text":
      case "hardBreak":
      case "citation":
        pending.push(...toInline([node], depth));
        continue;
      case "paragraph": {
        flush();
        const attrs = blockAttrs(node);
        out.push(withContent((attrs.blockId ? { type: "paragraph", attrs } : { type: "paragraph" }) as Paragraph, toInline(childrenOf(node), depth + 1)));
        continue;
      }
      case "heading":
        flush();
        out.push(withContent({ type: "heading", attrs: { level: headingLevel(attrOf(node, "level")), ...blockAttrs(node) } } as Heading, toInline(childrenOf(node), depth + 1)));
        continue;
      case "blockquote": {
        flush();
        const inner = toBlocks(childrenOf(node), depth + 1);
        out.push({ type: "blockquote", content: inner.length ? inner : [{ type: "paragraph" }] });
        continue;
      }
      case "bulletList":
      case "orderedList": {
        flush();
        const items = toListItems(childrenOf(node), depth + 1);
        if (!items.length) continue;
        const start = attrOf(node, "start");
        if (node.type === "bulletList") out.push({ type: "bulletList", content: items });
        else if (typeof start === "number" && Number.isInteger(start) && start > 1 && start < 1e6) out.push({ type: "orderedList", attrs: { start }, content: items });
        else out.push({ type: "orderedList", content: items });
        continue;
      }
      default: {
        const inner = toBlocks(childrenOf(node), depth + 1);
        if (inner.length) {
          flush();
          out.push(...inner);
        }
      }
    }
  }
  flush();
  return out;
}

/** Keeps only known nodes, marks and attributes, and safe links. Never throws. */
export function sanitizeRichText(input: unknown): RichTextDoc {
  const blocks = isObject(input) ? toBlocks(childrenOf(input), 1) : [];
  return { type: "doc", content: blocks.length ? blocks : [{ type: "paragraph" }] };
}

function inlineToPlain(content: Inline[] | undefined): string {
  return (content ?? []).map((node) => (node.type === "text" ? node.text : node.type === "citation" ? `[${node.attrs.label}]` : "\n")).join("");
}

function blockToPlain(block: Block): string {
  switch (block.type) {
    case "paragraph":
    case "heading":
      return inlineToPlain(block.content);
    case "blockquote":
      return block.content.map(blockToPlain).join("\n");
    case "bulletList":
    case "orderedList":
      return block.content.map((item) => item.content.map(blockToPlain).join("\n")).join("\n");
  }
}

/** Plain text, one line per block: for search, previews and notifications. */
export function richTextToPlain(doc: RichTextDoc): string {
  return doc.content.map(blockToPlain).join("\n").trim();
}

export const isRichTextEmpty = (doc: RichTextDoc): boolean => richTextToPlain(doc) === "";

const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function markedText(node: TextNode): string {
  let html = escapeHtml(node.text);
  // Innermost first, so the link (first in markOrder) wraps everything.
  for (const mark of [...(node.marks ?? [])].reverse()) {
    if (mark.type === "bold") html = `<strong>${html}</strong>`;
    else if (mark.type === "italic") html = `<em>${html}</em>`;
    else if (mark.type === "code") html = `<code>${html}</code>`;
    else html = `<a href="${escapeHtml(mark.attrs.href)}" rel="noopener noreferrer nofollow" target="_blank">${html}</a>`;
  }
  return html;
}

/** As the editor shows it: a link to the contribution, with its title and author. */
function citationHtml({ attrs }: Citation): string {
  const text = attrs.author ? `${attrs.label} — ${attrs.author}` : attrs.label;
  return `<a class="citation" data-citation="" data-kind="${attrs.kind}" href="${escapeHtml(citationHref(attrs))}">${escapeHtml(text)}</a>`;
}

const inlineToHtml = (content: Inline[] | undefined): string =>
  (content ?? []).map((node) => (node.type === "text" ? markedText(node) : node.type === "citation" ? citationHtml(node) : "<br>")).join("");

const blockIdAttr = (attrs: BlockAttrs | undefined) => (attrs?.blockId ? ` data-block-id="${attrs.blockId}"` : "");

function blockToHtml(block: Block): string {
  switch (block.type) {
    case "paragraph":
      return `<p${blockIdAttr(block.attrs)}>${inlineToHtml(block.content)}</p>`;
    case "heading":
      return `<h${block.attrs.level}${blockIdAttr(block.attrs)}>${inlineToHtml(block.content)}</h${block.attrs.level}>`;
    case "blockquote":
      return `<blockquote>${block.content.map(blockToHtml).join("")}</blockquote>`;
    case "bulletList":
      return `<ul>${block.content.map((item) => `<li>${item.content.map(blockToHtml).join("")}</li>`).join("")}</ul>`;
    case "orderedList": {
      const start = block.attrs?.start && block.attrs.start > 1 ? ` start="${block.attrs.start}"` : "";
      return `<ol${start}>${block.content.map((item) => `<li>${item.content.map(blockToHtml).join("")}</li>`).join("")}</ol>`;
    }
  }
}

/**
 * The one renderer, for the UI, email and every exporter. It sanitizes first, so even a
 * record stored before a rule changed can never carry a script or a `javascript:` link out.
 */
export function renderRichTextHtml(json: unknown): string {
  return sanitizeRichText(json).content.map(blockToHtml).join("");
}

/** Why a value cannot be rich text at all, checked without recursion so no payload can exhaust the stack. */
function limitProblem(value: unknown): string | null {
  const stack: [unknown, number][] = [[value, 1]];
  let nodes = 0;
  let text = 0;
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!isObject(node)) continue;
    if (++nodes > richTextLimits.maxNodes) return `more than ${richTextLimits.maxNodes} nodes`;
    if (depth > richTextLimits.maxDepth) return `nested deeper than ${richTextLimits.maxDepth} levels`;
    if (typeof node.text === "string" && (text += node.text.length) > richTextLimits.maxTextLength) {
      return `longer than ${richTextLimits.maxTextLength} characters`;
    }
    if (Array.isArray(node.content)) for (const child of node.content) stack.push([child, depth + 1]);
  }
  return null;
}

type LooseNode = { type: string; attrs?: Record<string, unknown> | null; text?: string; marks?: { type: string; attrs?: Record<string, unknown> | null }[]; content?: LooseNode[] };

const looseMark = z.object({ type: z.string().max(64), attrs: z.record(z.string(), z.unknown()).nullish() });
const looseNode: z.ZodType<LooseNode> = z.object({
  type: z.string().max(64),
  attrs: z.record(z.string(), z.unknown()).nullish(),
  text: z.string().optional(),
  marks: z.array(looseMark).max(20).optional(),
  get content() {
    return z.array(looseNode).optional();
  },
});

/**
 * Rich text as clients send it: any ProseMirror doc within the limits. It comes out
 * sanitized, so every body a service receives is already safe to store and render.
 */
export const richTextInput = z
  .unknown()
  .refine((value) => limitProblem(value) === null, {
    abort: true,
    message: `rich text must stay within ${richTextLimits.maxDepth} levels, ${richTextLimits.maxNodes} nodes and ${richTextLimits.maxTextLength} characters`,
  })
  .pipe(z.object({ type: z.literal("doc", "must be a ProseMirror doc"), content: z.array(looseNode).optional() }))
  .transform(sanitizeRichText)
  .meta({ description: "ProseMirror JSON: {type:'doc', content:[…]} with Tiptap StarterKit node names; unknown nodes, marks, attributes and unsafe links are dropped." });

/** Rich text that must say something: a post, a proposal, an observer's feedback. */
export const requiredRichTextInput = richTextInput.refine((doc) => !isRichTextEmpty(doc), "must not be empty");

const mark = z.union([
  z.object({ type: z.enum(["bold", "italic", "code"]) }),
  z.object({ type: z.literal("link"), attrs: z.object({ href: z.string() }) }),
]);

const node: z.ZodType<RichTextNodeShape> = z
  .object({
    type: z.enum(["paragraph", "heading", "bulletList", "orderedList", "listItem", "blockquote", "hardBreak", "text", "citation"]),
    attrs: z
      .object({
        level: z.number().int().optional(),
        start: z.number().int().optional(),
        blockId: z.string().optional(),
        kind: z.enum(citationKinds).optional(),
        targetId: z.string().optional(),
        workshopId: z.string().optional(),
        label: z.string().optional(),
        author: z.string().optional(),
      })
      .optional(),
    text: z.string().optional(),
    marks: z.array(mark).optional(),
    get content() {
      return z.array(node).optional();
    },
  })
  .meta({ id: "RichTextNode" });

type RichTextNodeShape = {
  type: "paragraph" | "heading" | "bulletList" | "orderedList" | "listItem" | "blockquote" | "hardBreak" | "text" | "citation";
  attrs?: { level?: number; start?: number; blockId?: string; kind?: CitationKind; targetId?: string; workshopId?: string; label?: string; author?: string };
  text?: string;
  marks?: z.infer<typeof mark>[];
  content?: RichTextNodeShape[];
};

/** Rich text as the server sends it: always sanitized. */
export const richText = z.object({ type: z.literal("doc"), content: z.array(node) }).meta({ id: "RichText" });
