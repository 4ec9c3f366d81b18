// The storage contract of the workshop process (sequences, fiches, debate, proposals,
// reading); storageContract in contract.ts runs it against every adapter.
import { expect, it } from "vitest";
import { emptyFicheRows, unsetConsent } from "../../shared/domain/fiches.js";
import { richTextFromPlain } from "../../shared/richtext.js";
import type { FicheRecord, PostRecord, ProposalRecord, ReaderScope, Storage, UserRecord, WorkshopRecord } from "./port.js";

type WithStorage = (test: (storage: Storage) => Promise<void>) => () => Promise<void>;

let counter = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`.padEnd(12, "x");
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 9, minute)).toISOString();
const scope = (userId: string, sees = false): ReaderScope => ({ userId, seesDrafts: sees, seesHidden: sees });

export function contributionContract(withStorage: WithStorage, build: { user: () => UserRecord; workshop: (createdBy: string) => WorkshopRecord }) {
  async function setUp(s: Storage, people = 2) {
    const users = Array.from({ length: people }, build.user);
    for (const u of users) await s.users.create(u);
    const w = build.workshop(users[0]!.id);
    await s.workshops.create(w, "facilitator");
    return { w, users };
  }

  const fiche = (workshopId: string, authorId: string, changes: Partial<FicheRecord> = {}): FicheRecord => ({
    id: unique("f"),
    workshopId,
    status: "draft",
    authorSide: "host",
    authorIds: [authorId],
    rows: { ...emptyFicheRows(), title: "Plan pour l'eau" },
    consent: { ...unsetConsent(), setBy: null, setAt: null },
    version: 1,
    createdBy: authorId,
    createdAt: at(0),
    updatedAt: at(0),
    updatedBy: authorId,
    submittedAt: null,
    finalisedAt: null,
    ...changes,
  });

  const post = (workshopId: string, threadId: string, authorId: string, text: string): PostRecord => ({
    id: unique("p"),
    workshopId,
    threadId,
    parentId: null,
    authorId,
    body: richTextFromPlain(text),
    stance: null,
    createdAt: at(1),
  });

  const proposal = (workshopId: string, authorId: string, title: string): ProposalRecord => ({
    id: unique("r"),
    workshopId,
    title,
    body: richTextFromPlain(`${title}, en détail`),
    authorId,
    status: "open",
    statusDecision: null,
    version: 1,
    createdAt: at(2),
    updatedAt: at(2),
    updatedBy: authorId,
  });

  it("moves a sequence only from the status it is in", withStorage(async (s) => {
    const { w, users } = await setUp(s, 1);
    const by = users[0]!.id;
    expect(await s.sequences.list(w.id)).toEqual([]);
    expect(await s.sequences.transition({ workshopId: w.id, kind: "illustrate", from: "upcoming", to: "open", by, at: at(0) })).toBe(true);
    expect(await s.sequences.transition({ workshopId: w.id, kind: "illustrate", from: "upcoming", to: "open", by, at: at(1) })).toBe(false);
    await s.sequences.transition({ workshopId: w.id, kind: "illustrate", from: "open", to: "closed", by, at: at(2) });
    const [illustrate] = await s.sequences.list(w.id);
    expect(illustrate).toMatchObject({ kind: "illustrate", status: "closed", openedAt: at(0), closedAt: at(2), updatedBy: { id: by } });
  }));

  it("keeps agenda slots in time order, whatever their offsets", withStorage(async (s) => {
    const { w } = await setUp(s, 1);
    const slot = (id: string, startsAt: string) => ({
      id,
      workshopId: w.id,
      startsAt,
      endsAt: "2007-12-14T18:00:00+01:00",
      place: "Poitiers",
      title: id,
      presenters: [],
      framingQuestions: [],
      sequence: null,
      createdAt: at(0),
      updatedAt: at(0),
    });
    await s.sequences.saveAgendaSlot(slot("slot-later", "2007-12-13T09:30:00+01:00"));
    await s.sequences.saveAgendaSlot(slot("slot-first", "2007-12-13T08:15:00+00:00"));
    expect((await s.sequences.agenda(w.id)).map((x) => x.id)).toEqual(["slot-first", "slot-later"]);
    expect(await s.sequences.deleteAgendaSlot(w.id, "slot-first")).toBe(true);
    expect(await s.sequences.deleteAgendaSlot(w.id, "slot-first")).toBe(false);
  }));

  it("stores a fiche, shows drafts only to their authors or to those who see every draft, and saves only from the expected version", withStorage(async (s) => {
    const { w, users } = await setUp(s);
    const [author, reader] = users as [UserRecord, UserRecord];
    const draft = fiche(w.id, author.id);
    await s.fiches.create(draft, { ficheId: draft.id, version: 1, changedBy: author.id, changedAt: at(0), changes: { title: "Plan pour l'eau" } });
    const stored = await s.fiches.byId(w.id, draft.id);
    expect(stored).toMatchObject({ ...draft, authors: [{ id: author.id, displayName: author.displayName }], entries: [] });

    const page = { limit: 10 };
    expect((await s.fiches.list(w.id, scope(reader.id), {}, page)).items).toEqual([]);
    expect((await s.fiches.list(w.id, scope(author.id), {}, page)).items).toHaveLength(1);
    expect((await s.fiches.list(w.id, scope(reader.id, true), {}, page)).items).toHaveLength(1);

    const v2 = { ...draft, status: "submitted" as const, version: 2, rows: { ...draft.rows, lessons: richTextFromPlain("Écouter d'abord") } };
    const revision = { ficheId: draft.id, version: 2, changedBy: author.id, changedAt: at(3), changes: { status: "submitted", lessons: v2.rows.lessons } };
    expect(await s.fiches.update(v2, 1, revision)).toBe(true);
    expect(await s.fiches.update({ ...v2, version: 3 }, 1, { ...revision, version: 3 })).toBe(false);
    expect((await s.fiches.list(w.id, scope(reader.id), {}, page)).items.map((f) => f.version)).toEqual([2]);
    expect((await s.fiches.changedSince(draft.id, 1)).sort()).toEqual(["lessons", "status"]);
    const revisions = await s.fiches.revisions(draft.id, { limit: 1 });
    expect(revisions.items.map((r) => r.version)).toEqual([1]);
    expect((await s.fiches.revisions(draft.id, { limit: 1, after: revisions.next! })).items.map((r) => r.version)).toEqual([2]);

    await s.fiches.addEntry({ id: unique("e"), ficheId: draft.id, workshopId: w.id, kind: "observerFeedback", body: richTextFromPlain("Bravo"), authorId: reader.id, createdAt: at(4) });
    expect((await s.fiches.byId(w.id, draft.id))?.entries.map((e) => [e.kind, e.author.id])).toEqual([["observerFeedback", reader.id]]);
  }));

  it("pages a thread's posts in order without gaps or repeats, and counts what a reader has not read", withStorage(async (s) => {
    const { w, users } = await setUp(s);
    const [writer, reader] = users as [UserRecord, UserRecord];
    const threadId = unique("t");
    const { thread } = await s.debate.createThread({ id: threadId, workshopId: w.id, title: "L'eau", ficheId: null, createdBy: writer.id, createdAt: at(1) }, post(w.id, threadId, writer.id, "Ouverture"));
    for (let i = 0; i < 24; i++) await s.debate.addPost(post(w.id, thread.id, i % 2 ? writer.id : reader.id, `Message ${i}`));
    const seen: number[] = [];
    let after: number[] | undefined;
    do {
      const page = await s.debate.listPosts(thread.id, { limit: 7, after });
      seen.push(...page.items.map((p) => p.seq));
      after = page.next ?? undefined;
    } while (after);
    expect(seen).toHaveLength(25);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));

    const listed = await s.debate.listThreads(w.id, reader.id, {}, { limit: 10 });
    expect(listed.items[0]).toMatchObject({ id: thread.id, postCount: 25, unread: 13 });
    await s.reading.markThreadRead(w.id, reader.id, thread.id, seen[10]);
    expect((await s.debate.listThreads(w.id, reader.id, {}, { limit: 10 })).items[0]?.unread).toBe(7);
    expect(await s.debate.threadForReader(w.id, thread.id, reader.id)).toMatchObject({ id: thread.id, postCount: 25, unread: 7, lastReadSeq: seen[10] });
    expect(await s.debate.threadForReader(w.id, unique("t"), reader.id)).toBeNull();
    // A position never moves back, and never past the last post.
    await s.reading.markThreadRead(w.id, reader.id, thread.id, seen[2]);
    expect(await s.reading.markThreadRead(w.id, reader.id, thread.id, 10 ** 9)).toBe(seen.at(-1));
    expect((await s.reading.unreadCounts(w.id, scope(reader.id))).debate).toBe(0);
  }));

  it("keeps a post's earlier wording when it is edited, and logs moderation", withStorage(async (s) => {
    const { w, users } = await setUp(s);
    const [writer, facilitator] = users as [UserRecord, UserRecord];
    const threadId = unique("t");
    const { post: opening } = await s.debate.createThread({ id: threadId, workshopId: w.id, title: "Débat", ficheId: null, createdBy: writer.id, createdAt: at(1) }, post(w.id, threadId, writer.id, "Première version"));
    const edited = await s.debate.editPost(opening.id, { body: richTextFromPlain("Deuxième version"), stance: "agree", at: at(5) });
    expect(edited).toMatchObject({ revisionCount: 1, editedAt: at(5), stance: "agree" });
    expect((await s.debate.postRevisions(opening.id, { limit: 10 })).items.map((r) => r.body)).toEqual([richTextFromPlain("Première version")]);

    const hidden = await s.debate.moderatePost({ id: unique("m"), workshopId: w.id, postId: opening.id, action: "hide", reason: "hors sujet", by: facilitator.id, at: at(6) });
    expect(hidden.hidden).toEqual({ reason: "hors sujet", at: at(6), by: { id: facilitator.id, displayName: facilitator.displayName } });
    const log = await s.debate.moderationLog(w.id, { limit: 10 });
    expect(log.items.map((m) => [m.action, m.reason, m.threadId])).toEqual([["hide", "hors sujet", threadId]]);
  }));

  it("counts one support per member, sorts by supports, and applies an accepted amendment as a new version", withStorage(async (s) => {
    const { w, users } = await setUp(s, 3);
    const [a, b, c] = users as [UserRecord, UserRecord, UserRecord];
    const first = proposal(w.id, a.id, "Première");
    const second = proposal(w.id, a.id, "Seconde");
    await s.proposals.create(first);
    await s.proposals.create(second);
    expect(await s.proposals.addSupport(second.id, b.id, at(3))).toBe(true);
    expect(await s.proposals.addSupport(second.id, b.id, at(3))).toBe(false);
    expect(await s.proposals.addSupport(second.id, c.id, at(3))).toBe(true);
    expect(await s.proposals.removeSupport(second.id, c.id)).toBe(true);
    expect(await s.proposals.removeSupport(second.id, c.id)).toBe(false);
    expect([...(await s.proposals.supportedBy(b.id, [first.id, second.id]))]).toEqual([second.id]);
    const bySupports = await s.proposals.list(w.id, { sort: "supports" }, { limit: 1 });
    expect(bySupports.items.map((p) => [p.id, p.supportCount])).toEqual([[second.id, 1]]);
    expect((await s.proposals.list(w.id, { sort: "supports" }, { limit: 1, after: bySupports.next! })).items.map((p) => p.id)).toEqual([first.id]);
    expect((await s.proposals.list(w.id, { sort: "oldest" }, { limit: 5 })).items.map((p) => p.id)).toEqual([first.id, second.id]);

    const amendment = { id: unique("a"), proposalId: first.id, workshopId: w.id, authorId: b.id, title: "Première, amendée", body: richTextFromPlain("Texte amendé"), rationale: "plus clair", status: "pending" as const, baseVersion: 1, decision: null, createdAt: at(4) };
    const rival = { ...amendment, id: unique("a"), title: null };
    await s.proposals.createAmendment(amendment);
    await s.proposals.createAmendment(rival);
    expect(await s.proposals.decideAmendment({ amendmentId: amendment.id, status: "accepted", reason: "", by: a.id, at: at(5) })).toBe("decided");
    expect(await s.proposals.decideAmendment({ amendmentId: amendment.id, status: "rejected", reason: "", by: a.id, at: at(5) })).toBe("already_decided");
    expect(await s.proposals.decideAmendment({ amendmentId: rival.id, status: "accepted", reason: "", by: a.id, at: at(5) })).toBe("outdated");
    const revised = await s.proposals.byId(w.id, first.id);
    expect(revised).toMatchObject({ title: "Première, amendée", version: 2, amendmentCounts: { pending: 1, accepted: 1, rejected: 0 } });
    const history = await s.proposals.revisions(first.id, { limit: 10 });
    expect(history.items.map((r) => [r.version, r.title, r.amendmentId])).toEqual([[1, "Première", null], [2, "Première, amendée", amendment.id]]);
  }));

  it("finds contributions whatever their case and accents, never a draft or hidden post for someone who may not see it", withStorage(async (s) => {
    const { w, users } = await setUp(s);
    const [author, reader] = users as [UserRecord, UserRecord];
    const threadId = unique("t");
    const { post: opening } = await s.debate.createThread(
      { id: threadId, workshopId: w.id, title: "Gouvernance", ficheId: null, createdBy: author.id, createdAt: at(1) },
      post(w.id, threadId, author.id, "Les élus DÉCRÈTENT, les habitants proposent"),
    );
    const draft = fiche(w.id, author.id, { rows: { ...emptyFicheRows(), title: "Brouillon", lessons: richTextFromPlain("On décrète rarement la participation") } });
    await s.fiches.create(draft, { ficheId: draft.id, version: 1, changedBy: author.id, changedAt: at(0), changes: {} });

    const found = async (who: ReaderScope, words: string) => (await s.reading.search(w.id, who, words, { limit: 10 })).items.map((h) => h.kind).sort();
    expect(await found(scope(reader.id), "decretent")).toEqual(["post"]);
    expect(await found(scope(author.id), "decret")).toEqual(["fiche", "post"]);
    expect(await found(scope(reader.id, true), "décret")).toEqual(["fiche", "post"]);
    expect(await found(scope(reader.id), "\"* OR NEAR(")).toEqual([]);

    await s.debate.moderatePost({ id: unique("m"), workshopId: w.id, postId: opening.id, action: "hide", reason: "doublon", by: reader.id, at: at(2) });
    expect(await found(scope(reader.id), "decretent")).toEqual([]);
    expect(await found(scope(author.id), "decretent")).toEqual(["post"]);
  }));

  it("finds a contribution by a stored translation of it, keeping the draft rule, and follows a retranslation", withStorage(async (s) => {
    const { w, users } = await setUp(s);
    const [author, reader] = users as [UserRecord, UserRecord];
    const water = fiche(w.id, author.id, { status: "submitted", rows: { ...emptyFicheRows(), title: "Un plan pour l'eau", lessons: richTextFromPlain("Les veillées citoyennes") } });
    await s.fiches.create(water, { ficheId: water.id, version: 1, changedBy: author.id, changedAt: at(0), changes: {} });
    const draft = fiche(w.id, author.id, { rows: { ...emptyFicheRows(), title: "Brouillon sur l'eau" } });
    await s.fiches.create(draft, { ficheId: draft.id, version: 1, changedBy: author.id, changedAt: at(0), changes: {} });
    const translated = (targetId: string, field: string, format: "plain" | "rich", text: string) => ({
      workshopId: w.id, targetKind: "fiche" as const, targetId, field, language: "es", format, text, origin: "machine" as const, provider: "apertium",
      translatorId: null, status: "draft" as const, sourceHash: "h", sourceLanguage: "fr", reviewedBy: null, reviewedAt: null, createdAt: at(1), updatedAt: at(1),
    });
    await s.translations.saveMachine(translated(water.id, "rows.title", "plain", "Un plan para el agua"));
    await s.translations.saveMachine(translated(water.id, "rows.lessons", "rich", JSON.stringify(richTextFromPlain("Las veladas ciudadanas"))));
    await s.translations.saveMachine(translated(draft.id, "rows.title", "plain", "Borrador sobre el agua"));

    const found = async (who: ReaderScope, words: string) => (await s.reading.search(w.id, who, words, { limit: 10 })).items.map((h) => [h.id, h.excerpt]);
    expect(await found(scope(reader.id), "agua")).toEqual([[water.id, "Un plan para el agua"]]);
    expect(await found(scope(reader.id), "veladas ciudadanas")).toEqual([[water.id, "Las veladas ciudadanas"]]);
    // Its own words win the excerpt when both match; rich text is found by its words, not its JSON keys.
    expect(await found(scope(reader.id), "plan")).toEqual([[water.id, "Un plan pour l'eau\nLes veillées citoyennes"]]);
    expect(await found(scope(reader.id), "paragraph")).toEqual([]);
    expect((await found(scope(author.id), "agua")).map(([id]) => id).sort()).toEqual([draft.id, water.id].sort());

    await s.translations.saveHuman({ ...translated(water.id, "rows.title", "plain", "Un proyecto hídrico"), origin: "human", provider: null });
    expect(await found(scope(reader.id), "agua")).toEqual([]);
    expect(await found(scope(reader.id), "hidrico")).toEqual([[water.id, "Un proyecto hídrico"]]);
  }));

  it("finds synthesis passages by their words and by their stored translations, and forgets a passage once it is gone", withStorage(async (s) => {
    const { w, users } = await setUp(s);
    const [author, reader] = users as [UserRecord, UserRecord];
    const documentId = unique("doc");
    const document = { id: documentId, kind: "main" as const, title: "", createdBy: author.id };
    const index = (passages: { blockId: string; text: string }[]) => s.reading.indexSynthesis({ workshopId: w.id, document, passages, at: at(3) });
    await index([
      { blockId: "blockAAA", text: "Les conseils de développement demandent un mandat écrit" },
      { blockId: "blockBBB", text: "Un budget pluriannuel pour les veillées" },
    ]);
    const found = async (words: string) =>
      (await s.reading.search(w.id, scope(reader.id), words, { limit: 10 })).items.map((h) => [h.kind, h.id, h.synthesis?.blockId, h.synthesis?.documentKind, h.excerpt]);
    expect(await found("developpement mandat")).toEqual([["synthesis", documentId, "blockAAA", "main", "Les conseils de développement demandent un mandat écrit"]]);

    await s.translations.saveMachine({
      workshopId: w.id, targetKind: "synthesis", targetId: documentId, field: "block:blockBBB", language: "es", format: "rich",
      text: JSON.stringify(richTextFromPlain("Un presupuesto plurianual para las veladas")), origin: "machine", provider: "apertium",
      translatorId: null, status: "draft", sourceHash: "h", sourceLanguage: "fr", reviewedBy: null, reviewedAt: null, createdAt: at(4), updatedAt: at(4),
    });
    expect(await found("presupuesto")).toEqual([["synthesis", documentId, "blockBBB", "main", "Un presupuesto plurianual para las veladas"]]);

    // The first passage is rewritten and the second deleted: search follows, and indexing the same text again changes nothing.
    await index([{ blockId: "blockAAA", text: "Les conseils de développement demandent un budget propre" }]);
    await index([{ blockId: "blockAAA", text: "Les conseils de développement demandent un budget propre" }]);
    expect(await found("mandat")).toEqual([]);
    expect((await found("budget")).map(([, , blockId]) => blockId)).toEqual(["blockAAA"]);
    expect(await found("presupuesto")).toEqual([]);
    // Another workshop reading the same document keeps its own rows.
    expect((await s.reading.search(unique("w"), scope(reader.id), "budget", { limit: 10 })).items).toEqual([]);
  }));

  it("says what others changed since the member's last visit", withStorage(async (s) => {
    const { w, users } = await setUp(s);
    const [member, other] = users as [UserRecord, UserRecord];
    expect(await s.reading.recordVisit(w.id, member.id, at(0), 30 * 60_000)).toEqual({ sinceSeq: 0, sinceAt: null });
    const p = proposal(w.id, other.id, "Nouvelle");
    await s.proposals.create(p);
    await s.proposals.create(proposal(w.id, member.id, "La mienne"));
    // Still the same visit: "since" does not move.
    expect((await s.reading.recordVisit(w.id, member.id, at(10), 30 * 60_000)).sinceSeq).toBe(0);
    const changes = await s.reading.changesSince(w.id, scope(member.id), 0, { limit: 10 });
    expect(changes.items.map((c) => [c.kind, c.id])).toEqual([["proposal", p.id]]);
    expect((await s.reading.unreadCounts(w.id, scope(member.id))).propose).toBe(1);
    await s.reading.markSequenceRead(w.id, member.id, "propose");
    expect((await s.reading.unreadCounts(w.id, scope(member.id))).propose).toBe(0);
    // Back two hours later: new since the end of the last visit.
    const next = await s.reading.recordVisit(w.id, member.id, at(130), 30 * 60_000);
    expect(next.sinceAt).toBe(at(10));
    expect((await s.reading.changesSince(w.id, scope(member.id), next.sinceSeq, { limit: 10 })).items).toEqual([]);
  }));
}
