// The storage port: one small interface per aggregate, named in the domain's words.
// Adapters (sqlite/, later mongo/) implement it; no other code sees SQL or Mongo calls.
import type { CitationKind } from "../../shared/editor.js";
import type { AuthorSide, ConsentToCirculate, FicheRows, FicheStatus } from "../../shared/domain/fiches.js";
import type { SequenceKind, SequenceStatus } from "../../shared/domain/sequences.js";
import type { FieldFormat, TranslationOrigin, TranslationStatus, TranslationTargetKind } from "../../shared/domain/translations.js";
import type { Role } from "../../shared/permissions.js";
import type { RichTextDoc } from "../../shared/richtext.js";
import type { DocumentKind, SynthesisStatus, VersionKind } from "../../shared/synthesis.js";

export type { FicheRows };

export interface UserRecord {
  id: string;
  email: string;
  displayName: string;
  /** The interface and reading language. */
  language: string;
  /** The language they write in, when they said so; null: their `language`. Detection falls back on it. */
  writingLanguage: string | null;
  passwordHash: string;
  createdAt: string;
}

export interface UserStore {
  create(user: UserRecord): Promise<void>;
  byId(id: string): Promise<UserRecord | null>;
  byEmail(email: string): Promise<UserRecord | null>;
  update(id: string, changes: Partial<Pick<UserRecord, "displayName" | "language" | "writingLanguage">>): Promise<UserRecord | null>;
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
  /** `read`: GET requests, listening in live rooms and reading documents only. */
  scope: TokenScope;
  /** After this instant the token no longer signs anyone in; null: never (tokens made before expiry existed). */
  expiresAt: string | null;
}

export type TokenScope = "read" | "write";

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
  /** The workshops that are stages of a series. */
  listInSeries(seriesId: string): Promise<WorkshopRecord[]>;
  /** A user's memberships across the workshops of a series (empty when a member of none). */
  seriesMemberships(seriesId: string, userId: string): Promise<MembershipRecord[]>;
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
  /**
   * Group commit: durably appends updates, possibly of several documents, each after the
   * earlier entries of its document, in as few commits as the adapter can (SQLite: one
   * transaction, one fsync), and returns their sequence numbers in order. It needs no
   * transaction across documents (MongoDB: an ordered insertMany with journaled writes, sequence
   * numbers taken per document with $inc): if it fails, any prefix may be stored. Updates are
   * idempotent, so whoever still holds the rest sends it again.
   */
  appendUpdates(entries: readonly { docName: string; update: Uint8Array }[]): Promise<number[]>;
  load(docName: string): Promise<StoredDocument>;
  /**
   * Replaces the snapshot and every update up to and including `upToSeq` by `snapshot`,
   * in one transaction: a crash leaves either the old log or the new one.
   */
  compact(docName: string, snapshot: Uint8Array, upToSeq: number): Promise<void>;
  /** Moves a log entry that cannot be applied out of the log, keeping its bytes and the reason. */
  quarantine(docName: string, seq: number, reason: string): Promise<void>;
  storedBytes(docName: string): Promise<number>;
}

/** A synthesis document: the main synthesis of a workshop, another document of it, or a series' synthesis. */
export interface SynthesisDocumentRecord {
  id: string;
  /** Its Yjs document's name (shared/synthesis.ts), unique. */
  docName: string;
  scope: "workshop" | "series";
  workshopId: string | null;
  seriesId: string | null;
  kind: DocumentKind;
  title: string;
  language: string;
  status: SynthesisStatus;
  statusChangedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A named state of a document; `state` (kept apart) is its full Yjs state as an update. */
export interface SynthesisVersionRecord {
  id: string;
  documentId: string;
  name: string;
  kind: VersionKind;
  createdBy: string | null;
  createdAt: string;
  restoredFrom: string | null;
  /** The last log entry the version includes. */
  seq: number;
}

export interface StatusChangeRecord {
  id: string;
  documentId: string;
  from: SynthesisStatus;
  to: SynthesisStatus;
  changedBy: string;
  changedAt: string;
  versionId: string;
}

/** One row of the citation index: a block of a document cites a contribution. */
export interface CitationRecord {
  documentId: string;
  blockId: string;
  kind: CitationKind;
  targetId: string;
  excerpt: string;
}

/** A proposal marked "merged into synthesis", linked to the passage that took it in. */
export interface ProposalLinkRecord {
  workshopId: string;
  proposalId: string;
  documentId: string;
  blockId: string;
  excerpt: string;
  linkedBy: string;
  linkedAt: string;
}

export interface SynthesisStore {
  /** Inserts the document unless one with its docName exists; returns the stored one either way. */
  ensureDocument(doc: SynthesisDocumentRecord): Promise<SynthesisDocumentRecord>;
  createDocument(doc: SynthesisDocumentRecord): Promise<void>;
  /** Renames a document; false when there is none with this id. */
  renameDocument(documentId: string, title: string, updatedAt: string): Promise<boolean>;
  documentById(id: string): Promise<SynthesisDocumentRecord | null>;
  documentByName(docName: string): Promise<SynthesisDocumentRecord | null>;
  /** A workshop's or a series' documents, or every document (`all`: the search index's start-up sweep). */
  listDocuments(filter: { workshopId: string } | { seriesId: string } | { all: true }): Promise<SynthesisDocumentRecord[]>;
  /**
   * Moves the status from `change.from` to `change.to` and records the change with its
   * version, in one transaction. Returns false, writing nothing, if the status was no longer `from`.
   */
  changeStatus(change: StatusChangeRecord, version: SynthesisVersionRecord, state: Uint8Array): Promise<boolean>;
  statusHistory(documentId: string): Promise<StatusChangeRecord[]>;
  addVersion(version: SynthesisVersionRecord, state: Uint8Array): Promise<void>;
  /** Newest first. */
  listVersions(documentId: string): Promise<SynthesisVersionRecord[]>;
  /** Deletes automatic versions among these ids (other kinds are never deleted); returns how many went. */
  deleteAutoVersions(documentId: string, versionIds: string[]): Promise<number>;
  versionWithState(documentId: string, versionId: string): Promise<{ version: SynthesisVersionRecord; state: Uint8Array } | null>;
  /** Replaces every citation index row of a document by `rows`, in one transaction. */
  replaceCitations(documentId: string, rows: Omit<CitationRecord, "documentId">[]): Promise<void>;
  citationsOf(kind: CitationKind, targetId: string): Promise<CitationRecord[]>;
  /** Stores the link; linking the same proposal to the same passage again updates it. */
  linkProposal(link: ProposalLinkRecord): Promise<void>;
  proposalLinks(proposalId: string): Promise<ProposalLinkRecord[]>;
}

// ---------------------------------------------------------------- the workshop process:
// sequences and agenda, fiches navettes, debate, proposals, reading between meetings.
// Every write takes a position in one growing order of changes (`seq`), which unread
// counts, "new since my last visit" and cursors rely on.

export interface PersonRef {
  id: string;
  displayName: string;
}

/** A keyset page: `after` is the `next` of the previous page, opaque to callers above the services. */
export interface PageRequest {
  after?: number[];
  limit: number;
}
export interface Page<T> {
  items: T[];
  next: number[] | null;
}

/** What a reader may see beyond what every member sees; derived from the permission table. */
export interface ReaderScope {
  userId: string;
  /** Sees every draft fiche, not only those they write. */
  seesDrafts: boolean;
  /** Sees hidden posts' bodies, and finds them in search. */
  seesHidden: boolean;
}

export interface SequenceRecord {
  workshopId: string;
  kind: SequenceKind;
  status: SequenceStatus;
  openedAt: string | null;
  closedAt: string | null;
  updatedBy: PersonRef | null;
}

export interface AgendaSlotRecord {
  id: string;
  workshopId: string;
  startsAt: string;
  endsAt: string;
  place: string;
  title: string;
  presenters: string[];
  framingQuestions: string[];
  sequence: SequenceKind | null;
  createdAt: string;
  updatedAt: string;
}

export interface SequenceStore {
  /** The sequences a facilitator has moved; one never moved is absent and still upcoming. */
  list(workshopId: string): Promise<SequenceRecord[]>;
  /** Moves a sequence from `from` to `to`; returns false, writing nothing, if it was no longer `from`. */
  transition(change: { workshopId: string; kind: SequenceKind; from: SequenceStatus; to: SequenceStatus; by: string; at: string }): Promise<boolean>;
  agenda(workshopId: string): Promise<AgendaSlotRecord[]>;
  /** Inserts or replaces a slot. */
  saveAgendaSlot(slot: AgendaSlotRecord): Promise<void>;
  deleteAgendaSlot(workshopId: string, id: string): Promise<boolean>;
}

export interface FicheRecord {
  id: string;
  workshopId: string;
  status: FicheStatus;
  authorSide: AuthorSide;
  authorIds: string[];
  rows: FicheRows;
  consent: ConsentToCirculate & { setBy: string | null; setAt: string | null };
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** Who made the latest change, entries included: it is not news to them. */
  updatedBy: string;
  submittedAt: string | null;
  finalisedAt: string | null;
}

export interface FicheEntryRecord {
  id: string;
  ficheId: string;
  workshopId: string;
  kind: "observerFeedback" | "hostReply";
  body: RichTextDoc;
  authorId: string;
  createdAt: string;
}

export interface FicheView extends FicheRecord {
  authors: PersonRef[];
  consentSetBy: PersonRef | null;
  entries: (FicheEntryRecord & { author: PersonRef })[];
}

/** One save of a fiche: the new values of the rows it changed (row keys, "gridAnswers.<id>", "status", "consent"). */
export interface FicheRevisionRecord {
  ficheId: string;
  version: number;
  changedBy: string;
  changedAt: string;
  changes: Record<string, unknown>;
}

export interface FicheStore {
  create(fiche: FicheRecord, revision: FicheRevisionRecord): Promise<void>;
  byId(workshopId: string, id: string): Promise<FicheView | null>;
  /** In the order they were created; drafts only for those `scope` lets see them. */
  list(workshopId: string, scope: ReaderScope, filter: { status?: FicheStatus }, page: PageRequest): Promise<Page<FicheView>>;
  /** Saves the new state with the revision that explains it, if the fiche is still at `expectedVersion`. */
  update(fiche: FicheRecord, expectedVersion: number, revision: FicheRevisionRecord): Promise<boolean>;
  addEntry(entry: FicheEntryRecord): Promise<void>;
  /** Oldest first. */
  revisions(ficheId: string, page: PageRequest): Promise<Page<FicheRevisionRecord & { changedByPerson: PersonRef }>>;
  /** The change keys of every revision after `version`. */
  changedSince(ficheId: string, version: number): Promise<string[]>;
}

export type StanceValue = "agree" | "disagree" | "question";

export interface ThreadRecord {
  id: string;
  workshopId: string;
  title: string;
  ficheId: string | null;
  createdBy: string;
  createdAt: string;
}

export interface ThreadView extends ThreadRecord {
  author: PersonRef;
  postCount: number;
  lastPostAt: string;
  lastPostSeq: number;
}

export interface PostRecord {
  id: string;
  workshopId: string;
  threadId: string;
  parentId: string | null;
  authorId: string;
  body: RichTextDoc;
  stance: StanceValue | null;
  createdAt: string;
}

export interface PostView extends PostRecord {
  seq: number;
  author: PersonRef;
  editedAt: string | null;
  revisionCount: number;
  hidden: { reason: string; at: string; by: PersonRef } | null;
}

/** A post's earlier wording, kept when its author edits it. */
export interface PostRevisionRecord {
  revision: number;
  body: RichTextDoc;
  stance: StanceValue | null;
  writtenAt: string;
}

export interface ModerationRecord {
  id: string;
  workshopId: string;
  postId: string;
  action: "hide" | "unhide";
  reason: string;
  by: string;
  at: string;
}

export interface DebateStore {
  /** A thread and its opening post, together. */
  createThread(thread: ThreadRecord, openingPost: PostRecord): Promise<{ thread: ThreadView; post: PostView }>;
  threadById(workshopId: string, id: string): Promise<ThreadView | null>;
  /** One thread with the reader's unread count and position in it, as listThreads gives them. */
  threadForReader(workshopId: string, id: string, readerId: string): Promise<(ThreadView & { unread: number; lastReadSeq: number }) | null>;
  /** Most recently active first, each with the reader's unread count (their own and hidden posts excluded). */
  listThreads(workshopId: string, readerId: string, filter: { ficheId?: string }, page: PageRequest): Promise<Page<ThreadView & { unread: number; lastReadSeq: number }>>;
  addPost(post: PostRecord): Promise<PostView>;
  postById(workshopId: string, id: string): Promise<PostView | null>;
  /** In order; `page.after` is `[seq]` of the last post seen. */
  listPosts(threadId: string, page: PageRequest): Promise<Page<PostView>>;
  /** Replaces the wording, keeping the previous one as a revision. */
  editPost(postId: string, change: { body: RichTextDoc; stance: StanceValue | null; at: string }): Promise<PostView>;
  /** Oldest first. */
  postRevisions(postId: string, page: PageRequest): Promise<Page<PostRevisionRecord>>;
  /** Hides or shows a post and logs who did it and why, in one step. */
  moderatePost(entry: ModerationRecord): Promise<PostView>;
  /** Newest first. */
  moderationLog(workshopId: string, page: PageRequest): Promise<Page<ModerationRecord & { threadId: string; byPerson: PersonRef }>>;
}

export type ProposalStatusValue = "open" | "retained" | "merged" | "declined";

export interface ProposalRecord {
  id: string;
  workshopId: string;
  title: string;
  body: RichTextDoc;
  authorId: string;
  status: ProposalStatusValue;
  statusDecision: { reason: string; by: string; at: string } | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

export interface ProposalView extends ProposalRecord {
  author: PersonRef;
  statusBy: PersonRef | null;
  supportCount: number;
  amendmentCounts: { pending: number; accepted: number; rejected: number };
}

export interface ProposalRevisionRecord {
  proposalId: string;
  version: number;
  title: string;
  body: RichTextDoc;
  changedBy: string;
  changedAt: string;
  amendmentId: string | null;
}

export interface AmendmentRecord {
  id: string;
  proposalId: string;
  workshopId: string;
  authorId: string;
  title: string | null;
  body: RichTextDoc;
  rationale: string;
  status: "pending" | "accepted" | "rejected";
  baseVersion: number;
  decision: { reason: string; by: string; at: string } | null;
  createdAt: string;
}

export interface AmendmentView extends AmendmentRecord {
  author: PersonRef;
  decidedBy: PersonRef | null;
}

export type ProposalSort = "supports" | "newest" | "oldest";

export interface ProposalStore {
  /** Stores the proposal and its first revision. */
  create(proposal: ProposalRecord): Promise<void>;
  byId(workshopId: string, id: string): Promise<ProposalView | null>;
  list(workshopId: string, filter: { sort: ProposalSort; status?: ProposalStatusValue }, page: PageRequest): Promise<Page<ProposalView>>;
  /** Saves a new title or body as a new version with its revision, if still at `expectedVersion`. */
  revise(proposal: ProposalRecord, expectedVersion: number, amendmentId: string | null): Promise<boolean>;
  setStatus(proposalId: string, status: ProposalStatusValue, decision: { reason: string; by: string; at: string }): Promise<void>;
  /** False when this member already supports it. */
  addSupport(proposalId: string, userId: string, at: string): Promise<boolean>;
  /** False when this member did not support it. */
  removeSupport(proposalId: string, userId: string): Promise<boolean>;
  /** Which of these proposals the member supports. */
  supportedBy(userId: string, proposalIds: string[]): Promise<Set<string>>;
  /** Oldest first. */
  revisions(proposalId: string, page: PageRequest): Promise<Page<ProposalRevisionRecord & { changedByPerson: PersonRef }>>;
  createAmendment(amendment: AmendmentRecord): Promise<void>;
  amendmentById(workshopId: string, id: string): Promise<AmendmentView | null>;
  /** Oldest first. */
  listAmendments(proposalId: string, page: PageRequest): Promise<Page<AmendmentView>>;
  /**
   * Records a decision on a pending amendment; accepting also revises its proposal to the
   * amendment's text, all or nothing. "outdated": the proposal moved past the amendment's base version.
   */
  decideAmendment(decision: { amendmentId: string; status: "accepted" | "rejected"; reason: string; by: string; at: string }): Promise<"decided" | "already_decided" | "outdated">;
}

export interface VisitRecord {
  /** Changes after this position are new since the member's last visit; 0 on a first visit. */
  sinceSeq: number;
  sinceAt: string | null;
}

export interface ChangeRecord {
  kind: "fiche" | "thread" | "proposal";
  id: string;
  title: string;
  changedAt: string;
  changedSeq: number;
  newPosts: number | null;
}

export interface SearchHitRecord {
  kind: "fiche" | "ficheEntry" | "thread" | "post" | "proposal" | "amendment" | "synthesis";
  /** The contribution, or for a synthesis passage its document. */
  id: string;
  ficheId: string | null;
  threadId: string | null;
  proposalId: string | null;
  title: string;
  excerpt: string;
  at: string;
  /** A synthesis passage: its document (whose kind names it when it has no title) and block. */
  synthesis: { documentId: string; blockId: string; documentKind: DocumentKind } | null;
}

/** A synthesis document's passages with text, as search indexes them in one workshop. */
export interface SynthesisSearchText {
  workshopId: string;
  document: { id: string; kind: DocumentKind; title: string; createdBy: string | null };
  passages: { blockId: string; text: string }[];
  at: string;
}

export interface ReadingStore {
  /** Moves the member's position in a thread forward to `upToSeq` (default: its last post); never backwards. */
  markThreadRead(workshopId: string, userId: string, threadId: string, upToSeq?: number): Promise<number>;
  /** Marks everything in a sequence read up to now (for debate: every thread). */
  markSequenceRead(workshopId: string, userId: string, sequence: SequenceKind): Promise<void>;
  /** Changes by others the member has not read: fiches (illustrate), posts (debate), proposals (propose). */
  unreadCounts(workshopId: string, scope: ReaderScope): Promise<Record<SequenceKind, number>>;
  /**
   * Records that the member is here now. A visit that starts more than `newVisitAfterMs`
   * after the last one was seen moves "since" to where that one ended.
   */
  recordVisit(workshopId: string, userId: string, at: string, newVisitAfterMs: number): Promise<VisitRecord>;
  /** Fiches, threads and proposals changed by others after `sinceSeq`, most recent first. */
  changesSince(workshopId: string, scope: ReaderScope, sinceSeq: number, page: PageRequest): Promise<Page<ChangeRecord>>;
  /** Full-text search, case and accent insensitive, newest first, never showing what `scope` may not see. */
  search(workshopId: string, scope: ReaderScope, words: string, page: PageRequest): Promise<Page<SearchHitRecord>>;
  /** Makes the index hold exactly these passages of the document in this workshop; unchanged ones keep their place. */
  indexSynthesis(text: SynthesisSearchText): Promise<void>;
}

// ---------------------------------------------------------------- translations

/** Which translation: one record at most per key. */
export interface TranslationKey {
  workshopId: string;
  targetKind: TranslationTargetKind;
  targetId: string;
  field: string;
  language: string;
}

export interface TranslationRecord extends TranslationKey {
  format: FieldFormat;
  /** A plain string, or the JSON text of a sanitized ProseMirror doc. */
  text: string;
  origin: TranslationOrigin;
  /** "apertium", "apertium:fr>es>en" (pivot), "libretranslate"; null for human work. */
  provider: string | null;
  translatorId: string | null;
  status: TranslationStatus;
  /** The hash of the source text it was made from; another current hash means stale. */
  sourceHash: string;
  sourceLanguage: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TranslationStore {
  get(key: TranslationKey): Promise<TranslationRecord | null>;
  /** Every language, or one, of one target. */
  listForTarget(workshopId: string, targetKind: TranslationTargetKind, targetId: string, language?: string): Promise<TranslationRecord[]>;
  /** Every record of a workshop in one language: for the translator's queue. */
  listForLanguage(workshopId: string, language: string): Promise<TranslationRecord[]>;
  /** A person's work: inserts or replaces whatever is stored under its key. */
  saveHuman(record: TranslationRecord): Promise<void>;
  /**
   * Machine output: stored only over nothing or over unreviewed machine output, checked in the
   * same step as the write, so a human save that lands first always wins. False when blocked.
   */
  saveMachine(record: TranslationRecord): Promise<boolean>;
  /** Marks a record reviewed if it is still at `expectedUpdatedAt`; false otherwise. */
  markReviewed(key: TranslationKey, by: string, at: string, expectedUpdatedAt: string): Promise<boolean>;
  /** Re-attaches a record to the current source (a translator says it still holds). */
  confirm(key: TranslationKey, sourceHash: string, at: string): Promise<boolean>;
  /** An author's correction of the detected language of a target's source text. */
  setSourceLanguage(entry: { workshopId: string; targetKind: TranslationTargetKind; targetId: string; language: string; setBy: string; setAt: string }): Promise<void>;
  sourceLanguage(workshopId: string, targetKind: TranslationTargetKind, targetId: string): Promise<string | null>;
}

// ---------------------------------------------------------------- live sessions (server/live-session/)

type LiveSessionState = import("../../shared/domain/live-session.js").LiveSessionState;

export interface LiveSessionRecord {
  id: string;
  workshopId: string;
  status: "running" | "ended";
  startedAt: string;
  startedBy: string;
  endedAt: string | null;
  state: LiveSessionState;
  updatedAt: string;
}

/** One thing that happened in a session, for the minutes: an item shown, a turn given, a poll closed. */
export interface LiveTimelineEntry {
  sessionId: string;
  at: string;
  actorId: string | null;
  type: string;
  data: Record<string, unknown>;
}

export interface ClosedPollRecord {
  id: string;
  sessionId: string;
  question: string;
  kind: "agreement" | "proposals";
  options: string[];
  results: "live" | "hidden";
  openedAt: string;
  closedAt: string;
  counts: Record<string, number>;
}

export interface LiveSessionStore {
  /** Stores a new running session with its first timeline entry; false when one already runs in the workshop. */
  start(session: LiveSessionRecord, entry: LiveTimelineEntry): Promise<boolean>;
  running(workshopId: string): Promise<LiveSessionRecord | null>;
  /** Every session of a workshop, the newest first: for the minutes. */
  list(workshopId: string): Promise<LiveSessionRecord[]>;
  /** Replaces a session's state (and status) and appends one timeline entry, in one transaction, with a poll's results when it closed. */
  record(session: LiveSessionRecord, entry: LiveTimelineEntry, closedPoll?: ClosedPollRecord): Promise<void>;
  /** In the order it happened. */
  timeline(sessionId: string): Promise<LiveTimelineEntry[]>;
  closedPolls(sessionId: string): Promise<ClosedPollRecord[]>;
  /** Sets (or, with null, revokes) the hash of the session's read-only projector token. */
  setProjectorToken(sessionId: string, tokenHash: string | null): Promise<void>;
  /** The session a projector token opens, running or ended; null for an unknown or revoked token. */
  byProjectorToken(tokenHash: string): Promise<LiveSessionRecord | null>;
}

// ---------------------------------------------------------------- end of live sessions

/** A write's key as its sender gave it, and what the request was (method, path, body), hashed. */
export interface IdempotencyClaim {
  userId: string;
  key: string;
  fingerprint: string;
  createdAt: string;
}

export interface IdempotencyRecord extends IdempotencyClaim {
  /** The answer's HTTP status and JSON body; null while the first request runs. */
  status: number | null;
  body: string | null;
}

export interface IdempotencyStore {
  /** Takes the key for this request, or says who holds it. A claim still running since before `staleBefore` lapses and is taken over. */
  claim(claim: IdempotencyClaim, staleBefore: string): Promise<{ kind: "claimed" } | { kind: "taken"; record: IdempotencyRecord }>;
  /** Keeps the answer, to give it again. */
  complete(userId: string, key: string, status: number, body: string): Promise<void>;
  /** Frees a running claim (the answer was not one to keep). */
  release(userId: string, key: string): Promise<void>;
  /** Forgets keys claimed before `before`. */
  prune(before: string): Promise<void>;
}

export interface Storage {
  readonly kind: "sqlite" | "mongo";
  users: UserStore;
  credentials: CredentialStore;
  workshops: WorkshopStore;
  yjs: YjsLog;
  synthesis: SynthesisStore;
  sequences: SequenceStore;
  fiches: FicheStore;
  debate: DebateStore;
  proposals: ProposalStore;
  reading: ReadingStore;
  translations: TranslationStore;
  liveSessions: LiveSessionStore;
  idempotency: IdempotencyStore;
  close(): Promise<void>;
}
