// Use cases of workshops, members and invitations. Plain TypeScript: no HTTP or socket types.
import type { Role } from "../../shared/permissions.js";
import type { CreateInvitationBody, CreateWorkshopBody, ReadingGridInput, UpdateWorkshopBody } from "../../shared/schemas/workshops.js";
import { errors } from "../errors.js";
import { hashSecret, newId, newSecret, nowIso } from "../ids.js";
import type { InvitationRecord, ReadingGridRecord, Storage, WorkshopRecord } from "../storage/port.js";

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

export function createWorkshopService(storage: Storage, notify: Notify) {
  const store = storage.workshops;

  async function requireWorkshop(id: string): Promise<WorkshopRecord> {
    const workshop = await store.byId(id);
    if (!workshop) throw errors.notFound("workshop");
    return workshop;
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
