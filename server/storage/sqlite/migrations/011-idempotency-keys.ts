// Writes sent with an Idempotency-Key: the first answer, given again to a retry with the same key.
// A row without status is a request still running. Rows go after a day.
export const sql = `
      CREATE TABLE idempotency_keys (
        user_id TEXT NOT NULL,
        key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        status INTEGER,
        body TEXT,
        created_at TEXT NOT NULL,
        PRIMARY KEY (user_id, key)
      );
      CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
`;
