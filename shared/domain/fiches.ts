// Pure rules of the fiche navette: its rows, its status, who sees a draft, and when
// consent to circulate lets it leave the workshop.
import { emptyRichText, type RichTextDoc } from "../richtext.js";

/** The rows of a fiche, in the order of the paper sheet. Answers to the grid are one row per question. */
export const ficheRowKeys = [
  "title",
  "presenters",
  "actionDate",
  "place",
  "descriptive",
  "gridAnswers",
  "recurringIssues",
  "lessons",
  "keywords",
  "references",
] as const;
export type FicheRowKey = (typeof ficheRowKeys)[number];

export const keywordFacets = ["geographic", "actors", "methodological", "concepts"] as const;
export type KeywordFacet = (typeof keywordFacets)[number];

export interface FicheRows {
  title: string;
  presenters: string[];
  actionDate: string;
  place: string;
  descriptive: RichTextDoc;
  /** Keyed by reading-grid question id. */
  gridAnswers: Record<string, RichTextDoc>;
  recurringIssues: RichTextDoc;
  lessons: RichTextDoc;
  keywords: Record<KeywordFacet, string[]>;
  references: { label: string; url: string }[];
}

/** A fiche starts with every row empty; rows may stay empty. */
export const emptyFicheRows = (): FicheRows => ({
  title: "",
  presenters: [],
  actionDate: "",
  place: "",
  descriptive: emptyRichText(),
  gridAnswers: {},
  recurringIssues: emptyRichText(),
  lessons: emptyRichText(),
  keywords: { geographic: [], actors: [], methodological: [], concepts: [] },
  references: [],
});

export const ficheStatuses = ["draft", "submitted", "finalised"] as const;
export type FicheStatus = (typeof ficheStatuses)[number];

/** Host side (the organisation presenting its action) or guest side (the observers). */
export const authorSides = ["host", "guest"] as const;
export type AuthorSide = (typeof authorSides)[number];

export const consentValues = ["yes", "no", "unset"] as const;
export type ConsentValue = (typeof consentValues)[number];

export interface ConsentToCirculate {
  /** May the fiche go to the meeting's participants, beyond the workshop's members? */
  toParticipants: ConsentValue;
  /** May it be reused as a working document (synthesis, working site, reference manual)? */
  asWorkingDocument: ConsentValue;
  conditions: string;
}

export const unsetConsent = (): ConsentToCirculate => ({ toParticipants: "unset", asWorkingDocument: "unset", conditions: "" });

/**
 * Status changes: authors submit a draft; authors or a facilitator finalise a submitted fiche;
 * only a facilitator reopens a finalised one. A fiche never goes back to draft once others have read it.
 */
export function statusChangeAllowed(from: FicheStatus, to: FicheStatus, by: { isAuthor: boolean; editsAny: boolean }): boolean {
  const mayWrite = by.isAuthor || by.editsAny;
  if (from === "draft" && to === "submitted") return mayWrite;
  if (from === "submitted" && to === "finalised") return mayWrite;
  if (from === "finalised" && to === "submitted") return by.editsAny;
  return false;
}

/** Drafts are seen only by their authors and by those who may edit any fiche (facilitators). */
export function mayReadFiche(fiche: { status: FicheStatus; authorIds: readonly string[] }, reader: { userId: string; editsAny: boolean }): boolean {
  return fiche.status !== "draft" || reader.editsAny || fiche.authorIds.includes(reader.userId);
}

export type CirculationUse = "participants" | "workingDocument";

/**
 * Whether a fiche may leave the workshop's members: shown to non-members or exported.
 * Members always read submitted fiches (they were in the room). Outside the workshop, a
 * fiche needs an explicit "yes": to the participants for any export or outside view, and
 * additionally as a working document for reuse in working documents. Unset means no.
 */
export function mayCirculate(fiche: { status: FicheStatus; consent: ConsentToCirculate }, use: CirculationUse): boolean {
  if (fiche.status === "draft" || fiche.consent.toParticipants !== "yes") return false;
  return use === "participants" || fiche.consent.asWorkingDocument === "yes";
}
