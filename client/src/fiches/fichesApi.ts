// Typed calls to the fiches navettes of a workshop.
import type { z } from "zod";
import type { ConsentBody, Fiche, FicheRevision, FicheRowsInput, FicheSummary, createFicheBody } from "../../../shared/schemas/contributions.js";
import { richTextToPlain, type RichTextDoc } from "../../../shared/richtext.js";
import type { FicheStatus } from "../../../shared/domain/fiches.js";
import { api, queryString } from "../api.js";
import { workshopBase } from "../sequences/sequencesApi.js";
import { writeOrKeep } from "../ui/outbox.js";

type Page<T> = { items: T[]; nextCursor: string | null };
export type FicheEntryKind = "observer-feedback" | "host-replies";
/** Where an entry kept on the device waits: under the fiche's entries of its kind. */
export const entryPlace = (kind: FicheEntryKind, ficheId: string) => `${kind}:${ficheId}`;
const fichePath = (workshopId: string, ficheId: string) => `${workshopBase(workshopId)}/fiches/${encodeURIComponent(ficheId)}`;

export const fichesApi = {
  list: (workshopId: string, query: { status?: FicheStatus; cursor?: string } = {}) =>
    api.get<Page<FicheSummary>>(`${workshopBase(workshopId)}/fiches${queryString({ limit: 100, ...query })}`),
  create: (workshopId: string, body: z.input<typeof createFicheBody> = {}) =>
    api.post<{ fiche: Fiche }>(`${workshopBase(workshopId)}/fiches`, body).then((r) => r.fiche),
  get: (workshopId: string, ficheId: string) => api.get<{ fiche: Fiche }>(fichePath(workshopId, ficheId)).then((r) => r.fiche),
  update: (workshopId: string, ficheId: string, baseVersion: number, rows: FicheRowsInput) =>
    api.patch<{ fiche: Fiche }>(fichePath(workshopId, ficheId), { baseVersion, rows }).then((r) => r.fiche),
  setStatus: (workshopId: string, ficheId: string, status: "submitted" | "finalised") =>
    api.post<{ fiche: Fiche }>(`${fichePath(workshopId, ficheId)}/status`, { status }).then((r) => r.fiche),
  setConsent: (workshopId: string, ficheId: string, consent: ConsentBody) =>
    api.put<{ fiche: Fiche }>(`${fichePath(workshopId, ficheId)}/consent`, consent).then((r) => r.fiche),
  /**
   * An observer's feedback or a host's reply; while the connection is down, kept on this device
   * to send when it returns (null then; it shows at `entryPlace`).
   */
  async addEntry(userId: string, workshopId: string, ficheId: string, kind: FicheEntryKind, body: RichTextDoc): Promise<Fiche | null> {
    const answer = await writeOrKeep<{ fiche: Fiche }>(userId, { method: "POST", path: `${fichePath(workshopId, ficheId)}/${kind}`, body: { body }, place: entryPlace(kind, ficheId), text: richTextToPlain(body) });
    return answer?.fiche ?? null;
  },
  revisions: (workshopId: string, ficheId: string) => api.get<Page<FicheRevision>>(`${fichePath(workshopId, ficheId)}/revisions${queryString({ limit: 100 })}`),
};
