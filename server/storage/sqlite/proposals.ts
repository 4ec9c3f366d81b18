// Proposals in SQLite: their versions, supports (one per member) and amendments.
import type Database from "better-sqlite3";
import { richTextToPlain, type RichTextDoc } from "../../../shared/richtext.js";
import type { AmendmentRecord, AmendmentView, ProposalRecord, ProposalStatusValue, ProposalStore, ProposalView } from "../port.js";
import { changeCounter, mapPage, maybePersonOf, pageOf, parseJson, personOf, preparedStatements, searchIndex } from "./contributions.js";
import type { Row } from "./row.js";

const selectProposal = `SELECT p.*, a.display_name AS author_name, s.display_name AS status_by_name,
    (SELECT COUNT(*) FROM amendments x WHERE x.proposal_id = p.id AND x.status = 'pending') AS pending_amendments,
    (SELECT COUNT(*) FROM amendments x WHERE x.proposal_id = p.id AND x.status = 'accepted') AS accepted_amendments,
    (SELECT COUNT(*) FROM amendments x WHERE x.proposal_id = p.id AND x.status = 'rejected') AS rejected_amendments
  FROM proposals p JOIN users a ON a.id = p.author_id LEFT JOIN users s ON s.id = p.status_by`;
const selectAmendment = `SELECT m.*, a.display_name AS author_name, d.display_name AS decided_by_name
  FROM amendments m JOIN users a ON a.id = m.author_id LEFT JOIN users d ON d.id = m.decided_by`;

const toProposal = (r: Row): ProposalView => ({
  id: r.id as string,
  workshopId: r.workshop_id as string,
  title: r.title as string,
  body: parseJson<RichTextDoc>(r.body),
  authorId: r.author_id as string,
  author: personOf(r, "author_id", "author_name"),
  status: r.status as ProposalStatusValue,
  statusDecision: r.status_by ? { reason: r.status_reason as string, by: r.status_by as string, at: r.status_at as string } : null,
  statusBy: maybePersonOf(r, "status_by", "status_by_name"),
  supportCount: r.support_count as number,
  amendmentCounts: { pending: r.pending_amendments as number, accepted: r.accepted_amendments as number, rejected: r.rejected_amendments as number },
  version: r.version as number,
  createdAt: r.created_at as string,
  updatedAt: r.updated_at as string,
  updatedBy: r.updated_by as string,
});

const toAmendment = (r: Row): AmendmentView => ({
  id: r.id as string,
  proposalId: r.proposal_id as string,
  workshopId: r.workshop_id as string,
  authorId: r.author_id as string,
  author: personOf(r, "author_id", "author_name"),
  title: (r.title as string | null) ?? null,
  body: parseJson<RichTextDoc>(r.body),
  rationale: r.rationale as string,
  status: r.status as AmendmentRecord["status"],
  baseVersion: r.base_version as number,
  decision: r.decided_by ? { reason: r.decision_reason as string, by: r.decided_by as string, at: r.decided_at as string } : null,
  decidedBy: maybePersonOf(r, "decided_by", "decided_by_name"),
  createdAt: r.created_at as string,
});

/** Keyset order of each sort: the SQL and the key a page continues from. */
const sorts = {
  newest: { order: "p.seq DESC", after: "p.seq < @k1", key: (r: Row) => [r.seq as number] },
  oldest: { order: "p.seq ASC", after: "p.seq > @k1", key: (r: Row) => [r.seq as number] },
  supports: {
    order: "p.support_count DESC, p.seq DESC",
    after: "(p.support_count < @k1 OR (p.support_count = @k1 AND p.seq < @k2))",
    key: (r: Row) => [r.support_count as number, r.seq as number],
  },
};

export function proposalStore(db: Database.Database): ProposalStore {
  const prepared = preparedStatements(db);
  const counter = changeCounter(db);
  const search = searchIndex(db);
  const proposalById = prepared(`${selectProposal} WHERE p.id = ?`);

  const index = (p: ProposalRecord) =>
    search.put({ workshopId: p.workshopId, kind: "proposal", itemId: p.id, proposalId: p.id, title: p.title, at: p.createdAt, authorId: p.authorId, text: `${p.title}\n${richTextToPlain(p.body)}` });
  const insertRevision = prepared(
    "INSERT INTO proposal_revisions (proposal_id, version, title, body, changed_by, changed_at, amendment_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  const addRevision = (p: ProposalRecord, amendmentId: string | null) =>
    insertRevision.run(p.id, p.version, p.title, JSON.stringify(p.body), p.updatedBy, p.updatedAt, amendmentId);
  const touch = prepared("UPDATE proposals SET changed_seq = ?, updated_at = ?, updated_by = ? WHERE id = ?");

  /** Writes a new version if the proposal is still at `expectedVersion`. */
  const revise = (p: ProposalRecord, expectedVersion: number, amendmentId: string | null): boolean => {
    const changed = prepared("UPDATE proposals SET title = ?, body = ?, version = ?, changed_seq = ?, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?")
      .run(p.title, JSON.stringify(p.body), p.version, counter.next(), p.updatedAt, p.updatedBy, p.id, expectedVersion).changes;
    if (!changed) return false;
    addRevision(p, amendmentId);
    index(p);
    search.retitle("proposal", p.id, p.title);
    return true;
  };

  const createTx = db.transaction((p: ProposalRecord) => {
    const seq = counter.next();
    prepared(
      `INSERT INTO proposals (id, workshop_id, seq, changed_seq, title, body, author_id, status, version, created_at, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(p.id, p.workshopId, seq, seq, p.title, JSON.stringify(p.body), p.authorId, p.status, p.version, p.createdAt, p.updatedAt, p.updatedBy);
    addRevision(p, null);
    index(p);
  });

  const reviseTx = db.transaction(revise);

  const setStatusTx = db.transaction((id: string, status: ProposalStatusValue, d: { reason: string; by: string; at: string }) => {
    prepared("UPDATE proposals SET status = ?, status_reason = ?, status_by = ?, status_at = ? WHERE id = ?").run(status, d.reason, d.by, d.at, id);
    touch.run(counter.next(), d.at, d.by, id);
  });

  const addSupportTx = db.transaction((proposalId: string, userId: string, at: string): boolean => {
    if (!prepared("INSERT OR IGNORE INTO supports (proposal_id, user_id, created_at) VALUES (?, ?, ?)").run(proposalId, userId, at).changes) return false;
    prepared("UPDATE proposals SET support_count = support_count + 1 WHERE id = ?").run(proposalId);
    return true;
  });

  const removeSupportTx = db.transaction((proposalId: string, userId: string): boolean => {
    if (!prepared("DELETE FROM supports WHERE proposal_id = ? AND user_id = ?").run(proposalId, userId).changes) return false;
    prepared("UPDATE proposals SET support_count = support_count - 1 WHERE id = ?").run(proposalId);
    return true;
  });

  const createAmendmentTx = db.transaction((a: AmendmentRecord) => {
    const seq = counter.next();
    prepared(
      `INSERT INTO amendments (id, seq, proposal_id, workshop_id, author_id, title, body, rationale, status, base_version, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(a.id, seq, a.proposalId, a.workshopId, a.authorId, a.title, JSON.stringify(a.body), a.rationale, a.status, a.baseVersion, a.createdAt);
    touch.run(seq, a.createdAt, a.authorId, a.proposalId);
    const title = (prepared("SELECT title FROM proposals WHERE id = ?").get(a.proposalId) as Row).title as string;
    const text = [a.title ?? "", richTextToPlain(a.body), a.rationale].filter(Boolean).join("\n");
    search.put({ workshopId: a.workshopId, kind: "amendment", itemId: a.id, proposalId: a.proposalId, title, at: a.createdAt, authorId: a.authorId, text });
  });

  const decideTx = db.transaction(
    (d: { amendmentId: string; status: "accepted" | "rejected"; reason: string; by: string; at: string }): "decided" | "already_decided" | "outdated" => {
      const amendment = toAmendment(prepared(`${selectAmendment} WHERE m.id = ?`).get(d.amendmentId) as Row);
      if (amendment.status !== "pending") return "already_decided";
      if (d.status === "accepted") {
        const current = toProposal(proposalById.get(amendment.proposalId) as Row);
        if (current.version !== amendment.baseVersion) return "outdated";
        const next = { ...current, title: amendment.title ?? current.title, body: amendment.body, version: current.version + 1, updatedAt: d.at, updatedBy: d.by };
        revise(next, current.version, amendment.id);
      } else {
        touch.run(counter.next(), d.at, d.by, amendment.proposalId);
      }
      prepared("UPDATE amendments SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ? WHERE id = ?").run(d.status, d.by, d.at, d.reason, d.amendmentId);
      return "decided";
    },
  );

  return {
    async create(proposal) {
      createTx(proposal);
    },
    async byId(workshopId, id) {
      const r = proposalById.get(id) as Row | undefined;
      return r && r.workshop_id === workshopId ? toProposal(r) : null;
    },
    async list(workshopId, filter, page) {
      const sort = sorts[filter.sort];
      const [k1, k2] = page.after ?? [];
      const rows = prepared(
        `${selectProposal} WHERE p.workshop_id = @workshopId ${filter.status ? "AND p.status = @status" : ""} ${k1 === undefined ? "" : `AND ${sort.after}`}
         ORDER BY ${sort.order} LIMIT @limit`,
      ).all({ workshopId, status: filter.status ?? null, k1: k1 ?? null, k2: k2 ?? null, limit: page.limit + 1 }) as Row[];
      return mapPage(pageOf(rows, page, sort.key), toProposal);
    },
    async revise(proposal, expectedVersion, amendmentId) {
      return reviseTx(proposal, expectedVersion, amendmentId);
    },
    async setStatus(proposalId, status, decision) {
      setStatusTx(proposalId, status, decision);
    },
    async addSupport(proposalId, userId, at) {
      return addSupportTx(proposalId, userId, at);
    },
    async removeSupport(proposalId, userId) {
      return removeSupportTx(proposalId, userId);
    },
    async supportedBy(userId, proposalIds) {
      const rows = prepared("SELECT proposal_id FROM supports WHERE user_id = ? AND proposal_id IN (SELECT value FROM json_each(?))")
        .all(userId, JSON.stringify(proposalIds)) as Row[];
      return new Set(rows.map((r) => r.proposal_id as string));
    },
    async revisions(proposalId, page) {
      const rows = prepared(
        `SELECT r.*, u.display_name FROM proposal_revisions r JOIN users u ON u.id = r.changed_by
         WHERE r.proposal_id = ? AND r.version > ? ORDER BY r.version LIMIT ?`,
      ).all(proposalId, page.after?.[0] ?? 0, page.limit + 1) as Row[];
      return mapPage(pageOf(rows, page, (r) => [r.version as number]), (r) => ({
        proposalId,
        version: r.version as number,
        title: r.title as string,
        body: parseJson<RichTextDoc>(r.body),
        changedBy: r.changed_by as string,
        changedAt: r.changed_at as string,
        amendmentId: (r.amendment_id as string | null) ?? null,
        changedByPerson: personOf(r, "changed_by", "display_name"),
      }));
    },
    async createAmendment(amendment) {
      createAmendmentTx(amendment);
    },
    async amendmentById(workshopId, id) {
      const r = prepared(`${selectAmendment} WHERE m.workshop_id = ? AND m.id = ?`).get(workshopId, id) as Row | undefined;
      return r ? toAmendment(r) : null;
    },
    async listAmendments(proposalId, page) {
      const rows = prepared(`${selectAmendment} WHERE m.proposal_id = ? AND m.seq > ? ORDER BY m.seq LIMIT ?`).all(proposalId, page.after?.[0] ?? 0, page.limit + 1) as Row[];
      return mapPage(pageOf(rows, page, (r) => [r.seq as number]), toAmendment);
    },
    async decideAmendment(decision) {
      return decideTx(decision);
    },
  };
}
