// The editable copy of a fiche's rows in the form, and the rows to send for the fields changed.
import { keywordFacets, type KeywordFacet } from "../../../shared/domain/fiches.js";
import { emptyRichText, type RichTextDoc } from "../../../shared/richtext.js";
import type { Fiche, FicheRowsInput } from "../../../shared/schemas/contributions.js";

export type FicheDraft = {
  title: string;
  /** One presenter per line. */
  presenters: string;
  actionDate: string;
  place: string;
  descriptive: RichTextDoc;
  gridAnswers: Record<string, RichTextDoc>;
  recurringIssues: RichTextDoc;
  lessons: RichTextDoc;
  /** Comma-separated, per facet. */
  keywords: Record<KeywordFacet, string>;
  references: { label: string; url: string }[];
};

/** A changed field: a row name, or `grid:<questionId>` for one answer to the reading grid. */
export type DraftField = Exclude<keyof FicheDraft, "gridAnswers"> | `grid:${string}`;

export function draftOf(fiche: Fiche): FicheDraft {
  const rows = fiche.rows;
  return {
    title: rows.title,
    presenters: rows.presenters.join("\n"),
    actionDate: rows.actionDate,
    place: rows.place,
    descriptive: rows.descriptive as RichTextDoc,
    gridAnswers: rows.gridAnswers as Record<string, RichTextDoc>,
    recurringIssues: rows.recurringIssues as RichTextDoc,
    lessons: rows.lessons as RichTextDoc,
    keywords: Object.fromEntries(keywordFacets.map((facet) => [facet, rows.keywords[facet].join(", ")])) as Record<KeywordFacet, string>,
    references: rows.references.map((r) => ({ ...r })),
  };
}

const list = (value: string, separator: RegExp) => value.split(separator).map((item) => item.trim()).filter(Boolean);
/** Only complete web addresses are sent; a half-typed one stays in the form until it is whole. */
export const isWebUrl = (url: string) => /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(url.trim());

export function rowsToSend(draft: FicheDraft, fields: Iterable<DraftField>): FicheRowsInput {
  const rows: FicheRowsInput = {};
  for (const field of fields) {
    if (field.startsWith("grid:")) {
      const questionId = field.slice(5);
      rows.gridAnswers = { ...rows.gridAnswers, [questionId]: draft.gridAnswers[questionId] ?? emptyRichText() };
      continue;
    }
    switch (field) {
      case "presenters":
        rows.presenters = list(draft.presenters, /\n/);
        break;
      case "keywords":
        rows.keywords = Object.fromEntries(keywordFacets.map((facet) => [facet, list(draft.keywords[facet], /,/)])) as Record<KeywordFacet, string[]>;
        break;
      case "references":
        rows.references = draft.references.filter((r) => isWebUrl(r.url)).map((r) => ({ label: r.label.trim(), url: r.url.trim() }));
        break;
      case "title":
      case "actionDate":
      case "place":
        rows[field] = draft[field];
        break;
      case "descriptive":
      case "recurringIssues":
      case "lessons":
        rows[field] = draft[field];
        break;
    }
  }
  return rows;
}
