// The public shapes of fiches. Who may read a draft is decided before (mayReadFiche);
// what may leave the workshop is decided here, by consent to circulate.
import { mayCirculate } from "../../../shared/domain/fiches.js";
import type { Fiche, FicheEntry, FicheRevision, FicheSummary } from "../../../shared/schemas/contributions.js";
import type { FicheRevisionRecord, FicheView, PersonRef } from "../../storage/port.js";

const presentEntry = (e: FicheView["entries"][number]): FicheEntry => ({ id: e.id, kind: e.kind, body: e.body, author: e.author, createdAt: e.createdAt });

function common(f: FicheView) {
  return {
    id: f.id,
    workshopId: f.workshopId,
    status: f.status,
    authorSide: f.authorSide,
    authors: f.authors,
    consent: {
      toParticipants: f.consent.toParticipants,
      asWorkingDocument: f.consent.asWorkingDocument,
      conditions: f.consent.conditions,
      setBy: f.consentSetBy,
      setAt: f.consent.setAt,
    },
    circulation: { participants: mayCirculate(f, "participants"), workingDocument: mayCirculate(f, "workingDocument") },
    version: f.version,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    submittedAt: f.submittedAt,
    finalisedAt: f.finalisedAt,
  };
}

/** A fiche as a member who may read it sees it. */
export const presentFiche = (f: FicheView): Fiche => ({
  ...common(f),
  rows: f.rows,
  observerFeedback: f.entries.filter((e) => e.kind === "observerFeedback").map(presentEntry),
  hostReplies: f.entries.filter((e) => e.kind === "hostReply").map(presentEntry),
});

export const presentFicheSummary = (f: FicheView): FicheSummary => ({
  ...common(f),
  title: f.rows.title,
  presenters: f.rows.presenters,
  actionDate: f.rows.actionDate,
  place: f.rows.place,
  observerFeedbackCount: f.entries.filter((e) => e.kind === "observerFeedback").length,
  hostReplyCount: f.entries.filter((e) => e.kind === "hostReply").length,
});

/** A fiche as it may be shown outside the workshop or exported: null without consent to the participants. */
export const presentFicheOutside = (f: FicheView): Fiche | null => (mayCirculate(f, "participants") ? presentFiche(f) : null);

export const presentFicheRevision = (r: FicheRevisionRecord & { changedByPerson: PersonRef }): FicheRevision => ({
  version: r.version,
  changedBy: r.changedByPerson,
  changedAt: r.changedAt,
  changes: r.changes,
});
