// Yjs log entries that no longer decode are moved aside, so the document still loads
// and the bytes stay available for inspection.
export const sql = `
      CREATE TABLE yjs_quarantine (
        doc_name TEXT NOT NULL,
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        reason TEXT NOT NULL,
        quarantined_at TEXT NOT NULL,
        PRIMARY KEY (doc_name, seq)
      );
`;
