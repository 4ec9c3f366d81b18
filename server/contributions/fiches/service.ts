// Use cases of fiches navettes: writing the rows, the shuttle of feedback and replies,
// status, consent to circulate, and every save kept as a revision.
import {
  emptyFicheRows,
  ficheRowKeys,
  mayReadFiche,
  statusChangeAllowed,
  unsetConsent,
  type AuthorSide,
  type FicheRows,
  type FicheStatus,
} from "../../../shared/domain/fiches.js";
import { can } from "../../../shared/permissions.js";
import type { ConsentBody, CreateFicheBody, FicheRowsInput, UpdateFicheBody } from "../../../shared/schemas/contributions.js";
import type { RichTextDoc } from "../../../shared/richtext.js";
import { errors } from "../../errors.js";
import { newId, nowIso } from "../../ids.js";
import type { LiveEmitter } from "../../live/index.js";
import type { FicheRecord, FicheView, Storage } from "../../storage/port.js";
import { pageRequest } from "../paging.js";
import { requireAuthorOr, scopeOf, type Reader } from "../reader.js";
import type { SequenceService } from "../sequences/service.js";
import type { ContributionTranslation } from "../translatable.js";
import { presentFiche } from "./presenter.js";

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Applies the rows a writer sent; answers with the new rows and, per changed row, its new value. */
function applyRows(current: FicheRows, input: FicheRowsInput): { rows: FicheRows; changes: Record<string, unknown> } {
  const rows: FicheRows = { ...current, gridAnswers: { ...current.gridAnswers } };
  const changes: Record<string, unknown> = {};
  for (const key of ficheRowKeys) {
    if (key === "gridAnswers") {
      for (const [questionId, answer] of Object.entries(input.gridAnswers ?? {})) {
        if (same(current.gridAnswers[questionId], answer)) continue;
        rows.gridAnswers[questionId] = answer;
        changes[`gridAnswers.${questionId}`] = answer;
      }
    } else if (input[key] !== undefined && !same(current[key], input[key])) {
      (rows as unknown as Record<string, unknown>)[key] = input[key];
      changes[key] = input[key];
    }
  }
  return { rows, changes };
}

export function createFicheService(storage: Storage, live: LiveEmitter, sequences: SequenceService, written: ContributionTranslation["sourceChanged"] = () => {}) {
  const store = storage.fiches;

  async function requireReadable(reader: Reader, workshopId: string, ficheId: string): Promise<FicheView> {
    const fiche = await store.byId(workshopId, ficheId);
    // Someone else's draft does not exist for this reader.
    if (!fiche || !mayReadFiche(fiche, { userId: reader.userId, editsAny: scopeOf(reader).seesDrafts })) throw errors.notFound("fiche");
    return fiche;
  }

  /** Answers must be keyed by questions of the workshop's current reading grid. */
  async function checkGridAnswers(workshopId: string, rows: FicheRowsInput): Promise<void> {
    const asked = Object.keys(rows.gridAnswers ?? {});
    if (!asked.length) return;
    const grid = new Set((await storage.workshops.byId(workshopId))?.readingGrid.questions.map((q) => q.id));
    const unknown = asked.filter((questionId) => !grid.has(questionId));
    if (unknown.length) throw errors.validation(unknown.map((q) => ({ path: `rows.gridAnswers.${q}`, message: "is not a question of this workshop's reading grid" })));
  }

  /** Drafts reach only their authors and facilitators; everything else reaches the whole room. */
  async function publish(fiche: FicheView): Promise<void> {
    const payload = { workshopId: fiche.workshopId, fiche: presentFiche(fiche) };
    if (fiche.status !== "draft") return live.emit(fiche.workshopId, "fiche.updated", payload);
    const facilitators = (await storage.workshops.members(fiche.workshopId)).filter((m) => can(m.role, "fiche.editAny")).map((m) => m.userId);
    await live.emitTo(fiche.workshopId, [...fiche.authorIds, ...facilitators], "fiche.updated", payload);
  }

  /**
   * Saves one change to a fiche as a new version. `change` sees the latest state and returns
   * the next state with the rows it changed, or null when nothing changes; it runs again if
   * someone else saved in between, so its checks always judge the state actually saved.
   */
  async function revise(
    reader: Reader,
    workshopId: string,
    ficheId: string,
    change: (fiche: FicheView) => Promise<{ next: FicheRecord; changes: Record<string, unknown> } | null>,
  ): Promise<FicheView> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const fiche = await requireReadable(reader, workshopId, ficheId);
      const result = await change(fiche);
      if (!result) return fiche;
      const at = nowIso();
      const next = { ...result.next, version: fiche.version + 1, updatedAt: at, updatedBy: reader.userId };
      const revision = { ficheId, version: next.version, changedBy: reader.userId, changedAt: at, changes: result.changes };
      if (await store.update(next, fiche.version, revision)) {
        const saved = (await store.byId(workshopId, ficheId))!;
        await publish(saved);
        return saved;
      }
    }
    throw errors.conflict("edit_conflict", "this fiche keeps changing; reload it and try again");
  }

  async function requireWritableRows(reader: Reader, fiche: FicheView): Promise<void> {
    requireAuthorOr(reader, fiche.authorIds, "fiche.editAny", "fiche");
    if (fiche.status === "finalised") throw errors.conflict("fiche_finalised", "this fiche is finalised; a facilitator may reopen it");
    // Authors prepare drafts before the meeting opens the illustrate sequence.
    await sequences.requireWritable(fiche.workshopId, "fiche", { preparation: fiche.status === "draft" });
  }

  return {
    requireReadable,

    async create(reader: Reader, workshopId: string, body: CreateFicheBody): Promise<FicheView> {
      await sequences.requireWritable(workshopId, "fiche", { preparation: true });
      // Hosts write on the host side and observers on the guest side; facilitators choose.
      const roleSide: AuthorSide | null = reader.role === "host" ? "host" : reader.role === "observer" ? "guest" : null;
      if (roleSide && body.authorSide && body.authorSide !== roleSide) {
        throw errors.validation([{ path: "authorSide", message: `your role writes on the ${roleSide} side` }]);
      }
      const coAuthors = [...new Set(body.coAuthorIds)].filter((id) => id !== reader.userId);
      const members = await storage.workshops.members(workshopId);
      const problems = coAuthors
        .map((userId, index) => ({ userId, index }))
        .filter(({ userId }) => !can(members.find((m) => m.userId === userId)?.role, "fiche.create"))
        .map(({ index }) => ({ path: `coAuthorIds.${index}`, message: "is not a member who may write fiches" }));
      if (problems.length) throw errors.validation(problems);
      await checkGridAnswers(workshopId, body.rows);

      const { rows, changes } = applyRows(emptyFicheRows(), body.rows);
      const now = nowIso();
      const fiche: FicheRecord = {
        id: newId(),
        workshopId,
        status: "draft",
        authorSide: body.authorSide ?? roleSide ?? "host",
        authorIds: [reader.userId, ...coAuthors],
        rows,
        consent: { ...unsetConsent(), setBy: null, setAt: null },
        version: 1,
        createdBy: reader.userId,
        createdAt: now,
        updatedAt: now,
        updatedBy: reader.userId,
        submittedAt: null,
        finalisedAt: null,
      };
      await store.create(fiche, { ficheId: fiche.id, version: 1, changedBy: reader.userId, changedAt: now, changes });
      const saved = (await store.byId(workshopId, fiche.id))!;
      await publish(saved);
      written({ workshopId, targetKind: "fiche", targetId: fiche.id });
      return saved;
    },

    list: (reader: Reader, workshopId: string, query: { cursor?: string; limit: number; status?: FicheStatus }) =>
      store.list(workshopId, scopeOf(reader), { status: query.status }, pageRequest(query)),

    async updateRows(reader: Reader, workshopId: string, ficheId: string, body: UpdateFicheBody): Promise<FicheView> {
      await checkGridAnswers(workshopId, body.rows);
      const saved = await revise(reader, workshopId, ficheId, async (fiche) => {
        await requireWritableRows(reader, fiche);
        if (body.baseVersion > fiche.version) throw errors.validation([{ path: "baseVersion", message: `the fiche is at version ${fiche.version}` }]);
        const { rows, changes } = applyRows(fiche.rows, body.rows);
        if (!Object.keys(changes).length) return null;
        // Rows someone else changed since the writer's version would be overwritten: refuse those only.
        if (body.baseVersion < fiche.version) {
          const since = new Set(await store.changedSince(fiche.id, body.baseVersion));
          const clashes = Object.keys(changes).filter((key) => since.has(key));
          if (clashes.length) throw errors.conflict("edit_conflict", `changed meanwhile by someone else: ${clashes.join(", ")}`);
        }
        return { next: { ...fiche, rows }, changes };
      });
      written({ workshopId, targetKind: "fiche", targetId: ficheId });
      return saved;
    },

    async setStatus(reader: Reader, workshopId: string, ficheId: string, to: "submitted" | "finalised"): Promise<FicheView> {
      return revise(reader, workshopId, ficheId, async (fiche) => {
        if (fiche.status === to) return null;
        requireAuthorOr(reader, fiche.authorIds, "fiche.editAny", "fiche");
        const by = { isAuthor: fiche.authorIds.includes(reader.userId), editsAny: can(reader.role, "fiche.editAny") };
        if (!statusChangeAllowed(fiche.status, to, by)) throw errors.conflict("invalid_transition", `a ${fiche.status} fiche cannot become ${to} by your hand`);
        await sequences.requireWritable(workshopId, "fiche");
        const at = nowIso();
        const next = {
          ...fiche,
          status: to,
          submittedAt: fiche.submittedAt ?? at,
          finalisedAt: to === "finalised" ? at : null,
        };
        return { next, changes: { status: to } };
      });
    },

    /** Consent is never blocked by a closed sequence: withdrawing it must always be possible. */
    async setConsent(reader: Reader, workshopId: string, ficheId: string, body: ConsentBody): Promise<FicheView> {
      const saved = await revise(reader, workshopId, ficheId, async (fiche) => {
        const consent = { toParticipants: body.toParticipants, asWorkingDocument: body.asWorkingDocument, conditions: body.conditions };
        if (same(consent, { toParticipants: fiche.consent.toParticipants, asWorkingDocument: fiche.consent.asWorkingDocument, conditions: fiche.consent.conditions })) return null;
        return { next: { ...fiche, consent: { ...consent, setBy: reader.userId, setAt: nowIso() } }, changes: { consent } };
      });
      // The conditions are translatable text of the fiche.
      written({ workshopId, targetKind: "fiche", targetId: ficheId });
      return saved;
    },

    async addEntry(reader: Reader, workshopId: string, ficheId: string, kind: "observerFeedback" | "hostReply", body: RichTextDoc): Promise<FicheView> {
      const fiche = await requireReadable(reader, workshopId, ficheId);
      if (fiche.status === "draft") throw errors.conflict("fiche_not_submitted", "feedback and replies come once the fiche is submitted");
      if (fiche.status === "finalised") throw errors.conflict("fiche_finalised", "this fiche is finalised; a facilitator may reopen it");
      await sequences.requireWritable(workshopId, "ficheFeedback");
      const entryId = newId();
      await store.addEntry({ id: entryId, ficheId, workshopId, kind, body, authorId: reader.userId, createdAt: nowIso() });
      const saved = (await store.byId(workshopId, ficheId))!;
      await publish(saved);
      written({ workshopId, targetKind: "ficheEntry", targetId: entryId });
      return saved;
    },

    async revisions(reader: Reader, workshopId: string, ficheId: string, query: { cursor?: string; limit: number }) {
      await requireReadable(reader, workshopId, ficheId);
      return store.revisions(ficheId, pageRequest(query));
    },
  };
}

export type FicheService = ReturnType<typeof createFicheService>;
