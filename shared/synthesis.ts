// Names of collaborative documents, as used in the Yjs endpoint's URL: /yjs/<docName>.

export type DocRef = { kind: "workshop-synthesis"; workshopId: string };

const workshopSynthesis = /^workshop\/([A-Za-z0-9_-]{8,64})\/synthesis$/;

export function synthesisDocName(workshopId: string): string {
  return `workshop/${workshopId}/synthesis`;
}

export function parseDocName(docName: string): DocRef | null {
  const match = workshopSynthesis.exec(docName);
  return match ? { kind: "workshop-synthesis", workshopId: match[1]! } : null;
}

/** The Tiptap fragment inside the Yjs doc that holds the synthesis text. */
export const synthesisFragment = "default";
