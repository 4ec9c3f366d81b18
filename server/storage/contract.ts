// The storage contract: one suite, run against every adapter (tests/integration/storage-contract.test.ts).
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { contributionContract } from "./contract-contributions.js";
import { liveSessionContract } from "./contract-live-sessions.js";
import { translationContract } from "./contract-translations.js";
import type { Storage, SynthesisDocumentRecord, SynthesisVersionRecord, UserRecord, WorkshopRecord } from "./port.js";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`.padEnd(10, "x");

function user(): UserRecord {
  const id = `u${unique()}`;
  return { id, email: `${id}@contract.test`, displayName: `User ${id}`, language: "fr", writingLanguage: null, passwordHash: "hash", createdAt: new Date().toISOString() };
}

function workshop(createdBy: string): WorkshopRecord {
  const now = new Date().toISOString();
  return {
    id: `w${unique()}`,
    seriesId: null,
    title: "Atelier",
    description: "",
    theme: "",
    languages: ["fr", "es"],
    readingGrid: { version: 1, questions: [{ id: "economy", text: "Quelle économie ?" }] },
    createdBy,
    createdAt: now,
    updatedAt: now,
  };
}

function synthesisDocument(workshopId: string, overrides: Partial<SynthesisDocumentRecord> = {}): SynthesisDocumentRecord {
  const now = new Date().toISOString();
  return {
    id: `d${unique()}`,
    docName: `workshop/${workshopId}/synthesis`,
    scope: "workshop",
    workshopId,
    seriesId: null,
    kind: "main",
    title: "",
    language: "fr",
    status: "draft",
    statusChangedAt: null,
    createdBy: null,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

function version(documentId: string, overrides: Partial<SynthesisVersionRecord> = {}): SynthesisVersionRecord {
  return { id: `v${unique()}`, documentId, name: "", kind: "manual", createdBy: null, createdAt: new Date().toISOString(), restoredFrom: null, seq: 1, ...overrides };
}

/** A user who created a workshop, stored. */
async function ownerAndWorkshop(s: Storage): Promise<{ u: UserRecord; w: WorkshopRecord }> {
  const u = user();
  await s.users.create(u);
  const w = workshop(u.id);
  await s.workshops.create(w, "facilitator");
  return { u, w };
}

export function storageContract(name: string, open: () => Promise<Storage>) {
  describe(`storage contract: ${name}`, () => {
    const withStorage = (test: (storage: Storage) => Promise<void>) => async () => {
      const storage = await open();
      try {
        await test(storage);
      } finally {
        await storage.close();
      }
    };

    it("stores users and finds them by id and email", withStorage(async (s) => {
      const u = user();
      await s.users.create(u);
      expect(await s.users.byId(u.id)).toEqual(u);
      expect(await s.users.byEmail(u.email)).toEqual(u);
      expect(await s.users.byEmail("missing@contract.test")).toBeNull();
      expect((await s.users.update(u.id, { language: "es" }))?.language).toBe("es");
      expect((await s.users.update(u.id, { writingLanguage: "en" }))?.writingLanguage).toBe("en");
      expect((await s.users.byId(u.id))?.language).toBe("es");
      expect((await s.users.update(u.id, { writingLanguage: null }))?.writingLanguage).toBeNull();
    }));

    it("refuses two users with one email", withStorage(async (s) => {
      const a = user();
      await s.users.create(a);
      await expect(s.users.create({ ...user(), email: a.email })).rejects.toThrow();
    }));

    it("keeps sessions and API tokens by hash, and forgets expired sessions", withStorage(async (s) => {
      const u = user();
      await s.users.create(u);
      await s.credentials.createSession({ tokenHash: `h${unique()}`, userId: u.id, createdAt: "2026-01-01T00:00:00.000Z", expiresAt: "2026-01-02T00:00:00.000Z" });
      const live = { tokenHash: `h${unique()}`, userId: u.id, createdAt: "2026-01-01T00:00:00.000Z", expiresAt: "2999-01-01T00:00:00.000Z" };
      await s.credentials.createSession(live);
      expect(await s.credentials.deleteExpiredSessions("2026-06-01T00:00:00.000Z")).toBeGreaterThanOrEqual(1);
      expect(await s.credentials.sessionByHash(live.tokenHash)).toEqual(live);
      const token = { id: `t${unique()}`, userId: u.id, name: "script", tokenHash: `th${unique()}`, createdAt: "2026-01-01T00:00:00.000Z", lastUsedAt: null, scope: "read" as const, expiresAt: "2026-04-01T00:00:00.000Z" };
      await s.credentials.createApiToken(token);
      expect(await s.credentials.apiTokenByHash(token.tokenHash)).toEqual(token);
      await s.credentials.touchApiToken(token.id, "2026-02-01T00:00:00.000Z");
      expect((await s.credentials.listApiTokens(u.id))[0]?.lastUsedAt).toBe("2026-02-01T00:00:00.000Z");
      expect(await s.credentials.deleteApiToken("someone-else", token.id)).toBe(false);
      expect(await s.credentials.deleteApiToken(u.id, token.id)).toBe(true);
      expect(await s.credentials.apiTokenByHash(token.tokenHash)).toBeNull();
    }));

    it("creates a workshop with its creator as member, and keeps every grid version", withStorage(async (s) => {
      const u = user();
      await s.users.create(u);
      const w = workshop(u.id);
      await s.workshops.create(w, "facilitator");
      expect(await s.workshops.byId(w.id)).toEqual(w);
      expect((await s.workshops.membership(w.id, u.id))?.role).toBe("facilitator");
      const v2 = { ...w, title: "Atelier 2", readingGrid: { version: 2, questions: [{ id: "economy", text: "Quelle économie, et pour qui ?" }] } };
      await s.workshops.update(v2);
      expect((await s.workshops.byId(w.id))?.readingGrid).toEqual(v2.readingGrid);
      expect((await s.workshops.gridVersions(w.id)).map((g) => g.version)).toEqual([1, 2]);
      const mine = await s.workshops.listForUser(u.id);
      expect(mine.map((x) => [x.id, x.role, x.memberCount])).toEqual([[w.id, "facilitator", 1]]);
    }));

    it("accepts an invitation once per person and never beyond its uses", withStorage(async (s) => {
      const owner = user();
      const [a, b] = [user(), user()];
      for (const x of [owner, a, b]) await s.users.create(x);
      const w = workshop(owner.id);
      await s.workshops.create(w, "facilitator");
      const invitation = {
        id: `i${unique()}`,
        workshopId: w.id,
        tokenHash: `ih${unique()}`,
        token: "secret",
        role: "observer" as const,
        createdBy: owner.id,
        createdAt: "2026-01-01T00:00:00.000Z",
        expiresAt: "2999-01-01T00:00:00.000Z",
        maxUses: 1,
        uses: 0,
        revoked: false,
      };
      await s.workshops.createInvitation(invitation);
      const now = "2026-03-01T00:00:00.000Z";
      expect(await s.workshops.acceptInvitation(invitation.tokenHash, a.id, now)).toEqual({ status: "accepted", role: "observer", workshopId: w.id });
      expect((await s.workshops.acceptInvitation(invitation.tokenHash, a.id, now)).status).toBe("already_member");
      expect((await s.workshops.acceptInvitation(invitation.tokenHash, b.id, now)).status).toBe("used");
      expect((await s.workshops.acceptInvitation("nope", b.id, now)).status).toBe("not_found");
      expect(await s.workshops.memberCount(w.id)).toBe(2);
      expect(await s.workshops.revokeInvitation(w.id, invitation.id)).toBe(true);
      expect((await s.workshops.listInvitations(w.id))[0]?.revoked).toBe(true);
    }));

    it("lists a series' workshops and a user's memberships across them, as workshops join and leave", withStorage(async (s) => {
      const [owner, member] = [user(), user()];
      for (const x of [owner, member]) await s.users.create(x);
      const seriesId = `s${unique()}`;
      await s.workshops.createSeries({ id: seriesId, title: "Démarche", description: "", createdBy: owner.id, createdAt: new Date().toISOString() });
      const [one, two, elsewhere] = [{ ...workshop(owner.id), seriesId }, { ...workshop(owner.id), seriesId }, workshop(owner.id)];
      for (const w of [one, two, elsewhere]) await s.workshops.create(w, "facilitator");
      await s.workshops.addMember({ workshopId: two.id, userId: member.id, role: "participant", joinedAt: new Date().toISOString() });
      await s.workshops.addMember({ workshopId: elsewhere.id, userId: member.id, role: "facilitator", joinedAt: new Date().toISOString() });
      expect((await s.workshops.listInSeries(seriesId)).map((w) => w.id).sort()).toEqual([one.id, two.id].sort());
      expect((await s.workshops.seriesMemberships(seriesId, member.id)).map((m) => [m.workshopId, m.role])).toEqual([[two.id, "participant"]]);
      expect(await s.workshops.seriesMemberships(seriesId, `u${unique()}`)).toEqual([]);
      // Joining and leaving a series are updates of the workshop.
      await s.workshops.update({ ...elsewhere, seriesId });
      await s.workshops.update({ ...two, seriesId: null });
      expect((await s.workshops.listInSeries(seriesId)).map((w) => w.id).sort()).toEqual([one.id, elsewhere.id].sort());
      expect((await s.workshops.seriesMemberships(seriesId, member.id)).map((m) => [m.workshopId, m.role])).toEqual([[elsewhere.id, "facilitator"]]);
    }));

    it("registers synthesis documents once by name, and lists them by workshop or series", withStorage(async (s) => {
      const { u, w } = await ownerAndWorkshop(s);
      const main = synthesisDocument(w.id);
      expect(await s.synthesis.ensureDocument(main)).toEqual(main);
      expect(await s.synthesis.ensureDocument({ ...main, id: `d${unique()}`, title: "other" })).toEqual(main);
      await expect(s.synthesis.createDocument({ ...main, id: `d${unique()}` })).rejects.toThrow();
      const notes = synthesisDocument(w.id, { docName: `workshop/${w.id}/doc/n${unique()}`, kind: "sequence-notes", title: "Séquence 1", createdBy: u.id });
      await s.synthesis.createDocument(notes);
      expect(await s.synthesis.documentById(notes.id)).toEqual(notes);
      expect(await s.synthesis.documentByName(notes.docName)).toEqual(notes);
      expect((await s.synthesis.listDocuments({ workshopId: w.id })).map((d) => d.id)).toEqual([main.id, notes.id]);
      expect((await s.synthesis.listDocuments({ all: true })).map((d) => d.id)).toEqual(expect.arrayContaining([main.id, notes.id]));
      expect(await s.synthesis.renameDocument(notes.id, "Notes du jeudi", "2026-11-23T10:00:00.000Z")).toBe(true);
      expect(await s.synthesis.documentById(notes.id)).toMatchObject({ title: "Notes du jeudi", updatedAt: "2026-11-23T10:00:00.000Z" });
      expect(await s.synthesis.renameDocument(`d${unique()}`, "x", "2026-11-23T10:00:00.000Z")).toBe(false);
      expect(await s.synthesis.listDocuments({ seriesId: `s${unique()}` })).toEqual([]);
    }));

    it("changes a status only from the expected one, with its version, and keeps versions newest first", withStorage(async (s) => {
      const { u, w } = await ownerAndWorkshop(s);
      const doc = await s.synthesis.ensureDocument(synthesisDocument(w.id));
      const manual = version(doc.id, { name: "séance", createdBy: u.id });
      await s.synthesis.addVersion(manual, new Uint8Array([1, 2, 3]));
      const statusVersion = version(doc.id, { kind: "status", createdBy: u.id });
      const change = { id: `c${unique()}`, documentId: doc.id, from: "draft" as const, to: "submitted" as const, changedBy: u.id, changedAt: new Date().toISOString(), versionId: statusVersion.id };
      expect(await s.synthesis.changeStatus(change, statusVersion, new Uint8Array([4]))).toBe(true);
      const stale = version(doc.id, { kind: "status" });
      expect(await s.synthesis.changeStatus({ ...change, id: `c${unique()}`, versionId: stale.id }, stale, new Uint8Array([5]))).toBe(false);
      expect((await s.synthesis.documentById(doc.id))?.status).toBe("submitted");
      expect(await s.synthesis.statusHistory(doc.id)).toEqual([change]);
      expect((await s.synthesis.listVersions(doc.id)).map((v) => v.id)).toEqual([statusVersion.id, manual.id]);
      expect(await s.synthesis.versionWithState(doc.id, manual.id)).toEqual({ version: manual, state: new Uint8Array([1, 2, 3]) });
      expect(await s.synthesis.versionWithState(doc.id, stale.id)).toBeNull();

      // Thinning deletes automatic versions only, and only this document's.
      const auto = version(doc.id, { kind: "auto" });
      await s.synthesis.addVersion(auto, new Uint8Array([6]));
      expect(await s.synthesis.deleteAutoVersions(doc.id, [auto.id, manual.id, statusVersion.id, `v${unique()}`])).toBe(1);
      expect((await s.synthesis.listVersions(doc.id)).map((v) => v.id)).toEqual([statusVersion.id, manual.id]);
    }));

    it("replaces a document's citations and finds them by contribution; links merged proposals once per passage", withStorage(async (s) => {
      const { u, w } = await ownerAndWorkshop(s);
      const doc = await s.synthesis.ensureDocument(synthesisDocument(w.id));
      const target = `f${unique()}`;
      await s.synthesis.replaceCitations(doc.id, [{ blockId: "b1", kind: "fiche", targetId: target, excerpt: "old" }]);
      await s.synthesis.replaceCitations(doc.id, [
        { blockId: "b2", kind: "fiche", targetId: target, excerpt: "Comme le montre [fiche]" },
        { blockId: "b2", kind: "post", targetId: target, excerpt: "Comme le montre [fiche]" },
      ]);
      expect(await s.synthesis.citationsOf("fiche", target)).toEqual([{ documentId: doc.id, blockId: "b2", kind: "fiche", targetId: target, excerpt: "Comme le montre [fiche]" }]);
      const link = { workshopId: w.id, proposalId: `p${unique()}`, documentId: doc.id, blockId: "b2", excerpt: "v1", linkedBy: u.id, linkedAt: new Date().toISOString() };
      await s.synthesis.linkProposal(link);
      await s.synthesis.linkProposal({ ...link, excerpt: "v2" });
      expect(await s.synthesis.proposalLinks(link.proposalId)).toEqual([{ ...link, excerpt: "v2" }]);
    }));

    it("appends Yjs updates in order and compacts them into one equal snapshot", withStorage(async (s) => {
      const docName = `workshop/${unique()}/synthesis`;
      const doc = new Y.Doc();
      const updates: Uint8Array[] = [];
      doc.on("update", (u: Uint8Array) => updates.push(u));
      for (let i = 0; i < 50; i++) doc.getText("t").insert(i, String(i % 10));
      const seqs = [];
      for (const u of updates) seqs.push(await s.yjs.appendUpdate(docName, u));
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));

      const replay = (stored: Awaited<ReturnType<Storage["yjs"]["load"]>>) => {
        const copy = new Y.Doc();
        if (stored.snapshot) Y.applyUpdate(copy, stored.snapshot);
        for (const { update } of stored.updates) Y.applyUpdate(copy, update);
        return copy;
      };
      const loaded = await s.yjs.load(docName);
      expect(loaded.updates).toHaveLength(50);
      expect(replay(loaded).getText("t").toString()).toBe(doc.getText("t").toString());

      const before = await s.yjs.storedBytes(docName);
      await s.yjs.compact(docName, Y.encodeStateAsUpdate(doc), seqs.at(-1)!);
      const compacted = await s.yjs.load(docName);
      expect(compacted.updates).toHaveLength(0);
      expect(Y.encodeStateAsUpdate(replay(compacted))).toEqual(Y.encodeStateAsUpdate(doc));
      expect(await s.yjs.storedBytes(docName)).toBeLessThan(before);

      // Sequence numbers keep growing after compaction.
      doc.getText("t").insert(0, "x");
      expect(await s.yjs.appendUpdate(docName, updates.at(-1)!)).toBeGreaterThan(seqs.at(-1)!);
    }));

    it("appends a batch of Yjs updates across documents in order, each after its document's earlier entries", withStorage(async (s) => {
      const [a, b] = [`workshop/${unique()}/synthesis`, `workshop/${unique()}/synthesis`];
      const first = await s.yjs.appendUpdate(a, Uint8Array.of(0, 0));
      const seqs = await s.yjs.appendUpdates([
        { docName: a, update: Uint8Array.of(0, 1) },
        { docName: b, update: Uint8Array.of(0, 2) },
        { docName: a, update: Uint8Array.of(0, 3) },
      ]);
      expect(seqs).toHaveLength(3);
      expect(seqs[0]).toBeGreaterThan(first);
      expect(seqs[2]).toBeGreaterThan(seqs[0]!);
      expect((await s.yjs.load(a)).updates.map((u) => [...u.update])).toEqual([[0, 0], [0, 1], [0, 3]]);
      expect((await s.yjs.load(b)).updates).toEqual([{ seq: seqs[1], update: Uint8Array.of(0, 2) }]);
      expect(await s.yjs.appendUpdates([])).toEqual([]);
    }));

    it("moves a quarantined Yjs log entry out of the log and keeps the others", withStorage(async (s) => {
      const docName = `workshop/${unique()}/synthesis`;
      const first = await s.yjs.appendUpdate(docName, Uint8Array.of(0, 0));
      const bad = await s.yjs.appendUpdate(docName, Uint8Array.of(1, 1, 1));
      await s.yjs.quarantine(docName, bad, "does not decode");
      expect((await s.yjs.load(docName)).updates.map((u) => u.seq)).toEqual([first]);
      // A quarantined sequence number is never handed out again.
      expect(await s.yjs.appendUpdate(docName, Uint8Array.of(0, 0))).toBeGreaterThan(bad);
    }));

    it("claims an idempotency key once, gives the kept answer, frees a running claim, and lets an abandoned one lapse", withStorage(async (s) => {
      const userId = `u${unique()}`;
      const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 10, minutes)).toISOString();
      const claim = (key: string, minute: number, fingerprint = "f1") => s.idempotency.claim({ userId, key, fingerprint, createdAt: at(minute) }, at(minute - 1));
      expect(await claim("k1", 0)).toEqual({ kind: "claimed" });
      expect(await claim("k1", 0)).toMatchObject({ kind: "taken", record: { fingerprint: "f1", status: null, body: null } });
      await s.idempotency.complete(userId, "k1", 201, '{"ok":true}');
      expect(await claim("k1", 5)).toMatchObject({ kind: "taken", record: { status: 201, body: '{"ok":true}' } });
      // Another account's key of the same name is its own.
      expect(await s.idempotency.claim({ userId: `${userId}b`, key: "k1", fingerprint: "f2", createdAt: at(0) }, at(-1))).toEqual({ kind: "claimed" });
      expect(await claim("k2", 0)).toEqual({ kind: "claimed" });
      await s.idempotency.release(userId, "k2");
      expect(await claim("k2", 0, "f2")).toEqual({ kind: "claimed" });
      // Unanswered since before the stale limit: taken over.
      expect(await claim("k2", 3, "f3")).toEqual({ kind: "claimed" });
      await s.idempotency.prune(at(4));
      expect(await claim("k1", 6)).toEqual({ kind: "claimed" });
    }));

    contributionContract(withStorage, { user, workshop });
    translationContract(withStorage, { user, workshop });
    // Live sessions (server/live-session/).
    liveSessionContract(withStorage, { user, workshop });
  });
}
