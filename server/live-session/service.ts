// Use cases of a live session: the facilitator drives (item, timers, floor, pins, polls), members
// raise hands and vote. Each change is stored with its timeline entry before its sender is
// answered, and changes to one workshop's session run one at a time, so stored order is the order applied.
import { agreementChoices, applyTimer, countVotes, initialLiveState, type HandKind, type LiveSessionState, type QueueOrder, type TimerAction } from "../../shared/domain/live-session.js";
import type { SequenceKind } from "../../shared/domain/sequences.js";
import { can, type Role } from "../../shared/permissions.js";
import type { LiveItem, Minutes, PinnedRef } from "../../shared/schemas/live-session.js";
import { AppError, errors } from "../errors.js";
import { hashSecret, newId, newSecret, nowIso } from "../ids.js";
import type { LiveEmitter } from "../live/index.js";
import type { ClosedPollRecord, LiveSessionRecord, Storage } from "../storage/port.js";
import type { RoomItems } from "./items.js";
import { minutesModel } from "./minutes.js";
import { follower, presentLiveSession, type Viewer } from "./presenter.js";

export interface Person {
  userId: string;
  displayName: string;
  language: string;
}

/** What one change did: its timeline entry, and a poll's results if it closed one. */
interface Outcome {
  type: string;
  data?: Record<string, unknown>;
  closedPoll?: ClosedPollRecord;
}

const summaryOf = (s: LiveSessionRecord) => ({ id: s.id, status: s.status, startedAt: s.startedAt, endedAt: s.endedAt });

const noSession = () => errors.conflict("no_live_session", "no live session is running in this workshop");

export function createLiveSessionService(storage: Storage, live: LiveEmitter, items: RoomItems) {
  const store = storage.liveSessions;
  // The running session of each workshop, once read: undefined means not read yet.
  const running = new Map<string, LiveSessionRecord | null>();
  const queues = new Map<string, Promise<unknown>>();

  /** Runs one change of a workshop's session after the ones before it. */
  function serialized<T>(workshopId: string, work: () => Promise<T>): Promise<T> {
    const previous = queues.get(workshopId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.then(() => {}, () => {});
    queues.set(workshopId, settled);
    void settled.then(() => queues.get(workshopId) === settled && queues.delete(workshopId));
    return next;
  }

  async function current(workshopId: string): Promise<LiveSessionRecord | null> {
    if (!running.has(workshopId)) running.set(workshopId, await store.running(workshopId));
    return running.get(workshopId) ?? null;
  }

  const changeListeners: ((record: LiveSessionRecord) => void)[] = [];
  function broadcast(record: LiveSessionRecord): void {
    live.emit(record.workshopId, "liveSession.updated", { workshopId: record.workshopId, session: presentLiveSession(record, follower, nowIso()) });
    for (const listener of changeListeners) listener(record);
  }

  /** Applies `mutate` to a copy of the running session's state, stores it with its timeline entry, then tells the room. */
  function change(workshopId: string, actorId: string, mutate: (state: LiveSessionState, now: string, record: LiveSessionRecord) => Outcome) {
    return serialized(workshopId, async () => {
      const record = await current(workshopId);
      if (!record) throw noSession();
      const now = nowIso();
      const next: LiveSessionRecord = { ...record, state: structuredClone(record.state), updatedAt: now };
      const outcome = mutate(next.state, now, next);
      // The room hears of it at once and the sender's answer waits until it is stored, as with
      // synthesis updates: a crash in between loses a change whose sender was never told it held.
      running.set(workshopId, next.status === "running" ? next : null);
      broadcast(next);
      try {
        await store.record(next, { sessionId: next.id, at: now, actorId, type: outcome.type, data: outcome.data ?? {} }, outcome.closedPoll);
      } catch (error) {
        running.set(workshopId, record);
        broadcast(record);
        throw error;
      }
      return next;
    });
  }

  const revokeListeners: ((sessionId: string) => void)[] = [];
  const noteListeners: ((workshopId: string, noteId: string) => void)[] = [];
  const projectorRevoked = (sessionId: string) => revokeListeners.forEach((listener) => listener(sessionId));

  const viewerOf = (userId: string, role: Role): Viewer => ({ userId, seesHiddenResults: can(role, "liveSession.drive") });

  /** Ends the current turn, adding its length to the speaker's time. */
  function endTurn(state: LiveSessionState, now: string): Record<string, unknown> | null {
    const speaker = state.speaker;
    if (!speaker) return null;
    const durationMs = Math.max(0, Date.parse(now) - Date.parse(speaker.since));
    state.spokenMs[speaker.userId] = (state.spokenMs[speaker.userId] ?? 0) + durationMs;
    state.speaker = null;
    state.timers.speaker = applyTimer(state.timers.speaker, "pause", now);
    return { userId: speaker.userId, displayName: speaker.displayName, since: speaker.since, durationMs };
  }

  /** Closes the open poll, keeping only its counts. */
  function closePoll(state: LiveSessionState, sessionId: string, now: string): ClosedPollRecord | undefined {
    const poll = state.poll;
    if (!poll || poll.status !== "open") return undefined;
    poll.status = "closed";
    poll.closedAt = now;
    const { id, question, kind, options, results, openedAt } = poll;
    return { id, sessionId, question, kind, options, results, openedAt, closedAt: now, counts: countVotes(poll) };
  }

  /** A session's timeline as minutes, with the names of who did what and the polls' stored results. */
  async function minutes(workshopId: string, sessionId: string): Promise<Minutes> {
    const session = (await store.list(workshopId)).find((s) => s.id === sessionId);
    if (!session) throw errors.notFound("live session");
    const timeline = await store.timeline(session.id);
    const names = new Map<string, string>();
    for (const actorId of new Set(timeline.flatMap((e) => (e.actorId ? [e.actorId] : [])))) names.set(actorId, (await storage.users.byId(actorId))?.displayName ?? "");
    // What was shown or pinned, named as it is written now (null once gone or no longer for the room).
    const labels = new Map<string, string | null>();
    const labelOf = async (entry: { type: string; data: Record<string, unknown> }): Promise<string | null> => {
      const item = (entry.type === "item.shown" ? entry.data.item : entry.type.startsWith("contribution.") ? entry.data.target : null) as LiveItem | PinnedRef | null | undefined;
      if (!item) return null;
      const key = JSON.stringify(item);
      if (!labels.has(key)) labels.set(key, await items.label(workshopId, item));
      return labels.get(key) ?? null;
    };
    const entries = [];
    for (const e of timeline) entries.push({ at: e.at, type: e.type, actor: e.actorId ? { id: e.actorId, displayName: names.get(e.actorId) ?? "" } : null, data: e.data, label: await labelOf(e) });
    return {
      session: summaryOf(session),
      timeline: entries,
      polls: await Promise.all(
        (await store.closedPolls(session.id)).map(async ({ sessionId: _, ...poll }) => {
          const labels: Record<string, string | null> = {};
          if (poll.kind === "proposals") for (const id of poll.options) labels[id] = await items.label(workshopId, { kind: "proposal", id });
          return { ...poll, labels };
        }),
      ),
      notes: (session.state.notes ?? []).map(({ id, text, language, authorName, at }) => ({ id, text, language, authorName, at })),
    };
  }

  return {
    /** The running session as this member sees it, or null: for the join answer. */
    async view(workshopId: string, userId: string, role: Role) {
      const record = await current(workshopId);
      return record && presentLiveSession(record, viewerOf(userId, role), nowIso());
    },

    viewerOf,
    /** The running session of a workshop as stored, or null. */
    current,
    /** Hears every change, after the room: the projector screens follow. */
    onChange: (listener: (record: LiveSessionRecord) => void) => void changeListeners.push(listener),

    /** A new read-only projector link for the running session; the last one stops working. Answers the token, shown once. */
    async issueProjector(workshopId: string, actorId: string, languages: string[]) {
      const token = newSecret("nvp_");
      const record = await change(workshopId, actorId, (state) => {
        state.projector = { languages };
        return { type: "projector.issued", data: { languages } };
      });
      projectorRevoked(record.id);
      await store.setProjectorToken(record.id, hashSecret(token));
      return { record, token };
    },

    async revokeProjector(workshopId: string, actorId: string) {
      const record = await change(workshopId, actorId, (state) => {
        state.projector = null;
        return { type: "projector.revoked" };
      });
      await store.setProjectorToken(record.id, null);
      projectorRevoked(record.id);
      return record;
    },
    /** One paragraph of the notes; its machine drafts follow through onNote's listeners. */
    async addNote(workshopId: string, author: { userId: string; displayName: string; language: string }, text: string) {
      const noteId = newId();
      const record = await change(workshopId, author.userId, (state, now) => {
        state.notes = [...(state.notes ?? []), { id: noteId, text, language: author.language, authorId: author.userId, authorName: author.displayName, at: now }];
        return { type: "note.added", data: { noteId, text, language: author.language } };
      });
      for (const listener of noteListeners) listener(workshopId, noteId);
      return record;
    },
    /** A note of the running session or of an ended one, for its translation source: minutes are translated after the meeting too. */
    async note(workshopId: string, noteId: string) {
      const inRunning = (await current(workshopId))?.state.notes?.find((n) => n.id === noteId);
      if (inRunning) return inRunning;
      for (const session of await store.list(workshopId)) {
        const note = session.state.notes?.find((n) => n.id === noteId);
        if (note) return note;
      }
      return null;
    },
    onNote: (listener: (workshopId: string, noteId: string) => void) => void noteListeners.push(listener),
    /** Hears a revoked projector link, to close the screens it opened. */
    onProjectorRevoked: (listener: (sessionId: string) => void) => void revokeListeners.push(listener),

    start(workshopId: string, actorId: string) {
      return serialized(workshopId, async () => {
        if (await current(workshopId)) throw errors.conflict("live_session_running", "a live session is already running in this workshop");
        const now = nowIso();
        const record: LiveSessionRecord = {
          id: newId(),
          workshopId,
          status: "running",
          startedAt: now,
          startedBy: actorId,
          endedAt: null,
          state: initialLiveState(),
          updatedAt: now,
        };
        // The unique index decides between two nodes, or a stale read.
        if (!(await store.start(record, { sessionId: record.id, at: now, actorId, type: "session.started", data: {} }))) {
          running.delete(workshopId);
          throw errors.conflict("live_session_running", "a live session is already running in this workshop");
        }
        running.set(workshopId, record);
        broadcast(record);
        return record;
      });
    },

    end(workshopId: string, actorId: string) {
      return change(workshopId, actorId, (state, now, record) => {
        const turn = endTurn(state, now);
        const closedPoll = closePoll(state, record.id, now);
        record.status = "ended";
        record.endedAt = now;
        return { type: "session.ended", data: { ...(turn && { turn }) }, ...(closedPoll && { closedPoll }) };
      });
    },

    async setItem(workshopId: string, actorId: string, item: LiveItem | null, sequence: SequenceKind | null | undefined) {
      if (item) await items.check(workshopId, item);
      return change(workshopId, actorId, (state) => {
        state.item = item;
        if (sequence !== undefined) state.sequence = sequence;
        return { type: "item.shown", data: { item, sequence: state.sequence } };
      });
    },

    timer(workshopId: string, actorId: string, which: "speaker" | "sequence", action: TimerAction, durationMs?: number) {
      return change(workshopId, actorId, (state, now) => {
        state.timers[which] = applyTimer(state.timers[which], action, now, durationMs);
        return { type: "timer", data: { timer: which, action, ...state.timers[which] } };
      });
    },

    async pin(workshopId: string, actorId: string, target: PinnedRef, pinned: boolean) {
      // Unpinning stays possible after the item was hidden or deleted.
      const label = pinned ? await items.check(workshopId, target) : "";
      return change(workshopId, actorId, (state) => {
        state.pinned = state.pinned.filter((p) => p.kind !== target.kind || p.id !== target.id);
        if (pinned) state.pinned.push({ ...target, label });
        return { type: pinned ? "contribution.pinned" : "contribution.unpinned", data: { target } };
      });
    },

    raiseHand(workshopId: string, person: Person, kind: HandKind) {
      return change(workshopId, person.userId, (state, now) => {
        const raised = state.queue.find((entry) => entry.userId === person.userId);
        // Changing a raised hand's kind keeps its place in time.
        if (raised) raised.kind = kind;
        else state.queue.push({ ...person, kind, raisedAt: now });
        return { type: "hand.raised", data: { userId: person.userId, kind } };
      });
    },

    lowerHand(workshopId: string, userId: string, actorId = userId) {
      return change(workshopId, actorId, (state) => {
        state.queue = state.queue.filter((entry) => entry.userId !== userId);
        return { type: actorId === userId ? "hand.lowered" : "hand.removed", data: { userId } };
      });
    },

    giveFloor(workshopId: string, actorId: string, userId: string | null) {
      return change(workshopId, actorId, (state, now) => {
        const entry = userId && state.queue.find((e) => e.userId === userId);
        if (userId && !entry) throw errors.notFound("raised hand");
        const turn = endTurn(state, now);
        if (entry) {
          state.queue = state.queue.filter((e) => e.userId !== entry.userId);
          state.speaker = { userId: entry.userId, displayName: entry.displayName, language: entry.language, since: now };
          state.timers.speaker = applyTimer(applyTimer(state.timers.speaker, "reset", now), "start", now);
        }
        return { type: entry ? "floor.given" : "floor.ended", data: { ...(entry && { userId: entry.userId, kind: entry.kind }), ...(turn && { turn }) } };
      });
    },

    orderQueue(workshopId: string, actorId: string, order: QueueOrder) {
      return change(workshopId, actorId, (state) => {
        state.queueOrder = order;
        return { type: "queue.ordered", data: { order } };
      });
    },

    async openPoll(workshopId: string, actorId: string, input: { question: string; kind: "agreement" | "proposals"; proposalIds?: string[]; results: "live" | "hidden" }) {
      const options = input.kind === "agreement" ? [...agreementChoices] : [...new Set(input.proposalIds)];
      for (const proposalId of input.kind === "proposals" ? options : []) {
        if (!(await storage.proposals.byId(workshopId, proposalId))) throw errors.notFound("proposal");
      }
      return change(workshopId, actorId, (state, now, record) => {
        const closedPoll = closePoll(state, record.id, now);
        state.poll = { id: newId(), question: input.question, kind: input.kind, options, results: input.results, status: "open", openedAt: now, closedAt: null, votes: {} };
        return { type: "poll.opened", data: { pollId: state.poll.id, question: input.question, kind: input.kind, options, results: input.results }, ...(closedPoll && { closedPoll }) };
      });
    },

    async vote(workshopId: string, userId: string, pollId: string, choice: string) {
      const record = await change(workshopId, userId, (state) => {
        const poll = state.poll;
        if (!poll || poll.id !== pollId) throw errors.notFound("poll");
        if (poll.status !== "open") throw errors.conflict("poll_closed", "this poll is closed");
        if (!poll.options.includes(choice)) throw new AppError("invalid_choice", "this choice is not one of the poll's options", 400);
        poll.votes[userId] = choice;
        // Who voted, not what: the counts are kept when the poll closes.
        return { type: "poll.voted", data: { pollId } };
      });
      const poll = record.state.poll!;
      if (poll.results === "hidden") {
        const facilitators = (await storage.workshops.members(workshopId)).filter((m) => can(m.role, "liveSession.drive")).map((m) => m.userId);
        await live.emitTo(workshopId, facilitators, "liveSession.poll.results", { workshopId, pollId, counts: countVotes(poll), voteCount: Object.keys(poll.votes).length });
      }
      return record;
    },

    closePoll(workshopId: string, actorId: string, pollId: string) {
      return change(workshopId, actorId, (state, now, record) => {
        if (!state.poll || state.poll.id !== pollId) throw errors.notFound("poll");
        const closedPoll = closePoll(state, record.id, now);
        if (!closedPoll) throw errors.conflict("poll_closed", "this poll is closed");
        return { type: "poll.closed", data: { pollId, counts: closedPoll.counts }, closedPoll };
      });
    },

    present(record: LiveSessionRecord, viewer: Viewer) {
      return presentLiveSession(record, viewer, nowIso());
    },
    /** The workshop's sessions, the newest first. */
    async sessions(workshopId: string) {
      return (await store.list(workshopId)).map(summaryOf);
    },

    minutes,
    /** The minutes as a document in one language, for the export writers. */
    async minutesDocument(workshopId: string, sessionId: string, language: string) {
      return minutesModel(storage, items, workshopId, await minutes(workshopId, sessionId), language);
    },
  };
}

export type LiveSessionService = ReturnType<typeof createLiveSessionService>;
