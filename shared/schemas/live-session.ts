// Socket events and shapes of a live session: the facilitator's console drives, every
// screen in the workshop's room follows. Spread into shared/schemas/live.ts.
import { z } from "zod";
import { sequenceKinds } from "../domain/sequences.js";
import { contentLanguage, id, isoDate, requiredText } from "./common.js";
import { exportFormats } from "./export.js";

const inWorkshop = { workshopId: id };
const blockId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be a block id");

/** What everyone's screen shows: one of the workshop's things, or a passage of a synthesis by block id. */
export const liveItem = z.discriminatedUnion("kind", [
  z.object({ kind: z.enum(["agendaSlot", "fiche", "question", "thread", "proposal"]), id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }),
  z.object({ kind: z.literal("synthesisPassage"), documentId: id, blockId }),
]);

/** A contribution the facilitator keeps in view. */
export const pinnedRef = z.object({ kind: z.enum(["fiche", "thread", "post", "proposal"]), id });
/** A pin as every screen shows it: with its title (a post's first words) as written; readers translate it. Pins from before labels have "". */
export const pinnedItem = pinnedRef.extend({ label: z.string() });

export const timer = z.object({
  durationMs: z.number().int(),
  /** Left at `startedAt`, or at the pause; a screen computes what is left now from the server's `now`. */
  remainingMs: z.number().int(),
  /** Set while running. */
  startedAt: isoDate.nullable(),
});

const seat = { userId: id, displayName: z.string(), language: z.string() };
export const queueEntry = z.object({ ...seat, kind: z.enum(["reply", "point"]), raisedAt: isoDate });

export const pollKind = z.enum(["agreement", "proposals"]);
export const poll = z.object({
  id,
  question: z.string(),
  kind: pollKind,
  /** "agree" | "disagree" | "abstain", or the proposal ids to choose between. */
  options: z.array(z.string()),
  results: z.enum(["live", "hidden"]),
  status: z.enum(["open", "closed"]),
  openedAt: isoDate,
  closedAt: isoDate.nullable(),
  voteCount: z.number().int(),
  /** Votes per option; null while hidden from this reader (until the poll closes). */
  counts: z.record(z.string(), z.number().int()).nullable(),
  /** This reader's own vote. */
  myVote: z.string().nullable(),
});

export const liveSession = z.object({
  id,
  workshopId: id,
  status: z.enum(["running", "ended"]),
  startedAt: isoDate,
  endedAt: isoDate.nullable(),
  sequence: z.enum(sequenceKinds).nullable(),
  item: liveItem.nullable(),
  timers: z.object({ speaker: timer, sequence: timer }),
  speaker: z.object({ ...seat, since: isoDate }).nullable(),
  /** In the order the floor will be given. */
  queue: z.array(queueEntry),
  queueOrder: z.enum(["raised", "leastSpoken"]),
  /** Speaking time so far, per person. */
  spokenMs: z.record(z.string(), z.number().int()),
  pinned: z.array(pinnedItem),
  poll: poll.nullable(),
  /** The meeting's notes, a paragraph each, in their source language: readers show the stored translation (targetKind "liveNote", field "text"). */
  notes: z.array(z.object({ id, text: z.string(), language: z.string(), authorName: z.string(), at: isoDate })),
  /** The server's clock when this was sent: timers count from it, so every screen shows the same. */
  now: isoDate,
});

const durationMs = z.number().int().min(10_000).max(4 * 3600_000);

/** Client → server, each acknowledged; every event but raising a hand and voting needs `liveSession.drive`. */
export const liveSessionClientEvents = {
  "liveSession.start": z.object(inWorkshop),
  "liveSession.end": z.object(inWorkshop),
  "liveSession.setItem": z.object({ ...inWorkshop, sequence: z.enum(sequenceKinds).nullable().optional(), item: liveItem.nullable() }),
  "liveSession.timer": z.object({ ...inWorkshop, timer: z.enum(["speaker", "sequence"]), action: z.enum(["start", "pause", "addMinute", "reset"]), durationMs: durationMs.optional() }),
  "liveSession.pin": z.object({ ...inWorkshop, target: pinnedRef, pinned: z.boolean() }),
  "liveSession.raiseHand": z.object({ ...inWorkshop, kind: z.enum(["reply", "point"]) }),
  "liveSession.lowerHand": z.object(inWorkshop),
  /** Gives the floor to someone in the queue, or ends the current turn (null). */
  "liveSession.giveFloor": z.object({ ...inWorkshop, userId: id.nullable() }),
  "liveSession.removeFromQueue": z.object({ ...inWorkshop, userId: id }),
  "liveSession.orderQueue": z.object({ ...inWorkshop, order: z.enum(["raised", "leastSpoken"]) }),
  "liveSession.poll.open": z.object({
    ...inWorkshop,
    question: requiredText(500),
    kind: pollKind,
    /** For a choice between proposals: their ids. */
    proposalIds: z.array(id).min(2).max(10).optional(),
    results: z.enum(["live", "hidden"]),
  }).refine((p) => p.kind === "agreement" || (p.proposalIds?.length ?? 0) >= 2, { message: "a choice between proposals needs at least two", path: ["proposalIds"] }),
  "liveSession.poll.vote": z.object({ ...inWorkshop, pollId: id, choice: z.string().max(64) }),
  "liveSession.poll.close": z.object({ ...inWorkshop, pollId: id }),
  /** A read-only link for the room's screen, scoped to the running session; issuing again replaces the last one. */
  "liveSession.projector.issue": z.object({ ...inWorkshop, languages: z.array(contentLanguage).min(1).max(2) }),
  "liveSession.projector.revoke": z.object(inWorkshop),
  /** One paragraph of the meeting's notes; machine drafts into the workshop's languages follow. */
  "liveSession.note.add": z.object({ ...inWorkshop, text: requiredText(4000) }),
} as const;

/**
 * The current item's heading (a title, a grid question, a synthesis passage) in each projector
 * language, from the stored translations: `state` says what stands there (the original in its
 * own language, a missing translation shown as the original, an outdated one, a machine draft…).
 */
export const projectorText = z.object({
  language: z.string(),
  title: z.string(),
  state: z.enum(["source", "missing", "machine", "stale", "draft", "reviewed"]),
  origin: z.enum(["original", "human", "machine"]),
});

export const liveSessionServerEvents = {
  /** The whole session as a follower sees it (hidden poll results left out), after every change. */
  "liveSession.updated": z.object({ ...inWorkshop, session: liveSession }),
  /** A hidden poll's counts, to facilitators only, after each vote. */
  "liveSession.poll.results": z.object({ ...inWorkshop, pollId: id, counts: z.record(z.string(), z.number().int()), voteCount: z.number().int() }),
  /** On the /projector namespace only, to screens opened with a projector link: the session as a follower sees it, and the item's title in each language. */
  "projector.updated": z.object({
    session: liveSession,
    texts: z.array(projectorText),
    /** A poll between proposals: each option's title in the projector's languages. */
    options: z.record(z.string(), z.array(projectorText)),
  }),
} as const;

export type LiveItem = z.infer<typeof liveItem>;
export type PinnedRef = z.infer<typeof pinnedRef>;
export type PinnedItem = z.infer<typeof pinnedItem>;
export type LiveSession = z.infer<typeof liveSession>;
export type LivePoll = z.infer<typeof poll>;

// ---------------------------------------------------------------- minutes (HTTP)

export const liveSessionSummary = z.object({ id, status: z.enum(["running", "ended"]), startedAt: isoDate, endedAt: isoDate.nullable() });
export const liveSessionsBody = z.object({ sessions: z.array(liveSessionSummary) });
/** A session's timeline, read as minutes: what was shown, who spoke when and how long, polls and their results. */
export const minutesBody = z.object({
  session: liveSessionSummary,
  timeline: z.array(
    z.object({
      at: isoDate,
      type: z.string(),
      actor: z.object({ id, displayName: z.string() }).nullable(),
      data: z.record(z.string(), z.unknown()),
      /** What an item.shown or contribution.pinned entry showed, as it is written now; null once gone or no longer for the room. */
      label: z.string().nullable(),
    }),
  ),
  polls: z.array(
    z.object({
      id,
      question: z.string(),
      kind: pollKind,
      options: z.array(z.string()),
      /** A poll between proposals: each option's title as written now, null once gone. */
      labels: z.record(z.string(), z.string().nullable()),
      results: z.enum(["live", "hidden"]),
      openedAt: isoDate,
      closedAt: isoDate,
      counts: z.record(z.string(), z.number().int()),
    }),
  ),
  /** The notes, each in its own language: readers get them translated (targetKind liveNote, field text). */
  notes: z.array(z.object({ id, text: z.string(), language: z.string(), authorName: z.string(), at: isoDate })),
});
export type Minutes = z.infer<typeof minutesBody>;

export const minutesExportQuery = z.object({
  format: z.enum(exportFormats).meta({ description: "md, html (with a print stylesheet), docx, pdf" }),
  lang: contentLanguage.meta({ description: "The language the minutes read in: labels, item titles and notes from their stored translations, marked when missing, out of date or by machine" }),
});
