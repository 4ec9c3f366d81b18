// Typed calls to synthesis documents: the registry, status, templates, versions, diff, citations.
import type { CitationKind } from "../../../shared/editor.js";
import type {
  CitingPassage,
  StatusChange,
  SynthesisDiff,
  SynthesisDocument,
  SynthesisVersion,
} from "../../../shared/schemas/synthesis.js";
import type { SynthesisStatus } from "../../../shared/synthesis.js";
import type { SynthesisTemplate } from "../../../shared/synthesis-templates.js";
import { api, queryString } from "../api.js";

const workshopPath = (workshopId: string) => `/api/workshops/${encodeURIComponent(workshopId)}/synthesis`;
const documentPath = (documentId: string) => `/api/synthesis/documents/${encodeURIComponent(documentId)}`;

export type DocumentWithHistory = { document: SynthesisDocument; statusHistory: StatusChange[] };

export const synthesisApi = {
  /** The workshop's documents: its main synthesis first, its other documents, then its series' synthesis. */
  documents: (workshopId: string) => api.get<{ documents: SynthesisDocument[] }>(`${workshopPath(workshopId)}/documents`).then((r) => r.documents),
  createDocument: (workshopId: string, body: { title: string; language?: string; template?: SynthesisTemplate }) =>
    api.post<{ document: SynthesisDocument }>(`${workshopPath(workshopId)}/documents`, { kind: "sequence-notes", ...body }).then((r) => r.document),
  document: (documentId: string) => api.get<DocumentWithHistory>(documentPath(documentId)),
  rename: (documentId: string, title: string) => api.patch<{ document: SynthesisDocument }>(documentPath(documentId), { title }).then((r) => r.document),
  applyTemplate: (documentId: string, template: SynthesisTemplate, language?: string) =>
    api.post<{ document: SynthesisDocument }>(`${documentPath(documentId)}/template`, { template, language }).then((r) => r.document),
  /** `from` is the status I saw: the server refuses the change if it moved meanwhile. */
  changeStatus: (documentId: string, status: SynthesisStatus, from: SynthesisStatus) =>
    api.post<{ document: SynthesisDocument; change: StatusChange }>(`${documentPath(documentId)}/status`, { status, from }),
  versions: (documentId: string) => api.get<{ versions: SynthesisVersion[] }>(`${documentPath(documentId)}/versions`).then((r) => r.versions),
  createVersion: (documentId: string, name: string) =>
    api.post<{ version: SynthesisVersion }>(`${documentPath(documentId)}/versions`, { name }).then((r) => r.version),
  /** A version id, or "current" for the text as it is now. */
  diff: (documentId: string, from: string, to: string) => api.get<SynthesisDiff>(`${documentPath(documentId)}/diff${queryString({ from, to })}`),
  restore: (documentId: string, versionId: string) =>
    api.post<{ version: SynthesisVersion }>(`${documentPath(documentId)}/versions/${encodeURIComponent(versionId)}/restore`).then((r) => r.version),
  /** Passages citing one or several contributions of a kind (up to 200). */
  citing: (workshopId: string, kind: CitationKind, targetIds: readonly string[]) =>
    api.get<{ passages: CitingPassage[] }>(`${workshopPath(workshopId)}/citations${queryString({ kind, targetId: targetIds.join(",") })}`).then((r) => r.passages),
};

/** Where a passage of a document opens: the synthesis page, scrolled to the block. */
export function passagePath(workshopId: string, documentId: string, blockId?: string): string {
  const base = `/workshops/${encodeURIComponent(workshopId)}/synthesis/${encodeURIComponent(documentId)}`;
  return blockId ? `${base}#block-${encodeURIComponent(blockId)}` : base;
}
