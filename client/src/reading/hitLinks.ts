// Where a search hit or a change since my last visit opens.
import type { SequenceKind } from "../../../shared/domain/sequences.js";

type Target = {
  kind: string;
  id: string;
  ficheId?: string | null;
  threadId?: string | null;
  proposalId?: string | null;
  sequence: SequenceKind | null;
  synthesis?: { documentId: string; blockId: string } | null;
};

export function contributionPath(workshopId: string, target: Target): string {
  const base = `/workshops/${workshopId}`;
  // A synthesis passage opens its document there.
  if (target.synthesis) return `${base}/synthesis/${encodeURIComponent(target.synthesis.documentId)}#block-${encodeURIComponent(target.synthesis.blockId)}`;
  const ficheId = target.ficheId ?? (target.kind === "fiche" ? target.id : null);
  const threadId = target.threadId ?? (target.kind === "thread" ? target.id : null);
  const proposalId = target.proposalId ?? (target.kind === "proposal" ? target.id : null);
  if (target.kind.startsWith("fiche") && ficheId) return `${base}/illustrate/fiches/${ficheId}`;
  if ((target.kind === "thread" || target.kind === "post") && threadId) return `${base}/debate/threads/${threadId}`;
  if ((target.kind === "proposal" || target.kind === "amendment") && proposalId) return `${base}/propose/${proposalId}`;
  return target.sequence ? `${base}/${target.sequence}` : base;
}
