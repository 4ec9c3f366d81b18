// Live sessions in SQLite: state as JSON, one row per session; the timeline appended beside it.
import type Database from "better-sqlite3";
import type { ClosedPollRecord, LiveSessionRecord, LiveSessionStore, LiveTimelineEntry } from "../port.js";
import { preparedStatements } from "./contributions.js";
import type { Row } from "./row.js";

const toSession = (r: Row): LiveSessionRecord => ({
  id: r.id as string,
  workshopId: r.workshop_id as string,
  status: r.status as LiveSessionRecord["status"],
  startedAt: r.started_at as string,
  startedBy: r.started_by as string,
  endedAt: (r.ended_at as string | null) ?? null,
  state: JSON.parse(r.state as string),
  updatedAt: r.updated_at as string,
});

export function liveSessionStore(db: Database.Database): LiveSessionStore {
  const prepared = preparedStatements(db);
  const append = (entry: LiveTimelineEntry) =>
    prepared("INSERT INTO live_session_timeline (session_id, at, actor_id, type, data) VALUES (?, ?, ?, ?, ?)").run(
      entry.sessionId,
      entry.at,
      entry.actorId,
      entry.type,
      JSON.stringify(entry.data),
    );
  const startTx = db.transaction((s: LiveSessionRecord, entry: LiveTimelineEntry): boolean => {
    const inserted = prepared(
      `INSERT INTO live_sessions (id, workshop_id, status, started_at, started_by, ended_at, state, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ).run(s.id, s.workshopId, s.status, s.startedAt, s.startedBy, s.endedAt, JSON.stringify(s.state), s.updatedAt);
    if (inserted.changes === 0) return false;
    append(entry);
    return true;
  });
  const recordTx = db.transaction((s: LiveSessionRecord, entry: LiveTimelineEntry, poll?: ClosedPollRecord) => {
    prepared("UPDATE live_sessions SET status = ?, ended_at = ?, state = ?, updated_at = ? WHERE id = ?").run(s.status, s.endedAt, JSON.stringify(s.state), s.updatedAt, s.id);
    append(entry);
    if (poll) {
      prepared("INSERT INTO live_session_polls (id, session_id, question, kind, options, results, opened_at, closed_at, counts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)").run(
        poll.id,
        poll.sessionId,
        poll.question,
        poll.kind,
        JSON.stringify(poll.options),
        poll.results,
        poll.openedAt,
        poll.closedAt,
        JSON.stringify(poll.counts),
      );
    }
  });

  return {
    async start(session, entry) {
      return startTx(session, entry);
    },
    async running(workshopId) {
      const row = prepared("SELECT * FROM live_sessions WHERE workshop_id = ? AND status = 'running'").get(workshopId) as Row | undefined;
      return row ? toSession(row) : null;
    },
    async list(workshopId) {
      return (prepared("SELECT * FROM live_sessions WHERE workshop_id = ? ORDER BY started_at DESC, id").all(workshopId) as Row[]).map(toSession);
    },
    async record(session, entry, closedPoll) {
      recordTx(session, entry, closedPoll);
    },
    async timeline(sessionId) {
      return (prepared("SELECT * FROM live_session_timeline WHERE session_id = ? ORDER BY seq").all(sessionId) as Row[]).map((r) => ({
        sessionId,
        at: r.at as string,
        actorId: (r.actor_id as string | null) ?? null,
        type: r.type as string,
        data: JSON.parse(r.data as string),
      }));
    },
    async setProjectorToken(sessionId, tokenHash) {
      prepared("UPDATE live_sessions SET projector_token_hash = ? WHERE id = ?").run(tokenHash, sessionId);
    },
    async byProjectorToken(tokenHash) {
      const row = prepared("SELECT * FROM live_sessions WHERE projector_token_hash = ?").get(tokenHash) as Row | undefined;
      return row ? toSession(row) : null;
    },
    async closedPolls(sessionId) {
      return (prepared("SELECT * FROM live_session_polls WHERE session_id = ? ORDER BY closed_at, id").all(sessionId) as Row[]).map((r) => ({
        id: r.id as string,
        sessionId,
        question: r.question as string,
        kind: r.kind as ClosedPollRecord["kind"],
        options: JSON.parse(r.options as string),
        results: r.results as ClosedPollRecord["results"],
        openedAt: r.opened_at as string,
        closedAt: r.closed_at as string,
        counts: JSON.parse(r.counts as string),
      }));
    },
  };
}
