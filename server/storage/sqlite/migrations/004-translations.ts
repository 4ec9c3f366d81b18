// Stored translations of user content, one per (target, field, language), and authors'
// corrections of the detected source language.
export const sql = `
      CREATE TABLE translations (
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        target_kind TEXT NOT NULL,
        target_id TEXT NOT NULL,
        field TEXT NOT NULL,
        language TEXT NOT NULL,
        format TEXT NOT NULL,
        text TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('human', 'machine')),
        provider TEXT,
        translator_id TEXT REFERENCES users(id),
        status TEXT NOT NULL CHECK (status IN ('draft', 'reviewed')),
        source_hash TEXT NOT NULL,
        source_language TEXT NOT NULL,
        reviewed_by TEXT REFERENCES users(id),
        reviewed_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (workshop_id, target_kind, target_id, field, language)
      );
      CREATE INDEX translations_by_language ON translations(workshop_id, language);

      CREATE TABLE source_languages (
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        target_kind TEXT NOT NULL,
        target_id TEXT NOT NULL,
        language TEXT NOT NULL,
        set_by TEXT NOT NULL REFERENCES users(id),
        set_at TEXT NOT NULL,
        PRIMARY KEY (workshop_id, target_kind, target_id)
      );
`;
