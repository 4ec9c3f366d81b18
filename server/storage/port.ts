// The storage port: one small interface per aggregate, named in the domain's words.
// Adapters (sqlite/, later mongo/) implement it; no other code sees SQL or Mongo calls.
import type { Role } from "../../shared/permissions.js";

export interface UserRecord {
  id: string;
  email: string;
  displayName: string;
  language: string;
  passwordHash: string;
  createdAt: string;
}

export interface UserStore {
  create(user: UserRecord): Promise<void>;
  byId(id: string): Promise<UserRecord | null>;
  byEmail(email: string): Promise<UserRecord | null>;
  update(id: string, changes: Partial<Pick<UserRecord, "displayName" | "language">>): Promise<UserRecord | null>;
}

export interface SessionRecord {
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

export interface ApiTokenRecord {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** Browser sessions and personal API tokens; only hashes of secrets are stored. */
export interface CredentialStore {
  createSession(session: SessionRecord): Promise<void>;
  sessionByHash(tokenHash: string): Promise<SessionRecord | null>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteExpiredSessions(now: string): Promise<number>;
  createApiToken(token: ApiTokenRecord): Promise<void>;
  apiTokenByHash(tokenHash: string): Promise<ApiTokenRecord | null>;
  listApiTokens(userId: string): Promise<ApiTokenRecord[]>;
  deleteApiToken(userId: string, id: string): Promise<boolean>;
  touchApiToken(id: string, at: string): Promise<void>;
}

export interface ReadingGridRecord {
  version: number;
  questions: { id: string; text: string }[];
}

/** A series (démarche): several workshops, one shared reading grid, one final synthesis. */
export interface SeriesRecord {
  id: string;
  title: string;
  description: string;
  createdBy: string;
  createdAt: string;
}

export interface WorkshopRecord {
  id: string;
  seriesId: string | null;
  title: string;
  description: string;
  theme: string;
  languages: string[];
  /** The current version; earlier versions stay readable through gridVersions. */
  readingGrid: ReadingGridRecord;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface MembershipRecord {
  workshopId: string;
  userId: string;
  role: Role;
  joinedAt: string;
}

export interface MemberView extends MembershipRecord {
  displayName: string;
  language: string;
}

export interface InvitationRecord {
  id: string;
  workshopId: string;
  tokenHash: string;
  /** Kept so a facilitator can copy the link again; it grants only membership. */
  token: string;
  role: Role;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  maxUses: number;
  uses: number;
  revoked: boolean;
}

export type AcceptResult =
  | { status: "accepted"; role: Role; workshopId: string }
  | { status: "already_member"; role: Role; workshopId: string }
  | { status: "not_found" | "expired" | "used" | "revoked" };

export interface WorkshopStore {
  createSeries(series: SeriesRecord): Promise<void>;
  seriesById(id: string): Promise<SeriesRecord | null>;
  /** Creates the workshop and makes its creator a facilitator, atomically. */
  create(workshop: WorkshopRecord, creatorRole: Role): Promise<void>;
  byId(id: string): Promise<WorkshopRecord | null>;
  /** Saves changed fields; a changed grid is stored as a new version. */
  update(workshop: WorkshopRecord): Promise<void>;
  gridVersions(workshopId: string): Promise<ReadingGridRecord[]>;
  listForUser(userId: string): Promise<(WorkshopRecord & { role: Role; memberCount: number })[]>;
  memberCount(workshopId: string): Promise<number>;
  membership(workshopId: string, userId: string): Promise<MembershipRecord | null>;
  members(workshopId: string): Promise<MemberView[]>;
  addMember(membership: MembershipRecord): Promise<void>;
  setRole(workshopId: string, userId: string, role: Role): Promise<boolean>;
  createInvitation(invitation: InvitationRecord): Promise<void>;
  invitationByHash(tokenHash: string): Promise<InvitationRecord | null>;
  listInvitations(workshopId: string): Promise<InvitationRecord[]>;
  revokeInvitation(workshopId: string, id: string): Promise<boolean>;
  /** Checks and uses the invitation and adds the member in one step, so two accepts never exceed maxUses. */
  acceptInvitation(tokenHash: string, userId: string, now: string): Promise<AcceptResult>;
}

export interface StoredDocument {
  /** The compacted state, or null when the doc was never compacted. */
  snapshot: Uint8Array | null;
  /** Updates appended after the snapshot, in order. */
  updates: { seq: number; update: Uint8Array }[];
}

/** The append-only log of a Yjs document, compacted into snapshots. */
export interface YjsLog {
  /** Durably appends one update and returns its sequence number. */
  appendUpdate(docName: string, update: Uint8Array): Promise<number>;
  load(docName: string): Promise<StoredDocument>;
  /**
   * Replaces the snapshot and every update up to and including `upToSeq` by `snapshot`,
   * in one transaction: a crash leaves either the old log or the new one.
   */
  compact(docName: string, snapshot: Uint8Array, upToSeq: number): Promise<void>;
  storedBytes(docName: string): Promise<number>;
}

export interface Storage {
  readonly kind: "sqlite" | "mongo";
  users: UserStore;
  credentials: CredentialStore;
  workshops: WorkshopStore;
  yjs: YjsLog;
  close(): Promise<void>;
}
