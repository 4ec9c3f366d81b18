// Bodies and shapes of synthesis documents: the registry, templates, status, versions, diff, citations.
import { z } from "zod";
import { citationKinds } from "../editor.js";
import { documentKinds, synthesisStatuses, versionKinds } from "../synthesis.js";
import { synthesisTemplates } from "../synthesis-templates.js";
import { contentLanguage, id, isoDate, requiredText, role } from "./common.js";

export const synthesisStatus = z.enum(synthesisStatuses);
export const synthesisTemplate = z.enum(synthesisTemplates);

const person = z.object({ userId: id, displayName: z.string() });

export const synthesisDocument = z.object({
  id,
  /** Open it over y-websocket at /yjs/<docName>. */
  docName: z.string(),
  scope: z.enum(["workshop", "series"]),
  workshopId: id.nullable(),
  seriesId: id.nullable(),
  kind: z.enum(documentKinds),
  /** Empty for the main and the series synthesis: the client names them. */
  title: z.string(),
  language: z.string(),
  status: synthesisStatus,
  statusChangedAt: isoDate.nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
  /** The reader's role for this document; in a series synthesis, facilitators of any of its workshops are facilitators, everyone else reads. */
  myRole: role,
  /** What the reader's role allows, whatever the status; while `agreed` nobody edits. */
  can: z.object({
    edit: z.boolean(),
    createVersion: z.boolean(),
    restoreVersion: z.boolean(),
    changeStatus: z.boolean(),
    applyTemplate: z.boolean(),
  }),
});

export const statusChange = z.object({
  id,
  from: synthesisStatus,
  to: synthesisStatus,
  changedBy: person,
  changedAt: isoDate,
  /** The version recorded with the change: the text as it was at that moment. */
  versionId: id,
});

export const synthesisVersion = z.object({
  id,
  documentId: id,
  /** Given by a person for manual versions; empty otherwise (the client names them by kind). */
  name: z.string(),
  kind: z.enum(versionKinds),
  /** Null for automatic versions. */
  createdBy: person.nullable(),
  createdAt: isoDate,
  /** For a restore: the version whose text was brought back. */
  restoredFrom: id.nullable(),
});

export const createDocumentBody = z.object({
  kind: z.literal("sequence-notes"),
  title: requiredText(200),
  /** Defaults to the workshop's first language. */
  language: contentLanguage.optional(),
  template: synthesisTemplate.optional(),
});

export const renameDocumentBody = z.object({ title: requiredText(200) });

export const applyTemplateBody = z.object({
  template: synthesisTemplate,
  /** Language of the headings; defaults to the document's language. */
  language: contentLanguage.optional(),
});

export const changeStatusBody = z.object({
  status: synthesisStatus,
  /** The status the client saw; the change is refused if it moved meanwhile. */
  from: synthesisStatus.optional(),
});

export const createVersionBody = z.object({ name: requiredText(120) });

/** A version id, or `current` for the document as it is now. */
export const versionRef = z.union([z.literal("current"), id]);
export const diffQuery = z.object({ from: versionRef, to: versionRef.default("current") });

export const diffRun = z.object({ op: z.enum(["equal", "insert", "delete"]), text: z.string() });
export const diffBlock = z.object({
  blockId: z.string().nullable(),
  type: z.string(),
  /** Heading level, when the block is a heading. */
  level: z.number().int().nullable(),
  change: z.enum(["unchanged", "changed", "inserted", "removed"]),
  runs: z.array(diffRun),
});
export const synthesisDiff = z.object({
  from: synthesisVersion.nullable(),
  to: synthesisVersion.nullable(),
  blocks: z.array(diffBlock),
  /** Words inserted and removed. */
  inserted: z.number().int(),
  removed: z.number().int(),
});

/** ProseMirror JSON of a document. */
export const richTextDocument = z.object({ type: z.literal("doc") }).catchall(z.unknown());

/** One contribution, or several at once (a thread's posts): `targetId` takes up to 200 ids separated by commas. */
export const citationsQuery = z.object({
  kind: z.enum(citationKinds),
  targetId: z
    .string()
    .transform((value) => value.split(","))
    .pipe(z.array(id).min(1).max(200)),
});
export const citingPassage = z.object({
  /** The contribution cited. */
  targetId: id,
  documentId: id,
  docName: z.string(),
  documentKind: z.enum(documentKinds),
  title: z.string(),
  blockId: z.string(),
  /** The passage's text, cut to 280 characters. */
  excerpt: z.string(),
  /** An inline citation in the text, or a proposal marked "merged into synthesis" at this passage. */
  via: z.enum(["citation", "merged"]),
});

export const synthesisStatusEvent = z.object({
  workshopId: id,
  documentId: id,
  status: synthesisStatus,
  changedBy: person,
  changedAt: isoDate,
  versionId: id,
});

export type SynthesisDocument = z.infer<typeof synthesisDocument>;
export type SynthesisVersion = z.infer<typeof synthesisVersion>;
export type StatusChange = z.infer<typeof statusChange>;
export type SynthesisDiff = z.infer<typeof synthesisDiff>;
export type DiffBlock = z.infer<typeof diffBlock>;
export type DiffRun = z.infer<typeof diffRun>;
export type CitingPassage = z.infer<typeof citingPassage>;
export type CreateDocumentBody = z.infer<typeof createDocumentBody>;
