// Accounts: registration, password log-in, browser sessions and personal API tokens.
import { hash, verify } from "@node-rs/argon2";
import type { RegisterBody, UpdateMeBody } from "../../shared/schemas/auth.js";
import { errors } from "../errors.js";
import { hashSecret, newId, newSecret, nowIso } from "../ids.js";
import type { ApiTokenRecord, Storage, TokenScope, UserRecord } from "../storage/port.js";

export interface Actor {
  user: UserRecord;
  via: "session" | "token";
  /** The session's hash or the token's id: what a logout or a revocation ends. */
  credentialId: string;
  /** A read-only token may only read; sessions and full tokens may do what the role allows. */
  readOnly: boolean;
}

/** A credential stopped being valid; connections opened with it must close. */
export interface Revocation {
  userId: string;
  credentialId: string;
}

export const API_TOKEN_PREFIX = "nvt_";

// A real hash of nothing, so unknown emails cost as much time as wrong passwords.
let dummyHash: Promise<string> | null = null;

export function createAuthService(storage: Storage, options: { sessionDays: number }) {
  const sessionMs = options.sessionDays * 24 * 3600 * 1000;
  const revocationListeners: ((revocation: Revocation) => void)[] = [];
  const revoked = (revocation: Revocation) => {
    for (const listener of revocationListeners) listener(revocation);
  };

  async function startSession(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = newSecret();
    const expiresAt = new Date(Date.now() + sessionMs);
    await storage.credentials.createSession({ tokenHash: hashSecret(token), userId, createdAt: nowIso(), expiresAt: expiresAt.toISOString() });
    return { token, expiresAt };
  }

  return {
    async register(body: RegisterBody): Promise<UserRecord> {
      if (await storage.users.byEmail(body.email)) throw errors.conflict("email_taken", "an account already uses this email");
      const user: UserRecord = {
        id: newId(),
        email: body.email,
        displayName: body.displayName,
        language: body.language,
        writingLanguage: null,
        passwordHash: await hash(body.password),
        createdAt: nowIso(),
      };
      try {
        await storage.users.create(user);
      } catch (error) {
        // Two registrations racing for one email: the unique index decides.
        if (await storage.users.byEmail(body.email)) throw errors.conflict("email_taken", "an account already uses this email");
        throw error;
      }
      return user;
    },

    async checkPassword(email: string, password: string): Promise<UserRecord> {
      const user = await storage.users.byEmail(email);
      if (!user) {
        dummyHash ??= hash("not a password");
        await verify(await dummyHash, password).catch(() => false);
        throw errors.invalidCredentials();
      }
      if (!(await verify(user.passwordHash, password))) throw errors.invalidCredentials();
      return user;
    },

    startSession,

    async endSession(token: string): Promise<void> {
      const tokenHash = hashSecret(token);
      const session = await storage.credentials.sessionByHash(tokenHash);
      await storage.credentials.deleteSession(tokenHash);
      if (session) revoked({ userId: session.userId, credentialId: tokenHash });
    },

    /** Called when a session ends or a token is revoked, after storage has forgotten it. */
    onRevoked(listener: (revocation: Revocation) => void): void {
      revocationListeners.push(listener);
    },

    /** Resolves a session cookie or an API token to its user, or null. */
    async actorFrom(credentials: { sessionToken?: string; bearer?: string }): Promise<Actor | null> {
      if (credentials.bearer?.startsWith(API_TOKEN_PREFIX)) {
        const record = await storage.credentials.apiTokenByHash(hashSecret(credentials.bearer));
        if (!record || (record.expiresAt !== null && record.expiresAt <= nowIso())) return null;
        const user = await storage.users.byId(record.userId);
        if (!user) return null;
        await storage.credentials.touchApiToken(record.id, nowIso());
        return { user, via: "token", credentialId: record.id, readOnly: record.scope === "read" };
      }
      const sessionToken = credentials.sessionToken ?? credentials.bearer;
      if (!sessionToken) return null;
      const sessionHash = hashSecret(sessionToken);
      const session = await storage.credentials.sessionByHash(sessionHash);
      if (!session || session.expiresAt <= nowIso()) return null;
      const user = await storage.users.byId(session.userId);
      return user ? { user, via: "session", credentialId: sessionHash, readOnly: false } : null;
    },

    async updateProfile(userId: string, changes: UpdateMeBody): Promise<UserRecord> {
      const user = await storage.users.update(userId, changes);
      if (!user) throw errors.notFound("user");
      return user;
    },

    async createApiToken(userId: string, body: { name: string; scope: TokenScope; expiresInDays: number }): Promise<ApiTokenRecord & { token: string }> {
      const token = newSecret(API_TOKEN_PREFIX);
      const expiresAt = new Date(Date.now() + body.expiresInDays * 24 * 3600 * 1000).toISOString();
      const record: ApiTokenRecord = { id: newId(), userId, name: body.name, tokenHash: hashSecret(token), createdAt: nowIso(), lastUsedAt: null, scope: body.scope, expiresAt };
      await storage.credentials.createApiToken(record);
      return { ...record, token };
    },

    listApiTokens: (userId: string) => storage.credentials.listApiTokens(userId),

    async revokeApiToken(userId: string, id: string): Promise<void> {
      if (!(await storage.credentials.deleteApiToken(userId, id))) throw errors.notFound("token");
      revoked({ userId, credentialId: id });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

export const presentUser = (user: UserRecord) => ({
  id: user.id,
  email: user.email,
  displayName: user.displayName,
  language: user.language,
  writingLanguage: user.writingLanguage ?? user.language,
  createdAt: user.createdAt,
});

export const presentToken = (t: ApiTokenRecord) => ({ id: t.id, name: t.name, createdAt: t.createdAt, lastUsedAt: t.lastUsedAt, scope: t.scope, expiresAt: t.expiresAt });
