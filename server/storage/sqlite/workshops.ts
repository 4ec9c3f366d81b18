// Series, workshops, reading-grid versions, memberships and invitations in SQLite.
import type Database from "better-sqlite3";
import type { Role } from "../../../shared/permissions.js";
import type { AcceptResult, InvitationRecord, MemberView, MembershipRecord, ReadingGridRecord, WorkshopRecord, WorkshopStore } from "../port.js";
import type { Row } from "./row.js";

const toInvitation = (r: Row): InvitationRecord => ({
  id: r.id as string,
  workshopId: r.workshop_id as string,
  tokenHash: r.token_hash as string,
  token: r.token as string,
  role: r.role as Role,
  createdBy: r.created_by as string,
  createdAt: r.created_at as string,
  expiresAt: r.expires_at as string,
  maxUses: r.max_uses as number,
  uses: r.uses as number,
  revoked: Boolean(r.revoked),
});

export function workshopStore(db: Database.Database): WorkshopStore {
  const grid = (workshopId: string, version: number): ReadingGridRecord => {
    const r = db
      .prepare("SELECT questions FROM reading_grid_versions WHERE workshop_id = ? AND version = ?")
      .get(workshopId, version) as Row | undefined;
    return { version, questions: r ? JSON.parse(r.questions as string) : [] };
  };
  const toWorkshop = (r: Row): WorkshopRecord => ({
    id: r.id as string,
    seriesId: (r.series_id as string | null) ?? null,
    title: r.title as string,
    description: r.description as string,
    theme: r.theme as string,
    languages: JSON.parse(r.languages as string),
    readingGrid: grid(r.id as string, r.grid_version as number),
    createdBy: r.created_by as string,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
  });
  const insertGrid = (workshopId: string, g: ReadingGridRecord) =>
    db
      .prepare("INSERT OR IGNORE INTO reading_grid_versions (workshop_id, version, questions) VALUES (?, ?, ?)")
      .run(workshopId, g.version, JSON.stringify(g.questions));
  const insertMember = db.prepare("INSERT INTO memberships (workshop_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)");
  const membership = (workshopId: string, userId: string): MembershipRecord | null => {
    const r = db.prepare("SELECT * FROM memberships WHERE workshop_id = ? AND user_id = ?").get(workshopId, userId) as Row | undefined;
    return r ? { workshopId, userId, role: r.role as Role, joinedAt: r.joined_at as string } : null;
  };

  const createTx = db.transaction((w: WorkshopRecord, role: Role) => {
    db.prepare(
      `INSERT INTO workshops (id, series_id, title, description, theme, languages, grid_version, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(w.id, w.seriesId, w.title, w.description, w.theme, JSON.stringify(w.languages), w.readingGrid.version, w.createdBy, w.createdAt, w.updatedAt);
    insertGrid(w.id, w.readingGrid);
    insertMember.run(w.id, w.createdBy, role, w.createdAt);
  });

  const updateTx = db.transaction((w: WorkshopRecord) => {
    insertGrid(w.id, w.readingGrid);
    db.prepare(
      "UPDATE workshops SET series_id = ?, title = ?, description = ?, theme = ?, languages = ?, grid_version = ?, updated_at = ? WHERE id = ?",
    ).run(w.seriesId, w.title, w.description, w.theme, JSON.stringify(w.languages), w.readingGrid.version, w.updatedAt, w.id);
  });

  const acceptTx = db.transaction((tokenHash: string, userId: string, now: string): AcceptResult => {
    const r = db.prepare("SELECT * FROM invitations WHERE token_hash = ?").get(tokenHash) as Row | undefined;
    if (!r) return { status: "not_found" };
    const inv = toInvitation(r);
    const existing = membership(inv.workshopId, userId);
    if (existing) return { status: "already_member", role: existing.role, workshopId: inv.workshopId };
    if (inv.revoked) return { status: "revoked" };
    if (inv.expiresAt <= now) return { status: "expired" };
    if (inv.uses >= inv.maxUses) return { status: "used" };
    db.prepare("UPDATE invitations SET uses = uses + 1 WHERE id = ?").run(inv.id);
    insertMember.run(inv.workshopId, userId, inv.role, now);
    return { status: "accepted", role: inv.role, workshopId: inv.workshopId };
  });

  return {
    async createSeries(x) {
      db.prepare("INSERT INTO series (id, title, description, created_by, created_at) VALUES (?, ?, ?, ?, ?)").run(
        x.id,
        x.title,
        x.description,
        x.createdBy,
        x.createdAt,
      );
    },
    async seriesById(id) {
      const r = db.prepare("SELECT * FROM series WHERE id = ?").get(id) as Row | undefined;
      return r
        ? { id: r.id as string, title: r.title as string, description: r.description as string, createdBy: r.created_by as string, createdAt: r.created_at as string }
        : null;
    },
    async create(w, role) {
      createTx(w, role);
    },
    async byId(id) {
      const r = db.prepare("SELECT * FROM workshops WHERE id = ?").get(id) as Row | undefined;
      return r ? toWorkshop(r) : null;
    },
    async update(w) {
      updateTx(w);
    },
    async gridVersions(workshopId) {
      return (
        db.prepare("SELECT version, questions FROM reading_grid_versions WHERE workshop_id = ? ORDER BY version").all(workshopId) as Row[]
      ).map((r) => ({ version: r.version as number, questions: JSON.parse(r.questions as string) }));
    },
    async listForUser(userId) {
      const rows = db
        .prepare(
          `SELECT w.*, m.role AS my_role, (SELECT COUNT(*) FROM memberships c WHERE c.workshop_id = w.id) AS member_count
           FROM workshops w JOIN memberships m ON m.workshop_id = w.id
           WHERE m.user_id = ? ORDER BY w.updated_at DESC`,
        )
        .all(userId) as Row[];
      return rows.map((r) => ({ ...toWorkshop(r), role: r.my_role as Role, memberCount: r.member_count as number }));
    },
    async memberCount(workshopId) {
      return (db.prepare("SELECT COUNT(*) AS n FROM memberships WHERE workshop_id = ?").get(workshopId) as { n: number }).n;
    },
    async membership(workshopId, userId) {
      return membership(workshopId, userId);
    },
    async listInSeries(seriesId) {
      return (db.prepare("SELECT * FROM workshops WHERE series_id = ? ORDER BY created_at, id").all(seriesId) as Row[]).map(toWorkshop);
    },
    async seriesMemberships(seriesId, userId) {
      const rows = db
        .prepare(
          `SELECT m.* FROM memberships m JOIN workshops w ON w.id = m.workshop_id
           WHERE w.series_id = ? AND m.user_id = ? ORDER BY w.created_at, w.id`,
        )
        .all(seriesId, userId) as Row[];
      return rows.map((r) => ({ workshopId: r.workshop_id as string, userId, role: r.role as Role, joinedAt: r.joined_at as string }));
    },
    async members(workshopId) {
      const rows = db
        .prepare(
          `SELECT m.*, u.display_name, u.language FROM memberships m JOIN users u ON u.id = m.user_id
           WHERE m.workshop_id = ? ORDER BY m.joined_at, u.display_name`,
        )
        .all(workshopId) as Row[];
      return rows.map(
        (r): MemberView => ({
          workshopId,
          userId: r.user_id as string,
          role: r.role as Role,
          joinedAt: r.joined_at as string,
          displayName: r.display_name as string,
          language: r.language as string,
        }),
      );
    },
    async addMember(m) {
      insertMember.run(m.workshopId, m.userId, m.role, m.joinedAt);
    },
    async setRole(workshopId, userId, role) {
      return db.prepare("UPDATE memberships SET role = ? WHERE workshop_id = ? AND user_id = ?").run(role, workshopId, userId).changes > 0;
    },
    async createInvitation(i) {
      db.prepare(
        `INSERT INTO invitations (id, workshop_id, token_hash, token, role, created_by, created_at, expires_at, max_uses, uses, revoked)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(i.id, i.workshopId, i.tokenHash, i.token, i.role, i.createdBy, i.createdAt, i.expiresAt, i.maxUses, i.uses, i.revoked ? 1 : 0);
    },
    async invitationByHash(hash) {
      const r = db.prepare("SELECT * FROM invitations WHERE token_hash = ?").get(hash) as Row | undefined;
      return r ? toInvitation(r) : null;
    },
    async listInvitations(workshopId) {
      return (db.prepare("SELECT * FROM invitations WHERE workshop_id = ? ORDER BY created_at DESC").all(workshopId) as Row[]).map(
        toInvitation,
      );
    },
    async revokeInvitation(workshopId, id) {
      return db.prepare("UPDATE invitations SET revoked = 1 WHERE workshop_id = ? AND id = ?").run(workshopId, id).changes > 0;
    },
    async acceptInvitation(tokenHash, userId, now) {
      return acceptTx(tokenHash, userId, now);
    },
  };
}
