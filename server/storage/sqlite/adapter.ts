// The embedded default adapter: one SQLite file through better-sqlite3, in WAL mode.
// Calls are synchronous underneath; the port is async so a networked adapter fits.
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Role } from "../../../shared/permissions.js";
import type {
  AcceptResult,
  ApiTokenRecord,
  CredentialStore,
  InvitationRecord,
  MemberView,
  MembershipRecord,
  ReadingGridRecord,
  SessionRecord,
  Storage,
  UserRecord,
  UserStore,
  WorkshopRecord,
  WorkshopStore,
  YjsLog,
} from "../port.js";
import { migrations } from "./migrations.js";

type Row = Record<string, unknown>;

function migrate(db: Database.Database): void {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
  const applied = new Set(
    (db.prepare("SELECT version FROM schema_migrations").all() as { version: number }[]).map((r) => r.version),
  );
  for (const step of migrations) {
    if (applied.has(step.version)) continue;
    db.transaction(() => {
      db.exec(step.sql);
      db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)").run(step.version, new Date().toISOString());
    })();
  }
}

const toUser = (r: Row): UserRecord => ({
  id: r.id as string,
  email: r.email as string,
  displayName: r.display_name as string,
  language: r.language as string,
  passwordHash: r.password_hash as string,
  createdAt: r.created_at as string,
});

const toSession = (r: Row): SessionRecord => ({
  tokenHash: r.token_hash as string,
  userId: r.user_id as string,
  createdAt: r.created_at as string,
  expiresAt: r.expires_at as string,
});

const toApiToken = (r: Row): ApiTokenRecord => ({
  id: r.id as string,
  userId: r.user_id as string,
  name: r.name as string,
  tokenHash: r.token_hash as string,
  createdAt: r.created_at as string,
  lastUsedAt: (r.last_used_at as string | null) ?? null,
});

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

const toBytes = (value: unknown): Uint8Array => new Uint8Array(value as Buffer);

function userStore(db: Database.Database): UserStore {
  return {
    async create(u) {
      db.prepare(
        "INSERT INTO users (id, email, display_name, language, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      ).run(u.id, u.email, u.displayName, u.language, u.passwordHash, u.createdAt);
    },
    async byId(id) {
      const r = db.prepare("SELECT * FROM users WHERE id = ?").get(id) as Row | undefined;
      return r ? toUser(r) : null;
    },
    async byEmail(email) {
      const r = db.prepare("SELECT * FROM users WHERE email = ?").get(email) as Row | undefined;
      return r ? toUser(r) : null;
    },
    async update(id, changes) {
      if (changes.displayName !== undefined) db.prepare("UPDATE users SET display_name = ? WHERE id = ?").run(changes.displayName, id);
      if (changes.language !== undefined) db.prepare("UPDATE users SET language = ? WHERE id = ?").run(changes.language, id);
      return this.byId(id);
    },
  };
}

function credentialStore(db: Database.Database): CredentialStore {
  return {
    async createSession(s) {
      db.prepare("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)").run(
        s.tokenHash,
        s.userId,
        s.createdAt,
        s.expiresAt,
      );
    },
    async sessionByHash(hash) {
      const r = db.prepare("SELECT * FROM sessions WHERE token_hash = ?").get(hash) as Row | undefined;
      return r ? toSession(r) : null;
    },
    async deleteSession(hash) {
      db.prepare("DELETE FROM sessions WHERE token_hash = ?").run(hash);
    },
    async deleteExpiredSessions(now) {
      return db.prepare("DELETE FROM sessions WHERE expires_at <= ?").run(now).changes;
    },
    async createApiToken(t) {
      db.prepare(
        "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?)",
      ).run(t.id, t.userId, t.name, t.tokenHash, t.createdAt, t.lastUsedAt);
    },
    async apiTokenByHash(hash) {
      const r = db.prepare("SELECT * FROM api_tokens WHERE token_hash = ?").get(hash) as Row | undefined;
      return r ? toApiToken(r) : null;
    },
    async listApiTokens(userId) {
      return (db.prepare("SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at").all(userId) as Row[]).map(toApiToken);
    },
    async deleteApiToken(userId, id) {
      return db.prepare("DELETE FROM api_tokens WHERE user_id = ? AND id = ?").run(userId, id).changes > 0;
    },
    async touchApiToken(id, at) {
      db.prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?").run(at, id);
    },
  };
}

function workshopStore(db: Database.Database): WorkshopStore {
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
      "UPDATE workshops SET title = ?, description = ?, theme = ?, languages = ?, grid_version = ?, updated_at = ? WHERE id = ?",
    ).run(w.title, w.description, w.theme, JSON.stringify(w.languages), w.readingGrid.version, w.updatedAt, w.id);
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

function yjsLog(db: Database.Database): YjsLog {
  const nextSeq = db.prepare(
    `SELECT MAX(s) AS seq FROM (
       SELECT MAX(seq) AS s FROM yjs_updates WHERE doc_name = ?
       UNION ALL SELECT up_to_seq AS s FROM yjs_snapshots WHERE doc_name = ?)`,
  );
  const insert = db.prepare("INSERT INTO yjs_updates (doc_name, seq, data) VALUES (?, ?, ?)");
  const append = db.transaction((docName: string, update: Uint8Array) => {
    const seq = (((nextSeq.get(docName, docName) as { seq: number | null }).seq ?? 0) as number) + 1;
    insert.run(docName, seq, Buffer.from(update.buffer, update.byteOffset, update.byteLength));
    return seq;
  });
  const compactTx = db.transaction((docName: string, snapshot: Uint8Array, upToSeq: number) => {
    db.prepare(
      `INSERT INTO yjs_snapshots (doc_name, data, up_to_seq) VALUES (?, ?, ?)
       ON CONFLICT(doc_name) DO UPDATE SET data = excluded.data, up_to_seq = excluded.up_to_seq`,
    ).run(docName, Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength), upToSeq);
    db.prepare("DELETE FROM yjs_updates WHERE doc_name = ? AND seq <= ?").run(docName, upToSeq);
  });
  return {
    async appendUpdate(docName, update) {
      return append(docName, update);
    },
    async load(docName) {
      const snap = db.prepare("SELECT data FROM yjs_snapshots WHERE doc_name = ?").get(docName) as Row | undefined;
      const rows = db.prepare("SELECT seq, data FROM yjs_updates WHERE doc_name = ? ORDER BY seq").all(docName) as Row[];
      return {
        snapshot: snap ? toBytes(snap.data) : null,
        updates: rows.map((r) => ({ seq: r.seq as number, update: toBytes(r.data) })),
      };
    },
    async compact(docName, snapshot, upToSeq) {
      compactTx(docName, snapshot, upToSeq);
    },
    async storedBytes(docName) {
      const u = db.prepare("SELECT COALESCE(SUM(LENGTH(data)), 0) AS n FROM yjs_updates WHERE doc_name = ?").get(docName) as { n: number };
      const s = db.prepare("SELECT COALESCE(SUM(LENGTH(data)), 0) AS n FROM yjs_snapshots WHERE doc_name = ?").get(docName) as { n: number };
      return u.n + s.n;
    },
  };
}

export function openSqliteStorage(file: string): Storage {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  // FULL: a commit survives power loss, which "appended before acknowledged" relies on.
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  return {
    kind: "sqlite",
    users: userStore(db),
    credentials: credentialStore(db),
    workshops: workshopStore(db),
    yjs: yjsLog(db),
    async close() {
      db.close();
    },
  };
}
