// The public shape of a live session. Hidden poll results leave the server only for those
// who may drive the session, until the poll closes; everyone else gets counts: null.
import { countVotes, orderQueue, type StoredPoll } from "../../shared/domain/live-session.js";
import type { LivePoll, LiveSession } from "../../shared/schemas/live-session.js";
import type { LiveSessionRecord } from "../storage/port.js";

export interface Viewer {
  /** Null for the room as a whole: nobody's own vote is in it. */
  userId: string | null;
  seesHiddenResults: boolean;
}

export const follower: Viewer = { userId: null, seesHiddenResults: false };

export function presentPoll(poll: StoredPoll, viewer: Viewer): LivePoll {
  const { votes, ...rest } = poll;
  const visible = poll.results === "live" || poll.status === "closed" || viewer.seesHiddenResults;
  return {
    ...rest,
    voteCount: Object.keys(votes).length,
    counts: visible ? countVotes(poll) : null,
    myVote: viewer.userId ? (votes[viewer.userId] ?? null) : null,
  };
}

export function presentLiveSession(record: LiveSessionRecord, viewer: Viewer, now: string): LiveSession {
  const { state } = record;
  return {
    id: record.id,
    workshopId: record.workshopId,
    status: record.status,
    startedAt: record.startedAt,
    endedAt: record.endedAt,
    sequence: state.sequence,
    item: state.item,
    timers: state.timers,
    speaker: state.speaker,
    queue: orderQueue(state.queue, state.queueOrder, state.spokenMs),
    queueOrder: state.queueOrder,
    spokenMs: state.spokenMs,
    pinned: state.pinned.map((pin) => ({ ...pin, label: pin.label ?? "" })),
    poll: state.poll && presentPoll(state.poll, viewer),
    notes: (state.notes ?? []).map(({ id, text, language, authorName, at }) => ({ id, text, language, authorName, at })),
    now,
  };
}
