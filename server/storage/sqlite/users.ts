// Users, browser sessions and API tokens in SQLite.
import type Database from "better-sqlite3";
import type { ApiTokenRecord, CredentialStore, SessionRecord, UserRecord, UserStore } from "../port.js";
import type { Row } from "./row.js";

const toUser = (r: Row): UserRecord => ({
  id: r.id as string,
  email: r.email as string,
  displayName: r.display_name as string,
  language: r.language as string,
  writingLanguage: (r.writing_language as string | null) ?? null,
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
  scope: r.scope === "read" ? "read" : "write",
  expiresAt: (r.expires_at as string | null) ?? null,
});

export function userStore(db: Database.Database): UserStore {
  return {
    async create(u) {
      db.prepare(
        "INSERT INTO users (id, email, display_name, language, writing_language, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      ).run(u.id, u.email, u.displayName, u.language, u.writingLanguage, u.passwordHash, u.createdAt);
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
      if (changes.writingLanguage !== undefined) db.prepare("UPDATE users SET writing_language = ? WHERE id = ?").run(changes.writingLanguage, id);
      return this.byId(id);
    },
  };
}

export function credentialStore(db: Database.Database): CredentialStore {
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
        "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at, last_used_at, scope, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      ).run(t.id, t.userId, t.name, t.tokenHash, t.createdAt, t.lastUsedAt, t.scope, t.expiresAt);
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
