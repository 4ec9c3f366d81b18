// Pure rules of a live session: timers counted from server time, and the order of the
// speaking queue. Used by the server to decide and by the client to show the same thing.
import type { LiveItem, PinnedItem, PinnedRef } from "../schemas/live-session.js";
import type { SequenceKind } from "./sequences.js";
import { synthesisBlockField, type TranslationTargetKind } from "./translations.js";

/** A countdown. Running while `startedAt` is set; `remainingMs` is what was left at `startedAt` (or at the pause). */
export interface TimerState {
  durationMs: number;
  remainingMs: number;
  startedAt: string | null;
}

export const idleTimer = (durationMs: number): TimerState => ({ durationMs, remainingMs: durationMs, startedAt: null });

/** What is left at `nowMs`; negative once the time is over (the screen shows the overrun). */
export function remainingAt(timer: TimerState, nowMs: number): number {
  return timer.startedAt === null ? timer.remainingMs : timer.remainingMs - (nowMs - Date.parse(timer.startedAt));
}

export type TimerAction = "start" | "pause" | "addMinute" | "reset";

export function applyTimer(timer: TimerState, action: TimerAction, now: string, durationMs?: number): TimerState {
  const nowMs = Date.parse(now);
  switch (action) {
    case "start":
      // Starting a finished countdown starts it again from its full length.
      if (timer.startedAt !== null) return timer;
      return { ...timer, remainingMs: timer.remainingMs > 0 ? timer.remainingMs : timer.durationMs, startedAt: now };
    case "pause":
      return timer.startedAt === null ? timer : { ...timer, remainingMs: remainingAt(timer, nowMs), startedAt: null };
    case "addMinute":
      return { ...timer, durationMs: timer.durationMs + 60_000, remainingMs: timer.remainingMs + 60_000 };
    case "reset":
      return idleTimer(durationMs ?? timer.durationMs);
  }
}

export type HandKind = "reply" | "point";
export type QueueOrder = "raised" | "leastSpoken";

export interface QueueEntry {
  userId: string;
  displayName: string;
  language: string;
  kind: HandKind;
  raisedAt: string;
}

/**
 * Direct replies to the current speaker go ahead of new points, as in consensus meetings.
 * Within each group: first raised first, or, when the facilitator asks, whoever has spoken
 * least so far first (ties by who raised first).
 */
export function orderQueue(queue: readonly QueueEntry[], order: QueueOrder, spokenMs: Readonly<Record<string, number>>): QueueEntry[] {
  const rank = (entry: QueueEntry) => (entry.kind === "reply" ? 0 : 1);
  return [...queue].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (order === "leastSpoken" ? (spokenMs[a.userId] ?? 0) - (spokenMs[b.userId] ?? 0) : 0) ||
      Date.parse(a.raisedAt) - Date.parse(b.raisedAt),
  );
}

export const agreementChoices = ["agree", "disagree", "abstain"] as const;

/** A poll as the server keeps it: who voted what, until it closes and only counts are kept. */
export interface StoredPoll {
  id: string;
  question: string;
  kind: "agreement" | "proposals";
  options: string[];
  results: "live" | "hidden";
  status: "open" | "closed";
  openedAt: string;
  closedAt: string | null;
  /** userId → option. */
  votes: Record<string, string>;
}

export function countVotes(poll: Pick<StoredPoll, "options" | "votes">): Record<string, number> {
  const counts = Object.fromEntries(poll.options.map((option) => [option, 0]));
  for (const choice of Object.values(poll.votes)) counts[choice] = (counts[choice] ?? 0) + 1;
  return counts;
}

/** Everything a running session holds besides its identity: what the room's screens show. */
export interface LiveSessionState {
  sequence: SequenceKind | null;
  item: LiveItem | null;
  timers: { speaker: TimerState; sequence: TimerState };
  speaker: { userId: string; displayName: string; language: string; since: string } | null;
  /** As raised; shown through orderQueue. */
  queue: QueueEntry[];
  queueOrder: QueueOrder;
  spokenMs: Record<string, number>;
  pinned: PinnedItem[];
  poll: StoredPoll | null;
  /** The meeting's notes, a paragraph each, in the note-taker's language; readers get them translated. */
  notes?: LiveNote[];
  /** Set while a projector link is valid: the languages its screen shows side by side. */
  projector?: { languages: string[] } | null;
}

const speakerTurnMs = 3 * 60_000;
const sequenceMs = 60 * 60_000;

/** A session as it starts: nothing shown, timers set to a three-minute turn and an hour's sequence. */
export const initialLiveState = (): LiveSessionState => ({
  sequence: null,
  item: null,
  timers: { speaker: idleTimer(speakerTurnMs), sequence: idleTimer(sequenceMs) },
  speaker: null,
  queue: [],
  queueOrder: "raised",
  spokenMs: {},
  pinned: [],
  poll: null,
});

export interface LiveNote {
  id: string;
  text: string;
  /** The note-taker's writing language, the source the translations start from. */
  language: string;
  authorId: string;
  authorName: string;
  at: string;
}

/** One turn given and ended, as the timeline records it (`data.turn`). */
export interface SpokenTurn {
  userId: string;
  displayName: string;
  since: string;
  durationMs: number;
}

/** Speaking time per person over a session's turns, the longest first: the minutes' totals. */
export function speakingTotals(turns: SpokenTurn[]): { userId: string; name: string; ms: number; count: number }[] {
  const totals = new Map<string, { userId: string; name: string; ms: number; count: number }>();
  for (const turn of turns) {
    const total = totals.get(turn.userId) ?? { userId: turn.userId, name: turn.displayName, ms: 0, count: 0 };
    totals.set(turn.userId, { ...total, ms: total.ms + turn.durationMs, count: total.count + 1 });
  }
  return [...totals.values()].sort((a, b) => b.ms - a.ms);
}

/**
 * Where an item on every screen (or a pin) keeps its heading, as its translation source names
 * it: the server reads and checks it there, the client shows its translation from there.
 */
export function itemHeading(workshopId: string, item: LiveItem | PinnedRef): { targetKind: TranslationTargetKind; targetId: string; field: string } {
  switch (item.kind) {
    case "fiche":
      return { targetKind: "fiche", targetId: item.id, field: "rows.title" };
    case "agendaSlot":
      return { targetKind: "agendaItem", targetId: item.id, field: "title" };
    case "thread":
    case "proposal":
      return { targetKind: item.kind, targetId: item.id, field: "title" };
    case "post":
      return { targetKind: "post", targetId: item.id, field: "body" };
    case "question":
      return { targetKind: "workshop", targetId: workshopId, field: `question:${item.id}` };
    case "synthesisPassage":
      return { targetKind: "synthesis", targetId: item.documentId, field: synthesisBlockField(item.blockId) };
  }
}
