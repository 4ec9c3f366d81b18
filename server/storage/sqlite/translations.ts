// Stored translations and source-language corrections in SQLite.
import type Database from "better-sqlite3";
import type { FieldFormat, TranslationOrigin, TranslationStatus, TranslationTargetKind } from "../../../shared/domain/translations.js";
import type { TranslationKey, TranslationRecord, TranslationStore } from "../port.js";
import type { Row } from "./row.js";

const toRecord = (r: Row): TranslationRecord => ({
  workshopId: r.workshop_id as string,
  targetKind: r.target_kind as TranslationTargetKind,
  targetId: r.target_id as string,
  field: r.field as string,
  language: r.language as string,
  format: r.format as FieldFormat,
  text: r.text as string,
  origin: r.origin as TranslationOrigin,
  provider: (r.provider as string | null) ?? null,
  translatorId: (r.translator_id as string | null) ?? null,
  status: r.status as TranslationStatus,
  sourceHash: r.source_hash as string,
  sourceLanguage: r.source_language as string,
  reviewedBy: (r.reviewed_by as string | null) ?? null,
  reviewedAt: (r.reviewed_at as string | null) ?? null,
  createdAt: r.created_at as string,
  updatedAt: r.updated_at as string,
});

const keyWhere = "workshop_id = @workshopId AND target_kind = @targetKind AND target_id = @targetId AND field = @field AND language = @language";
const keyOf = (k: TranslationKey) => ({ workshopId: k.workshopId, targetKind: k.targetKind, targetId: k.targetId, field: k.field, language: k.language });

const insert = `INSERT INTO translations (workshop_id, target_kind, target_id, field, language, format, text, origin, provider, translator_id, status,
    source_hash, source_language, reviewed_by, reviewed_at, created_at, updated_at)
  VALUES (@workshopId, @targetKind, @targetId, @field, @language, @format, @text, @origin, @provider, @translatorId, @status,
    @sourceHash, @sourceLanguage, @reviewedBy, @reviewedAt, @createdAt, @updatedAt)
  ON CONFLICT (workshop_id, target_kind, target_id, field, language) DO UPDATE SET format = excluded.format, text = excluded.text,
    origin = excluded.origin, provider = excluded.provider, translator_id = excluded.translator_id, status = excluded.status,
    source_hash = excluded.source_hash, source_language = excluded.source_language, reviewed_by = excluded.reviewed_by,
    reviewed_at = excluded.reviewed_at, updated_at = excluded.updated_at`;

export function translationStore(db: Database.Database): TranslationStore {
  const get = db.prepare(`SELECT * FROM translations WHERE ${keyWhere}`);
  const saveHuman = db.prepare(insert);
  // The guard sits in the upsert itself: SQLite writes one statement at a time, so no human
  // save can slip between the check and the write (shared/domain/translations.ts machineMayWrite).
  const saveMachine = db.prepare(`${insert} WHERE translations.origin = 'machine' AND translations.status = 'draft'`);
  const byTarget = db.prepare("SELECT * FROM translations WHERE workshop_id = ? AND target_kind = ? AND target_id = ? ORDER BY field, language");
  const byTargetLanguage = db.prepare("SELECT * FROM translations WHERE workshop_id = ? AND target_kind = ? AND target_id = ? AND language = ? ORDER BY field");
  const byLanguage = db.prepare("SELECT * FROM translations WHERE workshop_id = ? AND language = ?");
  const review = db.prepare(`UPDATE translations SET status = 'reviewed', reviewed_by = @by, reviewed_at = @at WHERE ${keyWhere} AND updated_at = @expected`);
  const confirm = db.prepare(`UPDATE translations SET source_hash = @sourceHash, updated_at = @at WHERE ${keyWhere}`);
  const setLanguage = db.prepare(
    `INSERT INTO source_languages (workshop_id, target_kind, target_id, language, set_by, set_at) VALUES (@workshopId, @targetKind, @targetId, @language, @setBy, @setAt)
     ON CONFLICT (workshop_id, target_kind, target_id) DO UPDATE SET language = excluded.language, set_by = excluded.set_by, set_at = excluded.set_at`,
  );
  const languageOf = db.prepare("SELECT language FROM source_languages WHERE workshop_id = ? AND target_kind = ? AND target_id = ?");

  return {
    async get(key) {
      const row = get.get(keyOf(key)) as Row | undefined;
      return row ? toRecord(row) : null;
    },
    async listForTarget(workshopId, targetKind, targetId, language) {
      const rows = (language ? byTargetLanguage.all(workshopId, targetKind, targetId, language) : byTarget.all(workshopId, targetKind, targetId)) as Row[];
      return rows.map(toRecord);
    },
    async listForLanguage(workshopId, language) {
      return (byLanguage.all(workshopId, language) as Row[]).map(toRecord);
    },
    async saveHuman(record) {
      saveHuman.run(record);
    },
    async saveMachine(record) {
      return saveMachine.run(record).changes > 0;
    },
    async markReviewed(key, by, at, expectedUpdatedAt) {
      return review.run({ ...keyOf(key), by, at, expected: expectedUpdatedAt }).changes > 0;
    },
    async confirm(key, sourceHash, at) {
      return confirm.run({ ...keyOf(key), sourceHash, at }).changes > 0;
    },
    async setSourceLanguage(entry) {
      setLanguage.run(entry);
    },
    async sourceLanguage(workshopId, targetKind, targetId) {
      return ((languageOf.get(workshopId, targetKind, targetId) as Row | undefined)?.language as string | undefined) ?? null;
    },
  };
}
