// Bodies, queries, shapes and socket events of a workshop's process: sequences and agenda,
// fiches navettes, debate threads, proposals and amendments, unread counts and search.
import { z } from "zod";
import { authorSides, consentValues, ficheStatuses } from "../domain/fiches.js";
import { sequenceKinds, sequenceStatuses } from "../domain/sequences.js";
import { requiredRichTextInput, richText, richTextInput, safeHref } from "../richtext.js";
import { documentKinds } from "../synthesis.js";
import { id, isoDate, requiredText, text } from "./common.js";
import { questionId } from "./workshops.js";

// ---------------------------------------------------------------- pagination

/** An opaque position returned by a previous page as `nextCursor`. */
export const cursor = z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, "must be a nextCursor from a previous page");

/** `?cursor=<opaque>&limit=1..100`; without a cursor, the first page. */
export const pageQuery = z.object({
  cursor: cursor.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** Every list: `{items, nextCursor}`; nextCursor is null on the last page. */
export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const person = z.object({ id, displayName: z.string() });

// ---------------------------------------------------------------- sequences and agenda

export const sequenceKind = z.enum(sequenceKinds);
export const sequence = z.object({
  kind: sequenceKind,
  status: z.enum(sequenceStatuses),
  openedAt: isoDate.nullable(),
  closedAt: isoDate.nullable(),
  updatedBy: person.nullable(),
});
export const sequencesBody = z.object({ sequences: z.array(sequence) });
export const setSequenceBody = z.object({ status: z.enum(["open", "closed"]) });

/** How many forms holding unsent text one browser tab has open in each sequence. */
const formCount = z.number().int().min(0).max(100);
export const writingForms = z.object({ illustrate: formCount, debate: formCount, propose: formCount });

/** What closing a sequence now would cut, for the facilitator's confirmation. */
export const sequenceClosingBody = z.object({
  sequence: sequenceKind,
  /** Draft fiches (illustrate only; 0 for the other sequences): their authors could not finish them while it is closed. */
  drafts: z.number().int(),
  /** Forms holding unsent text in this sequence, open in members' browsers now (as their tabs report them). */
  openForms: z.number().int(),
  /** How many people hold those forms. */
  writers: z.number().int(),
});

const moment = z.string().datetime({ offset: true });
const names = z.array(requiredText(200)).max(20);
const agendaSlotFields = z.object({
  startsAt: moment,
  endsAt: moment,
  place: text(300),
  title: requiredText(300),
  presenters: names,
  framingQuestions: z.array(requiredText(1000)).max(20),
  sequence: sequenceKind.nullable(),
});
const endsAfterStart = (slot: { startsAt?: string; endsAt?: string }) => !slot.startsAt || !slot.endsAt || Date.parse(slot.endsAt) > Date.parse(slot.startsAt);
export const createAgendaSlotBody = agendaSlotFields
  .extend({ place: text(300).default(""), presenters: names.default([]), framingQuestions: agendaSlotFields.shape.framingQuestions.default([]), sequence: sequenceKind.nullable().default(null) })
  .refine(endsAfterStart, { message: "must end after it starts", path: ["endsAt"] });
export const updateAgendaSlotBody = agendaSlotFields
  .partial()
  .refine((body) => Object.keys(body).length > 0, "nothing to update")
  .refine(endsAfterStart, { message: "must end after it starts", path: ["endsAt"] });
export const agendaSlot = agendaSlotFields.extend({ id, createdAt: isoDate, updatedAt: isoDate });
export const agendaBody = z.object({ slots: z.array(agendaSlot) });

// ---------------------------------------------------------------- fiches navettes

const webUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((url) => /^https?:/i.test(url) && safeHref(url) !== null, "must be an http(s) URL")
  .transform((url) => safeHref(url)!);
const keywordList = z.array(requiredText(100)).max(30);

/** The rows a writer sends; each one is optional, and any row may stay empty. */
export const ficheRowsInput = z.object({
  title: text(300),
  presenters: names,
  actionDate: text(100),
  place: text(300),
  descriptive: richTextInput,
  /** One answer per reading-grid question, keyed by the question's id; sent answers replace those questions only. */
  gridAnswers: z.record(questionId, richTextInput).refine((answers) => Object.keys(answers).length <= 30, "at most 30 answers"),
  recurringIssues: richTextInput,
  lessons: richTextInput,
  keywords: z.object({ geographic: keywordList.default([]), actors: keywordList.default([]), methodological: keywordList.default([]), concepts: keywordList.default([]) }),
  references: z.array(z.object({ label: text(300).default(""), url: webUrl })).max(50),
}).partial();

export const createFicheBody = z.object({
  /** Defaults from the writer's role: hosts write on the host side, observers on the guest side. */
  authorSide: z.enum(authorSides).optional(),
  /** Other members who write this fiche too; they must be allowed to write fiches. */
  coAuthorIds: z.array(id).max(5).default([]),
  rows: ficheRowsInput.default({}),
});

export const updateFicheBody = z.object({
  /** The version the writer started from: rows changed since by someone else are a conflict, other rows merge. */
  baseVersion: z.number().int().min(1),
  rows: ficheRowsInput.refine((rows) => Object.keys(rows).length > 0, "nothing to update"),
});

/** draft → submitted (authors); submitted → finalised (authors, facilitators); finalised → submitted (facilitators reopen). */
export const setFicheStatusBody = z.object({ status: z.enum(["submitted", "finalised"]) });

export const consentBody = z.object({
  toParticipants: z.enum(consentValues),
  asWorkingDocument: z.enum(consentValues),
  conditions: text(2000).default(""),
});

export const ficheEntryBody = z.object({ body: requiredRichTextInput });

export const ficheListQuery = pageQuery.extend({ status: z.enum(ficheStatuses).optional() });

const keywords = z.object({ geographic: z.array(z.string()), actors: z.array(z.string()), methodological: z.array(z.string()), concepts: z.array(z.string()) });
export const ficheRows = z.object({
  title: z.string(),
  presenters: z.array(z.string()),
  actionDate: z.string(),
  place: z.string(),
  descriptive: richText,
  gridAnswers: z.record(z.string(), richText),
  recurringIssues: richText,
  lessons: richText,
  keywords,
  references: z.array(z.object({ label: z.string(), url: z.string() })),
});

export const consent = z.object({
  toParticipants: z.enum(consentValues),
  asWorkingDocument: z.enum(consentValues),
  conditions: z.string(),
  setBy: person.nullable(),
  setAt: isoDate.nullable(),
});

/** Observers' feedback and hosts' replies: separate entries, each signed and dated. */
export const ficheEntry = z.object({ id, kind: z.enum(["observerFeedback", "hostReply"]), body: richText, author: person, createdAt: isoDate });

const ficheCommon = {
  id,
  workshopId: id,
  status: z.enum(ficheStatuses),
  authorSide: z.enum(authorSides),
  authors: z.array(person),
  consent,
  /** What consent allows outside the workshop: see shared/domain/fiches.ts mayCirculate. */
  circulation: z.object({ participants: z.boolean(), workingDocument: z.boolean() }),
  version: z.number().int(),
  createdAt: isoDate,
  updatedAt: isoDate,
  submittedAt: isoDate.nullable(),
  finalisedAt: isoDate.nullable(),
};

export const fiche = z.object({
  ...ficheCommon,
  rows: ficheRows,
  observerFeedback: z.array(ficheEntry),
  hostReplies: z.array(ficheEntry),
});

export const ficheSummary = z.object({
  ...ficheCommon,
  title: z.string(),
  presenters: z.array(z.string()),
  actionDate: z.string(),
  place: z.string(),
  observerFeedbackCount: z.number().int(),
  hostReplyCount: z.number().int(),
});

/** One save: who changed which rows, when, and the rows' new values ("gridAnswers.<questionId>", "status", "consent" included). */
export const ficheRevision = z.object({ version: z.number().int(), changedBy: person, changedAt: isoDate, changes: z.record(z.string(), z.unknown()) });

// ---------------------------------------------------------------- debate

export const stance = z.enum(["agree", "disagree", "question"]);

export const createThreadBody = z.object({
  title: requiredText(300),
  /** A thread about a submitted fiche; without it, a free thread. */
  ficheId: id.optional(),
  /** The opening post. */
  body: requiredRichTextInput,
  stance: stance.optional(),
});
export const threadsQuery = pageQuery.extend({ ficheId: id.optional() });

export const thread = z.object({
  id,
  workshopId: id,
  title: z.string(),
  ficheId: id.nullable(),
  author: person,
  createdAt: isoDate,
  postCount: z.number().int(),
  lastPostAt: isoDate,
  lastPostSeq: z.number().int(),
});
/** A thread with the reader's own position in it. */
export const threadForReader = thread.extend({ unread: z.number().int(), lastReadSeq: z.number().int() });

export const createPostBody = z.object({ body: requiredRichTextInput, parentId: id.optional(), stance: stance.optional() });
export const editPostBody = z.object({ body: requiredRichTextInput, stance: stance.nullable().optional() });
export const moderatePostBody = z.object({ hidden: z.boolean(), reason: requiredText(1000) });
/** Posts in order; `afterSeq` starts after a known post (e.g. the reader's lastReadSeq). */
export const postsQuery = pageQuery.extend({ afterSeq: z.coerce.number().int().min(0).optional() });

export const post = z.object({
  id,
  /** Position in the workshop's order of changes; grows with every post. */
  seq: z.number().int(),
  workshopId: id,
  threadId: id,
  parentId: id.nullable(),
  author: person,
  /** Null when the post is hidden and the reader is neither a facilitator nor its author. */
  body: richText.nullable(),
  stance: stance.nullable(),
  createdAt: isoDate,
  editedAt: isoDate.nullable(),
  revisionCount: z.number().int(),
  hidden: z.object({ reason: z.string(), at: isoDate, by: person }).nullable(),
});
export const postRevision = z.object({ revision: z.number().int(), body: richText, stance: stance.nullable(), writtenAt: isoDate });
export const moderationEntry = z.object({ id, postId: id, threadId: id, action: z.enum(["hide", "unhide"]), reason: z.string(), by: person, at: isoDate });
export const markReadBody = z.object({ upToSeq: z.number().int().min(0).optional() });

// ---------------------------------------------------------------- proposals and amendments

export const proposalStatuses = ["open", "retained", "merged", "declined"] as const;
export const proposalStatus = z.enum(proposalStatuses);

export const createProposalBody = z.object({ title: requiredText(300), body: requiredRichTextInput });
export const editProposalBody = z
  .object({ baseVersion: z.number().int().min(1), title: requiredText(300).optional(), body: requiredRichTextInput.optional() })
  .refine((body) => body.title !== undefined || body.body !== undefined, "nothing to update");
/** "merged" means merged into the synthesis; "open" takes a decision back. */
export const setProposalStatusBody = z
  .object({
    status: proposalStatus,
    reason: requiredText(2000),
    /** With "merged": the synthesis passage (a block of the workshop's or its series' synthesis) that took the proposal in. */
    passage: z.object({ documentId: id, blockId: z.string().min(1).max(64) }).optional(),
  })
  .refine((body) => !body.passage || body.status === "merged", { message: "a passage goes with the status merged", path: ["passage"] });
export const proposalsQuery = pageQuery.extend({ sort: z.enum(["supports", "newest", "oldest"]).default("newest"), status: proposalStatus.optional() });

export const proposal = z.object({
  id,
  workshopId: id,
  title: z.string(),
  body: richText,
  author: person,
  status: proposalStatus,
  statusDecision: z.object({ reason: z.string(), by: person, at: isoDate }).nullable(),
  supportCount: z.number().int(),
  amendments: z.object({ pending: z.number().int(), accepted: z.number().int(), rejected: z.number().int() }),
  version: z.number().int(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
/** A proposal with the reader's own support; live events carry `proposal` without it. */
export const proposalForReader = proposal.extend({ supportedByMe: z.boolean() });
export const proposalRevision = z.object({ version: z.number().int(), title: z.string(), body: richText, changedBy: person, changedAt: isoDate, amendmentId: id.nullable() });

export const createAmendmentBody = z.object({ title: requiredText(300).optional(), body: requiredRichTextInput, rationale: text(2000).default("") });
export const decideAmendmentBody = z.object({ decision: z.enum(["accepted", "rejected"]), reason: text(2000).default("") });
export const amendment = z.object({
  id,
  proposalId: id,
  workshopId: id,
  author: person,
  /** The suggested new title, or null to keep the title. */
  title: z.string().nullable(),
  /** The suggested new body, whole. */
  body: richText,
  rationale: z.string(),
  status: z.enum(["pending", "accepted", "rejected"]),
  /** The proposal version it was written against; accepting it needs that version still current. */
  baseVersion: z.number().int(),
  decision: z.object({ reason: z.string(), by: person, at: isoDate }).nullable(),
  createdAt: isoDate,
});

// ---------------------------------------------------------------- reading between meetings

export const unreadCounts = z.object({ illustrate: z.number().int(), debate: z.number().int(), propose: z.number().int() });
export const unreadBody = z.object({ sequences: unreadCounts });

/** Something that changed since the reader's last visit; threads say how many posts are new. */
export const change = z.object({
  kind: z.enum(["fiche", "thread", "proposal"]),
  id,
  sequence: sequenceKind,
  title: z.string(),
  changedAt: isoDate,
  newPosts: z.number().int().nullable(),
});
export const sinceLastVisitBody = page(change).extend({ since: isoDate.nullable() });

export const searchQuery = pageQuery.extend({ q: z.string().trim().min(2).max(200) });
export const searchHit = z.object({
  kind: z.enum(["fiche", "ficheEntry", "thread", "post", "proposal", "amendment", "synthesis"]),
  /** The contribution, or for a synthesis passage its document. */
  id,
  /** Null for a synthesis passage, which belongs to no sequence. */
  sequence: sequenceKind.nullable(),
  ficheId: id.nullable(),
  threadId: id.nullable(),
  proposalId: id.nullable(),
  /** The fiche, thread or proposal the hit belongs to. */
  title: z.string(),
  /** Plain text around the match; render it as text, never as HTML. */
  excerpt: z.string(),
  at: isoDate,
  /** A synthesis passage: its document (the kind names it when the title is empty) and block, to open it there. */
  synthesis: z.object({ documentId: id, blockId: z.string(), documentKind: z.enum(documentKinds) }).nullable(),
});

// ---------------------------------------------------------------- socket events

const inWorkshop = { workshopId: id };

/** Client → server, each acknowledged with {ok:true,…} or {ok:false,error}. */
export const contributionClientEvents = {
  "sequence.set": z.object({ ...inWorkshop, sequence: sequenceKind, status: setSequenceBody.shape.status }),
  /** This tab's forms holding unsent text, per sequence; each report replaces the last, and a disconnect clears it. */
  "sequence.writing": z.object({ ...inWorkshop, forms: writingForms }),
  "thread.create": createThreadBody.extend(inWorkshop),
  "post.create": createPostBody.extend({ ...inWorkshop, threadId: id }),
  "post.edit": editPostBody.extend({ ...inWorkshop, postId: id }),
  "post.moderate": moderatePostBody.extend({ ...inWorkshop, postId: id }),
  "proposal.support": z.object({ ...inWorkshop, proposalId: id }),
  "proposal.withdrawSupport": z.object({ ...inWorkshop, proposalId: id }),
  "thread.read": markReadBody.extend({ ...inWorkshop, threadId: id }),
} as const;

/**
 * Server → the workshop's room. Drafts reach only their authors and facilitators; posts
 * carry a member's view (a hidden post's body is null; facilitators fetch it).
 */
export const contributionServerEvents = {
  "sequences.updated": z.object({ ...inWorkshop, sequences: z.array(sequence) }),
  "agenda.updated": z.object({ ...inWorkshop, slots: z.array(agendaSlot) }),
  "fiche.updated": z.object({ ...inWorkshop, fiche }),
  "thread.created": z.object({ ...inWorkshop, thread }),
  "post.created": z.object({ ...inWorkshop, post }),
  "post.updated": z.object({ ...inWorkshop, post }),
  "proposal.updated": z.object({ ...inWorkshop, proposal }),
  "amendment.updated": z.object({ ...inWorkshop, amendment }),
} as const;

export type Sequence = z.infer<typeof sequence>;
export type WritingForms = z.infer<typeof writingForms>;
export type SequenceClosing = z.infer<typeof sequenceClosingBody>;
export type AgendaSlot = z.infer<typeof agendaSlot>;
export type CreateAgendaSlotBody = z.infer<typeof createAgendaSlotBody>;
export type UpdateAgendaSlotBody = z.infer<typeof updateAgendaSlotBody>;
export type FicheRowsInput = z.infer<typeof ficheRowsInput>;
export type CreateFicheBody = z.infer<typeof createFicheBody>;
export type UpdateFicheBody = z.infer<typeof updateFicheBody>;
export type ConsentBody = z.infer<typeof consentBody>;
export type Fiche = z.infer<typeof fiche>;
export type FicheSummary = z.infer<typeof ficheSummary>;
export type FicheEntry = z.infer<typeof ficheEntry>;
export type FicheRevision = z.infer<typeof ficheRevision>;
export type Stance = z.infer<typeof stance>;
export type CreateThreadBody = z.infer<typeof createThreadBody>;
export type Thread = z.infer<typeof thread>;
export type ThreadForReader = z.infer<typeof threadForReader>;
export type CreatePostBody = z.infer<typeof createPostBody>;
export type EditPostBody = z.infer<typeof editPostBody>;
export type Post = z.infer<typeof post>;
export type PostRevision = z.infer<typeof postRevision>;
export type ModerationEntry = z.infer<typeof moderationEntry>;
export type ProposalStatus = z.infer<typeof proposalStatus>;
export type CreateProposalBody = z.infer<typeof createProposalBody>;
export type EditProposalBody = z.infer<typeof editProposalBody>;
export type Proposal = z.infer<typeof proposal>;
export type ProposalForReader = z.infer<typeof proposalForReader>;
export type ProposalRevision = z.infer<typeof proposalRevision>;
export type CreateAmendmentBody = z.infer<typeof createAmendmentBody>;
export type Amendment = z.infer<typeof amendment>;
export type UnreadCounts = z.infer<typeof unreadCounts>;
export type Change = z.infer<typeof change>;
export type SearchHit = z.infer<typeof searchHit>;
