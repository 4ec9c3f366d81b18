// Templates a synthesis can start from, with their headings in each language Navette
// writes templates in. Pure data and one builder of ProseMirror JSON.

export const synthesisTemplates = ["findings", "reference-sheet"] as const;
export type SynthesisTemplate = (typeof synthesisTemplates)[number];

export const templateLanguages = ["fr", "en", "es"] as const;
export type TemplateLanguage = (typeof templateLanguages)[number];

interface Section {
  level: 2 | 3;
  heading: Record<TemplateLanguage, string>;
  /** What follows the heading: an empty paragraph, or a list of one empty item. */
  body: "paragraph" | "list";
}

/**
 * `findings`: findings, each backed by the cases that support them, then proposals
 * (the shape of the regional stages' cross-cutting synthesis).
 * `reference-sheet`: the sections of a reference-manual fiche.
 */
export const templateSections: Record<SynthesisTemplate, Section[]> = {
  findings: [
    { level: 2, heading: { fr: "Constats", en: "Findings", es: "Constataciones" }, body: "paragraph" },
    { level: 3, heading: { fr: "Cas qui les appuient", en: "Supporting cases", es: "Casos que las respaldan" }, body: "list" },
    { level: 2, heading: { fr: "Propositions", en: "Proposals", es: "Propuestas" }, body: "paragraph" },
  ],
  "reference-sheet": [
    { level: 2, heading: { fr: "EN BREF", en: "IN BRIEF", es: "EN RESUMEN" }, body: "paragraph" },
    { level: 2, heading: { fr: "De quoi s'agit-il ?", en: "What is it about?", es: "¿De qué se trata?" }, body: "paragraph" },
    { level: 2, heading: { fr: "Comment ?", en: "How?", es: "¿Cómo?" }, body: "paragraph" },
    { level: 2, heading: { fr: "Clefs de réussite", en: "Keys to success", es: "Claves del éxito" }, body: "paragraph" },
    { level: 2, heading: { fr: "Points de vigilance", en: "Points to watch", es: "Puntos de atención" }, body: "paragraph" },
    { level: 2, heading: { fr: "Pour aller plus loin", en: "Going further", es: "Para ir más lejos" }, body: "list" },
  ],
};

/** Templates are written in French, English and Spanish; other languages get English. */
export function templateLanguage(language: string): TemplateLanguage {
  const base = language.slice(0, 2).toLowerCase();
  return (templateLanguages as readonly string[]).includes(base) ? (base as TemplateLanguage) : "en";
}

type PmNode = { type: string; attrs?: Record<string, unknown>; content?: PmNode[]; text?: string };

/** The template as a ProseMirror document; `blockId` names each paragraph and heading. */
export function templateDocument(template: SynthesisTemplate, language: string, blockId: () => string): PmNode {
  const lang = templateLanguage(language);
  const paragraph = (): PmNode => ({ type: "paragraph", attrs: { blockId: blockId() } });
  const content = templateSections[template].flatMap((section): PmNode[] => [
    { type: "heading", attrs: { level: section.level, blockId: blockId() }, content: [{ type: "text", text: section.heading[lang] }] },
    section.body === "list" ? { type: "bulletList", content: [{ type: "listItem", content: [paragraph()] }] } : paragraph(),
  ]);
  return { type: "doc", content };
}
