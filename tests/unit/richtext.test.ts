// Rich text: the schema, the sanitizer and the one renderer. Nothing a contributor sends may
// run in a reader's browser or an export.
import { getSchema } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { describe, expect, it } from "vitest";
import { richTextExtensions } from "../../shared/editor.js";
import {
  renderRichTextHtml,
  requiredRichTextInput,
  richTextFromPlain,
  richTextInput,
  richTextLimits,
  richTextToPlain,
  safeHref,
  sanitizeRichText,
  type RichTextDoc,
} from "../../shared/richtext.js";

const linked = (href: string, text = "lien") => ({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text, marks: [{ type: "link", attrs: { href, target: "_self", onclick: "alert(1)" } }] }] }],
});

/** A doc as Tiptap's StarterKit writes it. */
const tiptapDoc: RichTextDoc = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Constats" }] },
    {
      type: "paragraph",
      content: [
        { type: "text", text: "Le conseil de développement " },
        { type: "text", text: "écoute", marks: [{ type: "bold" }, { type: "italic" }] },
        { type: "hardBreak" },
        { type: "text", text: "voir le plan", marks: [{ type: "link", attrs: { href: "https://example.org/plan-eau" } }] },
        { type: "text", text: " et " },
        { type: "text", text: "GE", marks: [{ type: "code" }] },
      ],
    },
    { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "soirées citoyennes" }] }] }] },
    { type: "orderedList", attrs: { start: 3 }, content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "troisième" }] }] }] },
    { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "« Il faut des lieux pour se parler »" }] }] },
  ],
};

const starterKitSchema = getSchema([StarterKit]);

describe("rich text sanitizing", () => {
  it("keeps a StarterKit document as it is, and sanitizing twice changes nothing", () => {
    expect(sanitizeRichText(tiptapDoc)).toEqual(tiptapDoc);
    expect(sanitizeRichText(sanitizeRichText(tiptapDoc))).toEqual(tiptapDoc);
  });

  it("always gives a document that Tiptap's StarterKit schema accepts", () => {
    const messy = {
      type: "doc",
      content: [
        { type: "text", text: "stray inline text at the top" },
        { type: "codeBlock", content: [{ type: "text", text: "code survives as text" }] },
        { type: "table", content: [{ type: "tableRow", content: [{ type: "tableCell", content: [{ type: "paragraph", content: [{ type: "text", text: "cell" }] }] }] }] },
        { type: "bulletList", content: [{ type: "paragraph", content: [{ type: "text", text: "not in a list item" }] }, { type: "listItem", content: [] }] },
        { type: "heading", attrs: { level: 6 }, content: [{ type: "paragraph", content: [{ type: "text", text: "nested block in a heading" }] }] },
        { type: "listItem", content: [{ type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "deep" }] }] }] }] },
        { type: "paragraph", content: [{ type: "text", text: "" }, { type: "text", text: "both", marks: [{ type: "bold" }, { type: "bold" }, { type: "strike" }] }] },
      ],
    };
    const clean = sanitizeRichText(messy);
    expect(() => starterKitSchema.nodeFromJSON(clean).check()).not.toThrow();
    expect(richTextToPlain(clean)).toContain("code survives as text");
    expect(richTextToPlain(clean)).toContain("cell");
    expect(clean.content.find((b) => b.type === "heading")).toMatchObject({ attrs: { level: 4 } });
    for (const input of [null, 42, "text", [], {}, { type: "doc" }, { type: "doc", content: "nope" }]) {
      expect(() => starterKitSchema.nodeFromJSON(sanitizeRichText(input)).check()).not.toThrow();
    }
  });

  it("drops unknown attributes, event handlers included, and unknown marks", () => {
    const clean = sanitizeRichText({
      type: "doc",
      content: [
        { type: "paragraph", attrs: { onclick: "alert(1)", style: "x", class: "y" }, content: [{ type: "text", text: "t", marks: [{ type: "link", attrs: { href: "https://ok.example", onmouseover: "alert(1)" } }, { type: "textStyle", attrs: { style: "color:red" } }] }] },
        { type: "image", attrs: { src: "x", onerror: "alert(1)" } },
      ],
    });
    const json = JSON.stringify(clean);
    expect(json).not.toMatch(/onclick|onmouseover|onerror|style|class|image/);
    expect(clean.content).toEqual([{ type: "paragraph", content: [{ type: "text", text: "t", marks: [{ type: "link", attrs: { href: "https://ok.example/" } }] }] }]);
  });

  it("keeps only http(s) and mailto links", () => {
    expect(safeHref("https://example.org/a b")).toBe("https://example.org/a%20b");
    expect(safeHref("http://example.org")).toBe("http://example.org/");
    expect(safeHref("mailto:contact@example.org")).toBe("mailto:contact@example.org");
    for (const href of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      " \tjavascript:alert(1)",
      "java\nscript:alert(1)",
      "java\tscript:alert(1)",
      "&#106;avascript:alert(1)",
      "&#x6A;avascript:alert(1)",
      "javascript&colon;alert(1)",
      "%6Aavascript:alert(1)",
      "vbscript:msgbox(1)",
      "data:text/html,<script>alert(1)</script>",
      "//evil.example",
      "/relative",
      "file:///etc/passwd",
      "x".repeat(richTextLimits.maxHrefLength + 1),
      42,
      null,
    ]) {
      expect(safeHref(href), String(href)).toBeNull();
      const clean = sanitizeRichText(linked(String(href)));
      expect(clean.content[0]).toEqual({ type: "paragraph", content: [{ type: "text", text: "lien" }] });
    }
  });
});

describe("synthesis text: citations and block ids", () => {
  const citation = { type: "citation", attrs: { kind: "fiche", targetId: "fiche-01", workshopId: "workshop-01", label: "Un plan pour l'eau", author: "Hélène" } };
  const synthesisDoc = {
    type: "doc",
    content: [
      { type: "heading", attrs: { level: 2, blockId: "head-0001" }, content: [{ type: "text", text: "Constats" }] },
      { type: "paragraph", attrs: { blockId: "para-0001" }, content: [{ type: "text", text: "Comme le montre " }, citation, { type: "text", text: "." }] },
    ],
  };

  it("keeps citations and well-formed block ids, in a document the editor's schema accepts", () => {
    const clean = sanitizeRichText(synthesisDoc);
    expect(clean).toEqual(synthesisDoc);
    expect(() => getSchema(richTextExtensions).nodeFromJSON(clean).check()).not.toThrow();
    expect(richTextToPlain(clean)).toBe("Constats\nComme le montre [Un plan pour l'eau].");
  });

  it("drops citations that name no known kind or carry ids that are not ids, and malformed block ids", () => {
    const hostile = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          attrs: { blockId: '"><script>' },
          content: [
            { type: "citation", attrs: { ...citation.attrs, kind: "script" } },
            { type: "citation", attrs: { ...citation.attrs, targetId: "../../api/x" } },
            { type: "citation", attrs: { ...citation.attrs, workshopId: "javascript:alert(1)" } },
            { type: "text", text: "reste" },
          ],
        },
      ],
    };
    expect(sanitizeRichText(hostile)).toEqual({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "reste" }] }] });
  });

  it("renders a citation as the editor does: a link to the contribution, its label escaped", () => {
    const html = renderRichTextHtml({
      type: "doc",
      content: [{ type: "paragraph", attrs: { blockId: "para-0001" }, content: [{ type: "citation", attrs: { ...citation.attrs, label: "<img src=x onerror=alert(1)>" } }] }],
    });
    expect(html).toBe(
      '<p data-block-id="para-0001"><a class="citation" data-citation="" data-kind="fiche" href="/workshops/workshop-01/cite/fiche/fiche-01">&lt;img src=x onerror=alert(1)&gt; — Hélène</a></p>',
    );
  });
});

describe("rich text rendering", () => {
  it("renders the StarterKit nodes and marks, links opening safely in a new tab", () => {
    expect(renderRichTextHtml(tiptapDoc)).toBe(
      "<h2>Constats</h2>" +
        '<p>Le conseil de développement <strong><em>écoute</em></strong><br><a href="https://example.org/plan-eau" rel="noopener noreferrer nofollow" target="_blank">voir le plan</a> et <code>GE</code></p>' +
        "<ul><li><p>soirées citoyennes</p></li></ul>" +
        '<ol start="3"><li><p>troisième</p></li></ol>' +
        "<blockquote><p>« Il faut des lieux pour se parler »</p></blockquote>",
    );
  });

  it("prints script tags, img onerror and entities as inert text", () => {
    const html = renderRichTextHtml(
      richTextFromPlain(`<script>alert("x")</script>\n<img src=x onerror=alert(1)>\n&lt;b&gt; & "quotes" 'apostrophes'`),
    );
    expect(html).toBe(
      "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p><p>&lt;img src=x onerror=alert(1)&gt;</p><p>&amp;lt;b&amp;gt; &amp; &quot;quotes&quot; &#39;apostrophes&#39;</p>",
    );
    expect(html).not.toMatch(/<script|<img/);
  });

  it("never lets an href break out of its attribute", () => {
    const html = renderRichTextHtml(linked(`https://example.org/"><script>alert(1)</script>`));
    expect(html).not.toContain("<script");
    expect(html).toMatch(/^<p><a href="https:\/\/example\.org\/%22%3E%3Cscript%3Ealert\(1\)%3C\/script%3E" rel=/);
  });

  it("sanitizes before rendering, so a stored javascript: link never comes out", () => {
    const stored = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "clic", marks: [{ type: "link", attrs: { href: "JaVaScRiPt:alert(1)" } }] }] }] };
    expect(renderRichTextHtml(stored)).toBe("<p>clic</p>");
  });
});

describe("rich text input schema", () => {
  it("sanitizes what it accepts", () => {
    const parsed = richTextInput.parse(linked("javascript:alert(1)", "texte"));
    expect(parsed).toEqual({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "texte" }] }] });
  });

  it("refuses what is not a ProseMirror doc", () => {
    for (const input of ["<p>html</p>", null, { type: "paragraph" }, { type: "doc", content: [{ type: 5 }] }, { type: "doc", content: [{ type: "text", text: 7 }] }]) {
      expect(richTextInput.safeParse(input).success, JSON.stringify(input)).toBe(false);
    }
  });

  it("refuses documents nested too deep or too large, without exhausting the stack", () => {
    let deep: unknown = { type: "text", text: "x" };
    for (let i = 0; i < 100_000; i++) deep = { type: "blockquote", content: [deep] };
    expect(richTextInput.safeParse({ type: "doc", content: [deep] }).success).toBe(false);
    const wide = { type: "doc", content: Array.from({ length: richTextLimits.maxNodes + 1 }, () => ({ type: "paragraph" })) };
    expect(richTextInput.safeParse(wide).success).toBe(false);
    const long = richTextFromPlain("x".repeat(richTextLimits.maxTextLength + 1));
    expect(richTextInput.safeParse(long).success).toBe(false);
  });

  it("accepts an empty body where rows may stay empty, and refuses it where something must be said", () => {
    const empty = { type: "doc", content: [{ type: "paragraph" }] };
    expect(richTextInput.safeParse(empty).success).toBe(true);
    expect(requiredRichTextInput.safeParse(empty).success).toBe(false);
    expect(requiredRichTextInput.safeParse({ type: "doc", content: [{ type: "image", attrs: { src: "x" } }] }).success).toBe(false);
  });

  it("gives plain text one line per block, for search and previews", () => {
    expect(richTextToPlain(tiptapDoc)).toBe("Constats\nLe conseil de développement écoute\nvoir le plan et GE\nsoirées citoyennes\ntroisième\n« Il faut des lieux pour se parler »");
  });
});
