// A live session's projector link: the hash of its read-only token, null once revoked.
export const sql = `
      ALTER TABLE live_sessions ADD COLUMN projector_token_hash TEXT;
      CREATE UNIQUE INDEX live_sessions_projector_token ON live_sessions (projector_token_hash) WHERE projector_token_hash IS NOT NULL;
`;
