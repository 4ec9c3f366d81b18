// The public shapes of synthesis documents, versions and status changes: what leaves the server.
import { can, type Role } from "../../shared/permissions.js";
import type { StatusChange, SynthesisDocument, SynthesisVersion } from "../../shared/schemas/synthesis.js";
import type { StatusChangeRecord, SynthesisDocumentRecord, SynthesisVersionRecord } from "../storage/port.js";

/** Display names of the people a response mentions. */
export type Names = Map<string, string>;

const person = (userId: string, names: Names) => ({ userId, displayName: names.get(userId) ?? "" });

export const presentDocument = (d: SynthesisDocumentRecord, myRole: Role): SynthesisDocument => ({
  id: d.id,
  docName: d.docName,
  scope: d.scope,
  workshopId: d.workshopId,
  seriesId: d.seriesId,
  kind: d.kind,
  title: d.title,
  language: d.language,
  status: d.status,
  statusChangedAt: d.statusChangedAt,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
  myRole,
  can: {
    edit: can(myRole, "synthesis.edit"),
    createVersion: can(myRole, "synthesis.version.create"),
    restoreVersion: can(myRole, "synthesis.version.restore"),
    changeStatus: can(myRole, "synthesis.status"),
    applyTemplate: can(myRole, "synthesis.document.create"),
  },
});

export const presentVersion = (v: SynthesisVersionRecord, names: Names): SynthesisVersion => ({
  id: v.id,
  documentId: v.documentId,
  name: v.name,
  kind: v.kind,
  createdBy: v.createdBy ? person(v.createdBy, names) : null,
  createdAt: v.createdAt,
  restoredFrom: v.restoredFrom,
});

export const presentStatusChange = (c: StatusChangeRecord, names: Names): StatusChange => ({
  id: c.id,
  from: c.from,
  to: c.to,
  changedBy: person(c.changedBy, names),
  changedAt: c.changedAt,
  versionId: c.versionId,
});
