// Each account's writing language (null: their interface language), and the full-text index
// of stored translations, so a reader finds a French fiche by the Spanish words they read.
// Triggers keep the index in step with every write of a translation, whatever the write path;
// rich text is indexed by its text nodes, never its JSON keys.
const plainOf = (row: "new" | "translations") =>
  `CASE ${row}.format WHEN 'rich' THEN (SELECT group_concat(value, ' ') FROM json_tree(${row}.text) WHERE key = 'text' AND type = 'text') ELSE ${row}.text END`;

export const sql = `
      ALTER TABLE users ADD COLUMN writing_language TEXT;

      CREATE VIRTUAL TABLE translation_text USING fts5(text, tokenize = "unicode61 remove_diacritics 2");
      CREATE TRIGGER translation_text_insert AFTER INSERT ON translations BEGIN
        INSERT INTO translation_text (rowid, text) VALUES (new.rowid, ${plainOf("new")});
      END;
      CREATE TRIGGER translation_text_update AFTER UPDATE OF text, format ON translations BEGIN
        DELETE FROM translation_text WHERE rowid = old.rowid;
        INSERT INTO translation_text (rowid, text) VALUES (new.rowid, ${plainOf("new")});
      END;
      CREATE TRIGGER translation_text_delete AFTER DELETE ON translations BEGIN
        DELETE FROM translation_text WHERE rowid = old.rowid;
      END;
      INSERT INTO translation_text (rowid, text) SELECT rowid, ${plainOf("translations")} FROM translations;
`;
