// Accounts, series, workshops, reading grids, memberships, invitations, the Yjs log.
export const sql = `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        language TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        last_used_at TEXT
      );
      CREATE TABLE series (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        description TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL
      );
      CREATE TABLE workshops (
        id TEXT PRIMARY KEY,
        series_id TEXT REFERENCES series(id),
        title TEXT NOT NULL,
        description TEXT NOT NULL,
        theme TEXT NOT NULL,
        languages TEXT NOT NULL,
        grid_version INTEGER NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE reading_grid_versions (
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        questions TEXT NOT NULL,
        PRIMARY KEY (workshop_id, version)
      );
      CREATE TABLE memberships (
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        joined_at TEXT NOT NULL,
        PRIMARY KEY (workshop_id, user_id)
      );
      CREATE INDEX memberships_by_user ON memberships(user_id);
      CREATE TABLE invitations (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        token_hash TEXT NOT NULL UNIQUE,
        token TEXT NOT NULL,
        role TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        max_uses INTEGER NOT NULL,
        uses INTEGER NOT NULL DEFAULT 0,
        revoked INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE yjs_updates (
        doc_name TEXT NOT NULL,
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (doc_name, seq)
      );
      CREATE TABLE yjs_snapshots (
        doc_name TEXT PRIMARY KEY,
        data BLOB NOT NULL,
        up_to_seq INTEGER NOT NULL
      );
    `;
