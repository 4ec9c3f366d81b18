// The public shapes of what changed since a visit and of search hits.
import type { SequenceKind } from "../../../shared/domain/sequences.js";
import type { Change, SearchHit } from "../../../shared/schemas/contributions.js";
import type { ChangeRecord, SearchHitRecord } from "../../storage/port.js";

const sequenceOfKind: Record<SearchHitRecord["kind"], SequenceKind | null> = {
  fiche: "illustrate",
  ficheEntry: "illustrate",
  thread: "debate",
  post: "debate",
  proposal: "propose",
  amendment: "propose",
  synthesis: null,
};

export const presentChange = (c: ChangeRecord): Change => ({
  kind: c.kind,
  id: c.id,
  sequence: sequenceOfKind[c.kind]!,
  title: c.title,
  changedAt: c.changedAt,
  newPosts: c.newPosts,
});

export const presentSearchHit = (h: SearchHitRecord): SearchHit => ({
  kind: h.kind,
  id: h.id,
  sequence: sequenceOfKind[h.kind],
  ficheId: h.ficheId,
  threadId: h.threadId,
  proposalId: h.proposalId,
  title: h.title,
  excerpt: h.excerpt,
  at: h.at,
  synthesis: h.synthesis,
});
