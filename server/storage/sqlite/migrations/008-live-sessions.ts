// Live sessions: the running state of each (at most one running per workshop), the timeline
// of what happened in it, for the minutes, and the results of its closed polls.
export const sql = `
      CREATE TABLE live_sessions (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ('running', 'ended')),
        started_at TEXT NOT NULL,
        started_by TEXT NOT NULL REFERENCES users(id),
        ended_at TEXT,
        state TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX live_sessions_one_running ON live_sessions (workshop_id) WHERE status = 'running';
      CREATE TABLE live_session_timeline (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL REFERENCES live_sessions(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        actor_id TEXT,
        type TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX live_session_timeline_session ON live_session_timeline (session_id, seq);
      CREATE TABLE live_session_polls (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES live_sessions(id) ON DELETE CASCADE,
        question TEXT NOT NULL,
        kind TEXT NOT NULL,
        options TEXT NOT NULL,
        results TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        closed_at TEXT NOT NULL,
        counts TEXT NOT NULL
      );
      CREATE INDEX live_session_polls_session ON live_session_polls (session_id, closed_at);
`;
