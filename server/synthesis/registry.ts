// The registry of synthesis documents and who may do what with each. A workshop's main
// synthesis and a series' synthesis are registered on first use; other documents are
// created by a facilitator. In a series' synthesis, facilitators of any of its workshops
// act as facilitators and every other member of its workshops reads.
import { can, type Action, type Role } from "../../shared/permissions.js";
import { parseDocName, seriesSynthesisName, synthesisDocName, type DocRef } from "../../shared/synthesis.js";
import { errors } from "../errors.js";
import { newId, nowIso } from "../ids.js";
import type { Storage, SynthesisDocumentRecord } from "../storage/port.js";

export interface DocumentAccess {
  record: SynthesisDocumentRecord;
  role: Role;
}

export function createRegistry(storage: Storage) {
  const fresh = (fields: Pick<SynthesisDocumentRecord, "docName" | "scope" | "workshopId" | "seriesId" | "kind" | "language">): SynthesisDocumentRecord => {
    const now = nowIso();
    return { id: newId(), title: "", status: "draft", statusChangedAt: null, createdBy: null, createdAt: now, updatedAt: now, ...fields };
  };

  async function mainOf(workshopId: string): Promise<SynthesisDocumentRecord | null> {
    const docName = synthesisDocName(workshopId);
    const known = await storage.synthesis.documentByName(docName);
    if (known) return known;
    const workshop = await storage.workshops.byId(workshopId);
    if (!workshop) return null;
    const language = workshop.languages[0] ?? "fr";
    return storage.synthesis.ensureDocument(fresh({ docName, scope: "workshop", workshopId, seriesId: null, kind: "main", language }));
  }

  async function seriesSynthesisOf(seriesId: string): Promise<SynthesisDocumentRecord | null> {
    const docName = seriesSynthesisName(seriesId);
    const known = await storage.synthesis.documentByName(docName);
    if (known) return known;
    if (!(await storage.workshops.seriesById(seriesId))) return null;
    const [first] = await storage.workshops.listInSeries(seriesId);
    const language = first?.languages[0] ?? "fr";
    return storage.synthesis.ensureDocument(fresh({ docName, scope: "series", workshopId: null, seriesId, kind: "series", language }));
  }

  /** The record of a named document, registering the main and series syntheses on first use; null if there is none. */
  async function resolve(ref: DocRef, docName: string): Promise<SynthesisDocumentRecord | null> {
    switch (ref.kind) {
      case "workshop-synthesis":
        return mainOf(ref.workshopId);
      case "series-synthesis":
        return seriesSynthesisOf(ref.seriesId);
      case "workshop-document": {
        const record = await storage.synthesis.documentByName(docName);
        return record && record.workshopId === ref.workshopId ? record : null;
      }
    }
  }

  /** The caller's role for a document, or null when they are a member of none of its workshops. */
  async function roleIn(scope: Pick<SynthesisDocumentRecord, "scope" | "workshopId" | "seriesId">, userId: string): Promise<Role | null> {
    if (scope.scope === "workshop") return (await storage.workshops.membership(scope.workshopId!, userId))?.role ?? null;
    const memberships = await storage.workshops.seriesMemberships(scope.seriesId!, userId);
    if (memberships.length === 0) return null;
    return memberships.some((m) => m.role === "facilitator") ? "facilitator" : "observer";
  }

  function check(role: Role | null, action: Action): Role {
    if (!role) throw errors.notFound("synthesis document");
    if (!can(role, action)) throw errors.forbidden(action);
    return role;
  }

  return {
    mainOf,
    seriesSynthesisOf,
    roleIn,

    /** The record of a document by its Yjs name, or null if there is none. */
    async recordOf(docName: string): Promise<SynthesisDocumentRecord | null> {
      const ref = parseDocName(docName);
      return ref ? resolve(ref, docName) : null;
    },

    /**
     * Authorizes a document by its Yjs name. Membership is checked before anything is
     * registered, so strangers never create a record.
     */
    async accessByName(userId: string, docName: string, action: Action): Promise<DocumentAccess> {
      const ref = parseDocName(docName);
      if (!ref) throw errors.notFound("synthesis document");
      const scope =
        ref.kind === "series-synthesis"
          ? { scope: "series" as const, workshopId: null, seriesId: ref.seriesId }
          : { scope: "workshop" as const, workshopId: ref.workshopId, seriesId: null };
      const role = check(await roleIn(scope, userId), action);
      const record = await resolve(ref, docName);
      if (!record) throw errors.notFound("synthesis document");
      return { record, role };
    },

    async accessById(userId: string, documentId: string, action: Action): Promise<DocumentAccess> {
      const record = await storage.synthesis.documentById(documentId);
      const role = check(record ? await roleIn(record, userId) : null, action);
      return { record: record!, role };
    },

    /** The workshops whose live rooms hear about a document. */
    async workshopsOf(record: SynthesisDocumentRecord): Promise<string[]> {
      if (record.workshopId) return [record.workshopId];
      return (await storage.workshops.listInSeries(record.seriesId!)).map((w) => w.id);
    },
  };
}

export type Registry = ReturnType<typeof createRegistry>;
