// Use cases of workshops, members and invitations. Plain TypeScript: no HTTP or socket types.
import type { Role } from "../../shared/permissions.js";
import type { CreateInvitationBody, CreateSeriesBody, CreateWorkshopBody, ReadingGridInput, Series, UpdateWorkshopBody } from "../../shared/schemas/workshops.js";
import { errors } from "../errors.js";
import { hashSecret, newId, newSecret, nowIso } from "../ids.js";
import type { InvitationRecord, ReadingGridRecord, SeriesRecord, Storage, WorkshopRecord } from "../storage/port.js";

/** Tells everyone in a workshop's live room that something changed. */
export type Notify = (workshopId: string, event: "workshop.updated" | "members.updated") => void;

function newQuestionId(taken: Set<string>): string {
  let n = taken.size + 1;
  while (taken.has(`q${n}`)) n++;
  return `q${n}`;
}

/** Gives new questions fresh ids and keeps the ids of existing ones, so translations stay attached. */
export function nextReadingGrid(current: ReadingGridRecord | null, input: ReadingGridInput): ReadingGridRecord {
  const taken = new Set<string>([...(current?.questions ?? []).map((q) => q.id), ...input.flatMap((q) => (q.id ? [q.id] : []))]);
  const questions = input.map((q) => {
    if (q.id) return { id: q.id, text: q.text };
    const fresh = newQuestionId(taken);
    taken.add(fresh);
    return { id: fresh, text: q.text };
  });
  if (!current) return { version: 1, questions };
  const unchanged = JSON.stringify(current.questions) === JSON.stringify(questions);
  return unchanged ? current : { version: current.version + 1, questions };
}

export function invitationState(inv: InvitationRecord, now = nowIso()): "ok" | "expired" | "used" | "revoked" {
  if (inv.revoked) return "revoked";
  if (inv.expiresAt <= now) return "expired";
  if (inv.uses >= inv.maxUses) return "used";
  return "ok";
}

function presentSeries(record: SeriesRecord, stages: WorkshopRecord[], memberships: { workshopId: string; role: Role }[]): Series {
  const roleIn = new Map(memberships.map((m) => [m.workshopId, m.role]));
  return {
    id: record.id,
    title: record.title,
    description: record.description,
    createdAt: record.createdAt,
    stages: stages.map((w) => ({ workshopId: w.id, title: w.title, myRole: roleIn.get(w.id) ?? null })),
    canAddWorkshops: memberships.some((m) => m.role === "facilitator"),
  };
}

export function createWorkshopService(storage: Storage, notify: Notify) {
  const store = storage.workshops;

  async function requireWorkshop(id: string): Promise<WorkshopRecord> {
    const workshop = await store.byId(id);
    if (!workshop) throw errors.notFound("workshop");
    return workshop;
  }

  async function requireOutsideSeries(workshopId: string): Promise<WorkshopRecord> {
    const workshop = await requireWorkshop(workshopId);
    if (workshop.seriesId) throw errors.conflict("in_series", "this workshop is already part of a series; leave it first");
    return workshop;
  }

  async function moveToSeries(workshop: WorkshopRecord, seriesId: string | null): Promise<void> {
    await store.update({ ...workshop, seriesId, updatedAt: nowIso() });
    notify(workshop.id, "workshop.updated");
  }

  return {
    requireWorkshop,

    async create(creatorId: string, body: CreateWorkshopBody): Promise<WorkshopRecord> {
      const now = nowIso();
      const workshop: WorkshopRecord = {
        id: newId(),
        seriesId: null,
        title: body.title,
        description: body.description,
        theme: body.theme,
        languages: body.languages,
        readingGrid: nextReadingGrid(null, body.readingGrid),
        createdBy: creatorId,
        createdAt: now,
        updatedAt: now,
      };
      await store.create(workshop, "facilitator");
      return workshop;
    },

    listForUser: (userId: string) => store.listForUser(userId),

    /** What a workshop's presentation needs beyond its record. */
    async context(workshop: WorkshopRecord) {
      const [memberCount, series] = await Promise.all([
        store.memberCount(workshop.id),
        workshop.seriesId ? store.seriesById(workshop.seriesId) : null,
      ]);
      return { memberCount, series };
    },

    async update(workshopId: string, body: UpdateWorkshopBody): Promise<WorkshopRecord> {
      const current = await requireWorkshop(workshopId);
      const next: WorkshopRecord = {
        ...current,
        ...(body.title !== undefined && { title: body.title }),
        ...(body.description !== undefined && { description: body.description }),
        ...(body.theme !== undefined && { theme: body.theme }),
        ...(body.languages !== undefined && { languages: body.languages }),
        readingGrid: body.readingGrid ? nextReadingGrid(current.readingGrid, body.readingGrid) : current.readingGrid,
        updatedAt: nowIso(),
      };
      await store.update(next);
      notify(workshopId, "workshop.updated");
      return next;
    },

    members: (workshopId: string) => store.members(workshopId),

    /** A series with its stages, for a member of any of them; a stranger gets 404, as for workshops. */
    async series(seriesId: string, userId: string): Promise<Series> {
      const [record, memberships] = await Promise.all([store.seriesById(seriesId), store.seriesMemberships(seriesId, userId)]);
      if (!record || memberships.length === 0) throw errors.notFound("series");
      return presentSeries(record, await store.listInSeries(seriesId), memberships);
    },

    /** Series in which I facilitate a workshop: where I may add another of my workshops. */
    async seriesIFacilitate(userId: string): Promise<Series[]> {
      const ids = new Set((await store.listForUser(userId)).filter((w) => w.seriesId && w.role === "facilitator").map((w) => w.seriesId!));
      return Promise.all([...ids].map((seriesId) => this.series(seriesId, userId)));
    },

    /** Starts a series with this workshop as its first stage. */
    async createSeries(workshopId: string, userId: string, body: CreateSeriesBody): Promise<Series> {
      const workshop = await requireOutsideSeries(workshopId);
      const record: SeriesRecord = { id: newId(), title: body.title, description: body.description, createdBy: userId, createdAt: nowIso() };
      await store.createSeries(record);
      await moveToSeries(workshop, record.id);
      return this.series(record.id, userId);
    },

    /** Adds this workshop to a series whose workshops I facilitate at least one of. */
    async joinSeries(workshopId: string, userId: string, seriesId: string): Promise<Series> {
      const memberships = await store.seriesMemberships(seriesId, userId);
      if (!(await store.seriesById(seriesId)) || memberships.length === 0) throw errors.notFound("series");
      if (!memberships.some((m) => m.role === "facilitator")) throw errors.forbidden("add a workshop to a series you do not facilitate");
      const workshop = await requireWorkshop(workshopId);
      if (workshop.seriesId !== seriesId) await moveToSeries(await requireOutsideSeries(workshopId), seriesId);
      return this.series(seriesId, userId);
    },

    /** The workshop leaves its series; its members no longer read the series' synthesis, which stays with the other stages. */
    async leaveSeries(workshopId: string): Promise<void> {
      const workshop = await requireWorkshop(workshopId);
      if (workshop.seriesId) await moveToSeries(workshop, null);
    },

    async changeRole(workshopId: string, userId: string, role: Role) {
      const members = await store.members(workshopId);
      const target = members.find((m) => m.userId === userId);
      if (!target) throw errors.notFound("member");
      const facilitators = members.filter((m) => m.role === "facilitator").length;
      if (target.role === "facilitator" && role !== "facilitator" && facilitators === 1) {
        throw errors.conflict("last_facilitator", "a workshop keeps at least one facilitator");
      }
      await store.setRole(workshopId, userId, role);
      notify(workshopId, "members.updated");
      return { ...target, role };
    },

    async createInvitation(workshopId: string, createdBy: string, body: CreateInvitationBody): Promise<InvitationRecord> {
      const token = newSecret();
      const now = new Date();
      const invitation: InvitationRecord = {
        id: newId(),
        workshopId,
        token,
        tokenHash: hashSecret(token),
        role: body.role,
        createdBy,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + body.expiresInDays * 24 * 3600 * 1000).toISOString(),
        maxUses: body.maxUses,
        uses: 0,
        revoked: false,
      };
      await store.createInvitation(invitation);
      return invitation;
    },

    listInvitations: (workshopId: string) => store.listInvitations(workshopId),

    async revokeInvitation(workshopId: string, invitationId: string): Promise<void> {
      if (!(await store.revokeInvitation(workshopId, invitationId))) throw errors.notFound("invitation");
    },

    async previewInvitation(token: string) {
      const invitation = await store.invitationByHash(hashSecret(token));
      if (!invitation) throw errors.notFound("invitation");
      const workshop = await requireWorkshop(invitation.workshopId);
      const reason = invitationState(invitation);
      return { workshopId: workshop.id, workshopTitle: workshop.title, role: invitation.role, usable: reason === "ok", reason };
    },

    async acceptInvitation(token: string, userId: string): Promise<{ workshopId: string; role: Role }> {
      const result = await store.acceptInvitation(hashSecret(token), userId, nowIso());
      switch (result.status) {
        case "accepted":
          notify(result.workshopId, "members.updated");
          return { workshopId: result.workshopId, role: result.role };
        case "already_member":
          return { workshopId: result.workshopId, role: result.role };
        case "not_found":
          throw errors.notFound("invitation");
        case "expired":
        case "revoked":
          throw errors.gone("invitation_expired", "this invitation link is no longer valid");
        case "used":
          throw errors.gone("invitation_used", "this invitation link has been used up");
      }
    },
  };
}

export type WorkshopService = ReturnType<typeof createWorkshopService>;
