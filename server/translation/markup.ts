// Source fields to HTML for machine translators and back. Rich text (shared/richtext.ts) becomes
// HTML blocks that `apertium -f html` and LibreTranslate keep intact; links keep their hrefs
// in a side table (the HTML carries only an index), and what must not be translated (glossary
// terms, code, citations and other inline atoms) travels as opaque tokens.
import type { FieldFormat } from "../../shared/domain/translations.js";
import { sanitizeRichText, type RichTextDoc } from "../../shared/richtext.js";
import { Protector } from "./glossary.js";

type LooseMark = { type: string; attrs?: Record<string, unknown> | null };
type LooseNode = { type: string; attrs?: Record<string, unknown> | null; text?: string; marks?: LooseMark[]; content?: LooseNode[] };

const escapeHtml = (value: string): string => value.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

const namedEntities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
export const decodeEntities = (value: string): string =>
  value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return namedEntities[body.toLowerCase()] ?? entity;
  });

const inlineTypes = new Set(["text", "hardBreak"]);
const blockTags: Record<string, string> = { paragraph: "p", blockquote: "blockquote", bulletList: "ul", orderedList: "ol", listItem: "li" };

/** One field on its way through a machine translator. */
export interface MachineText {
  html: string;
  /** Turns the translator's HTML back into the field's value. */
  restore(html: string): string | RichTextDoc;
}

class Writer {
  readonly links: string[] = [];
  /** Nodes that cross untranslated, by index: inline atoms (citations) and unknown blocks. */
  readonly atoms: LooseNode[] = [];
  /** Atoms that stand for a whole block, not an inline node. */
  readonly blockAtoms = new Set<LooseNode>();
  constructor(
    readonly protector: Protector,
    readonly from: string,
    readonly to: string,
  ) {}

  text(value: string): string {
    return escapeHtml(this.protector.protectTerms(value, this.from, this.to));
  }

  atom(node: LooseNode): string {
    this.atoms.push(node);
    return `Nvta${this.atoms.length - 1}`;
  }

  inline(nodes: LooseNode[] | undefined): string {
    let html = "";
    for (const node of nodes ?? []) {
      if (node.type === "hardBreak") html += "<br>";
      else if (node.type === "text") html += this.marked(node);
      else html += this.atom(node);
    }
    return html;
  }

  marked(node: LooseNode): string {
    const marks = node.marks ?? [];
    const isCode = marks.some((m) => m.type === "code");
    // Code is quoted as written: it crosses as one token.
    let html = isCode ? this.protector.keep(escapeHtml(node.text ?? "")) : this.text(node.text ?? "");
    for (const mark of [...marks].reverse()) {
      if (mark.type === "bold") html = `<strong>${html}</strong>`;
      else if (mark.type === "italic") html = `<em>${html}</em>`;
      else if (mark.type === "code") html = `<code>${html}</code>`;
      else if (mark.type === "link" && typeof mark.attrs?.href === "string") {
        this.links.push(mark.attrs.href);
        html = `<a href="#nvt-l${this.links.length - 1}">${html}</a>`;
      }
    }
    return html;
  }

  block(node: LooseNode): string {
    if (node.type === "heading") {
      const level = Math.min(4, Math.max(1, Number(node.attrs?.level) || 1));
      return `<h${level}>${this.inline(node.content)}</h${level}>`;
    }
    if (node.type === "paragraph") return `<p>${this.inline(node.content)}</p>`;
    const tag = blockTags[node.type];
    if (!tag) {
      this.blockAtoms.add(node);
      return `<p>${this.atom(node)}</p>`;
    }
    const start = node.type === "orderedList" && Number(node.attrs?.start) > 1 ? ` start="${Number(node.attrs?.start)}"` : "";
    return `<${tag}${start}>${this.blocks(node.content)}</${tag}>`;
  }

  blocks(nodes: LooseNode[] | undefined): string {
    const list = nodes ?? [];
    // Stray inline nodes in a block context are read as a paragraph.
    if (list.length && list.every((n) => inlineTypes.has(n.type))) return `<p>${this.inline(list)}</p>`;
    return list.map((n) => this.block(n)).join("");
  }
}

type Frame = { node: LooseNode; inline: boolean };

/** Reads translated HTML of the subset the writer produces; tolerant of marks the translator moved or unbalanced. */
function parseHtml(html: string, writer: Writer): LooseNode[] {
  const { links, atoms, protector } = writer;
  const root: LooseNode = { type: "doc", content: [] };
  const stack: Frame[] = [{ node: root, inline: false }];
  const marks: { tag: string; mark: LooseMark }[] = [];
  const top = () => stack[stack.length - 1]!;
  const push = (node: LooseNode, inline: boolean) => {
    top().node.content!.push(node);
    stack.push({ node, inline });
  };
  const inlineTarget = (): LooseNode => {
    if (top().inline) return top().node;
    // Text straight in a block container: gather it into a paragraph.
    const paragraph: LooseNode = { type: "paragraph", content: [] };
    push(paragraph, true);
    return paragraph;
  };
  const closeTo = (type: string) => {
    const index = stack.map((f) => f.node.type).lastIndexOf(type);
    if (index > 0) stack.length = index;
  };

  const addText = (raw: string) => {
    const decoded = decodeEntities(raw);
    if (!top().inline && !decoded.trim()) return;
    const target = inlineTarget();
    const activeMarks = marks.map((m) => m.mark);
    // Atoms split the text; protected terms are restored in place.
    for (const piece of decoded.split(/(Nvta\d+)/)) {
      if (!piece) continue;
      const atom = /^Nvta(\d+)$/.exec(piece);
      if (atom && atoms[Number(atom[1])]) {
        target.content!.push(atoms[Number(atom[1])]!);
        continue;
      }
      const text = protector.restore(piece);
      target.content!.push(activeMarks.length ? { type: "text", text, marks: activeMarks.map((m) => ({ ...m })) } : { type: "text", text });
    }
  };

  const tagPattern = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+)/g;
  for (let m = tagPattern.exec(html); m; m = tagPattern.exec(html)) {
    const [, closing, rawTag, attrs, text] = m;
    if (text !== undefined) {
      addText(text);
      continue;
    }
    const tag = rawTag!.toLowerCase();
    const markType = ({ strong: "bold", b: "bold", em: "italic", i: "italic", code: "code", a: "link" } as Record<string, string>)[tag];
    if (markType) {
      if (closing) {
        const at = marks.map((x) => x.tag).lastIndexOf(tag);
        if (at >= 0) marks.splice(at, 1);
      } else if (markType === "link") {
        const index = /href="#nvt-l(\d+)"/.exec(attrs ?? "");
        const href = index ? links[Number(index[1])] : undefined;
        // A link the translator made up is not kept; its text is.
        marks.push({ tag, mark: href ? { type: "link", attrs: { href } } : { type: "none" } });
      } else marks.push({ tag, mark: { type: markType } });
      continue;
    }
    if (tag === "br") {
      inlineTarget().content!.push({ type: "hardBreak" });
      continue;
    }
    const heading = /^h([1-6])$/.exec(tag);
    if (tag === "p" || heading) {
      const type = heading ? "heading" : "paragraph";
      if (closing) closeTo(type);
      else {
        if (top().inline) stack.pop();
        push(heading ? { type, attrs: { level: Math.min(4, Number(heading[1])) }, content: [] } : { type, content: [] }, true);
      }
      continue;
    }
    const container = ({ blockquote: "blockquote", ul: "bulletList", ol: "orderedList", li: "listItem" } as Record<string, string>)[tag];
    if (container) {
      if (closing) closeTo(container);
      else {
        while (top().inline) stack.pop();
        const start = tag === "ol" ? /start="(\d+)"/.exec(attrs ?? "") : null;
        push(start ? { type: container, attrs: { start: Number(start[1]) }, content: [] } : { type: container, content: [] }, false);
      }
    }
    // Any other tag (a span the translator added…) is dropped; its text is kept.
  }

  const clean = (nodes: LooseNode[]): LooseNode[] =>
    nodes.map((node) => {
      const copy: LooseNode = { ...node };
      if (node.marks) {
        const kept = node.marks.filter((mk) => mk.type !== "none");
        if (kept.length) copy.marks = kept;
        else delete copy.marks;
      }
      if (node.content && !atoms.includes(node)) copy.content = clean(node.content);
      // An atom that stood for a whole block comes back as that block.
      if (node.type === "paragraph" && node.content?.length === 1 && writer.blockAtoms.has(node.content[0]!)) return node.content[0]!;
      return copy;
    });
  return clean(root.content!);
}

function plainToHtml(value: string, writer: Writer): string {
  return value.split("\n").map((line) => writer.text(line)).join("<br>");
}

function htmlToPlain(html: string, protector: Protector): string {
  return protector.restore(decodeEntities(html.replace(/<br\s*\/?>/gi, "\n").replace(/<\/(p|h[1-6]|li)>\s*(?=<)/gi, "$&\n").replace(/<[^>]*>/g, ""))).trim();
}

/**
 * Prepares a field's value for a machine translator from `from` to `to`. Rich text is
 * sanitized on the way back, so whatever a translator returns stays safe to render.
 */
export function toMachineText(format: FieldFormat | "loose", value: unknown, from: string, to: string): MachineText {
  const protector = new Protector();
  const writer = new Writer(protector, from, to);
  if (format === "plain") {
    return { html: plainToHtml(String(value), writer), restore: (html) => htmlToPlain(html, protector) };
  }
  const doc = value as LooseNode;
  const html = writer.blocks(doc.content);
  return {
    html,
    restore(out) {
      const content = parseHtml(out, writer);
      const loose: LooseNode = { type: "doc", content };
      return format === "rich" ? sanitizeRichText(loose) : (loose as unknown as RichTextDoc);
    },
  };
}
