// The public shapes of workshops, members and invitations: what leaves the server.
import type { Role } from "../../shared/permissions.js";
import type { Invitation, Member, Workshop } from "../../shared/schemas/workshops.js";
import type { InvitationRecord, MemberView, SeriesRecord, WorkshopRecord } from "../storage/port.js";

export const presentWorkshop = (w: WorkshopRecord, myRole: Role, memberCount: number, series: SeriesRecord | null): Workshop => ({
  id: w.id,
  series: series ? { id: series.id, title: series.title } : null,
  title: w.title,
  description: w.description,
  theme: w.theme,
  languages: w.languages,
  readingGrid: w.readingGrid,
  createdAt: w.createdAt,
  updatedAt: w.updatedAt,
  myRole,
  memberCount,
});

export const presentMember = (m: MemberView): Member => ({
  userId: m.userId,
  displayName: m.displayName,
  language: m.language,
  role: m.role,
  joinedAt: m.joinedAt,
});

export const presentInvitation = (i: InvitationRecord): Invitation => ({
  id: i.id,
  role: i.role,
  token: i.token,
  path: `/invite/${i.token}`,
  expiresAt: i.expiresAt,
  maxUses: i.maxUses,
  uses: i.uses,
  revoked: i.revoked,
  createdAt: i.createdAt,
});
