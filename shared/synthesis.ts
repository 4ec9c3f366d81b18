// Synthesis documents: their names in the Yjs endpoint's URL (/yjs/<docName>), their
// status workflow, and what the server publishes about a document in Yjs awareness.

/**
 * - `workshop/<workshopId>/synthesis`: the main synthesis of a workshop;
 * - `workshop/<workshopId>/doc/<documentId>`: another document of a workshop (per-sequence notes…);
 * - `series/<seriesId>/synthesis`: the synthesis of a whole series (démarche), across its workshops.
 */
export type DocRef =
  | { kind: "workshop-synthesis"; workshopId: string }
  | { kind: "workshop-document"; workshopId: string; documentId: string }
  | { kind: "series-synthesis"; seriesId: string };

const idPattern = "([A-Za-z0-9_-]{8,64})";
const workshopSynthesis = new RegExp(`^workshop/${idPattern}/synthesis$`);
const workshopDocument = new RegExp(`^workshop/${idPattern}/doc/${idPattern}$`);
const seriesSynthesis = new RegExp(`^series/${idPattern}/synthesis$`);

export function synthesisDocName(workshopId: string): string {
  return `workshop/${workshopId}/synthesis`;
}

export function workshopDocumentName(workshopId: string, documentId: string): string {
  return `workshop/${workshopId}/doc/${documentId}`;
}

export function seriesSynthesisName(seriesId: string): string {
  return `series/${seriesId}/synthesis`;
}

export function parseDocName(docName: string): DocRef | null {
  let match = workshopSynthesis.exec(docName);
  if (match) return { kind: "workshop-synthesis", workshopId: match[1]! };
  match = workshopDocument.exec(docName);
  if (match) return { kind: "workshop-document", workshopId: match[1]!, documentId: match[2]! };
  match = seriesSynthesis.exec(docName);
  if (match) return { kind: "series-synthesis", seriesId: match[1]! };
  return null;
}

/** The Tiptap fragment inside the Yjs doc that holds the synthesis text. */
export const synthesisFragment = "default";

export const documentKinds = ["main", "sequence-notes", "series"] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** draft → submitted for reading and amendment → agreed for circulation. */
export const synthesisStatuses = ["draft", "submitted", "agreed"] as const;
export type SynthesisStatus = (typeof synthesisStatuses)[number];

/** Allowed status changes; a facilitator reopens an agreed text as a draft. */
export const statusTransitions: Record<SynthesisStatus, readonly SynthesisStatus[]> = {
  draft: ["submitted"],
  submitted: ["draft", "agreed"],
  agreed: ["draft"],
};

export function canChangeStatus(from: SynthesisStatus, to: SynthesisStatus): boolean {
  return statusTransitions[from].includes(to);
}

/**
 * Why the server did not take edits a connection sent, as the reason of a y-protocols
 * "permission denied" auth message: told once per connection, until edits are taken again.
 */
export const refusalReasons = { agreed: "synthesis_agreed", readOnly: "synthesis_read_only" } as const;
export type RefusalReason = (typeof refusalReasons)[keyof typeof refusalReasons];

/** While agreed, a document is read-only for everyone until a facilitator reopens it. */
export function isReadOnlyStatus(status: SynthesisStatus): boolean {
  return status === "agreed";
}

export const versionKinds = ["manual", "auto", "status", "restore"] as const;
export type VersionKind = (typeof versionKinds)[number];

/**
 * The server's own awareness state in every document, under this key: the live status
 * and who is connected. Clients cannot set this key (the server strips it from theirs),
 * and the server stamps each client's `user.userId` and `user.name` with the signed-in account.
 */
export const serverAwarenessKey = "navette";

export interface DocumentPerson {
  userId: string;
  name: string;
  /** The account's language; a client's own awareness `user.language` says what it reads in right now. */
  language: string;
  readOnly: boolean;
}

export interface ServerAwareness {
  documentId: string;
  status: SynthesisStatus;
  people: DocumentPerson[];
}

/** Finds the server's state among a document's awareness states. */
export function readServerAwareness(states: Map<number, Record<string, unknown>>): ServerAwareness | null {
  for (const state of states.values()) {
    const value = state?.[serverAwarenessKey] as ServerAwareness | undefined;
    if (value && typeof value === "object" && typeof value.status === "string") return value;
  }
  return null;
}
