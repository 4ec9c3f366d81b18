// Sequences (illustrate, debate, propose) and the agenda of a workshop in SQLite.
import type Database from "better-sqlite3";
import type { SequenceKind, SequenceStatus } from "../../../shared/domain/sequences.js";
import type { AgendaSlotRecord, SequenceStore } from "../port.js";
import { maybePersonOf, parseJson, preparedStatements } from "./contributions.js";
import type { Row } from "./row.js";

const toSlot = (r: Row): AgendaSlotRecord => ({
  id: r.id as string,
  workshopId: r.workshop_id as string,
  startsAt: r.starts_at as string,
  endsAt: r.ends_at as string,
  place: r.place as string,
  title: r.title as string,
  presenters: parseJson(r.presenters),
  framingQuestions: parseJson(r.framing_questions),
  sequence: (r.sequence as SequenceKind | null) ?? null,
  createdAt: r.created_at as string,
  updatedAt: r.updated_at as string,
});

export function sequenceStore(db: Database.Database): SequenceStore {
  const prepared = preparedStatements(db);
  const statusOf = prepared("SELECT status FROM sequences WHERE workshop_id = ? AND kind = ?");
  const upsert = prepared(
    `INSERT INTO sequences (workshop_id, kind, status, opened_at, closed_at, updated_by)
     VALUES (@workshopId, @kind, @to, @openedAt, @closedAt, @by)
     ON CONFLICT (workshop_id, kind) DO UPDATE SET status = excluded.status, updated_by = excluded.updated_by,
       opened_at = COALESCE(excluded.opened_at, opened_at), closed_at = excluded.closed_at`,
  );
  const transitionTx = db.transaction(
    (c: { workshopId: string; kind: SequenceKind; from: SequenceStatus; to: SequenceStatus; by: string; at: string }): boolean => {
      const current = ((statusOf.get(c.workshopId, c.kind) as Row | undefined)?.status as SequenceStatus | undefined) ?? "upcoming";
      if (current !== c.from) return false;
      // Reopening keeps the first opening time and clears the closing time.
      upsert.run({ ...c, openedAt: c.to === "open" ? c.at : null, closedAt: c.to === "closed" ? c.at : null });
      return true;
    },
  );

  return {
    async list(workshopId) {
      const rows = prepared("SELECT s.*, u.display_name AS updated_by_name FROM sequences s LEFT JOIN users u ON u.id = s.updated_by WHERE s.workshop_id = ?")
        .all(workshopId) as Row[];
      return rows.map((r) => ({
        workshopId,
        kind: r.kind as SequenceKind,
        status: r.status as SequenceStatus,
        openedAt: (r.opened_at as string | null) ?? null,
        closedAt: (r.closed_at as string | null) ?? null,
        updatedBy: maybePersonOf(r, "updated_by", "updated_by_name"),
      }));
    },
    async transition(change) {
      return transitionTx(change);
    },
    async agenda(workshopId) {
      const slots = (prepared("SELECT * FROM agenda_slots WHERE workshop_id = ?").all(workshopId) as Row[]).map(toSlot);
      // Times carry their own offsets, so order by instant rather than by text.
      return slots.sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.id.localeCompare(b.id));
    },
    async saveAgendaSlot(s) {
      prepared(
        `INSERT INTO agenda_slots (id, workshop_id, starts_at, ends_at, place, title, presenters, framing_questions, sequence, created_at, updated_at)
         VALUES (@id, @workshopId, @startsAt, @endsAt, @place, @title, @presenters, @framingQuestions, @sequence, @createdAt, @updatedAt)
         ON CONFLICT (id) DO UPDATE SET starts_at = excluded.starts_at, ends_at = excluded.ends_at, place = excluded.place, title = excluded.title,
           presenters = excluded.presenters, framing_questions = excluded.framing_questions, sequence = excluded.sequence, updated_at = excluded.updated_at`,
      ).run({ ...s, presenters: JSON.stringify(s.presenters), framingQuestions: JSON.stringify(s.framingQuestions) });
    },
    async deleteAgendaSlot(workshopId, id) {
      return prepared("DELETE FROM agenda_slots WHERE workshop_id = ? AND id = ?").run(workshopId, id).changes > 0;
    },
  };
}
