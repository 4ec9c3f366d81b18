// Typed calls to the workshop, member and invitation routes.
import type { Role } from "../../../shared/permissions.js";
import type { z } from "zod";
import type {
  createInvitationBody,
  createWorkshopBody,
  Invitation,
  InvitationPreview,
  Member,
  Series,
  UpdateWorkshopBody,
  Workshop,
} from "../../../shared/schemas/workshops.js";
import { api } from "../api.js";

const workshopPath = (id: string) => `/api/workshops/${encodeURIComponent(id)}`;

// Bodies are typed as the schemas' input, so fields with server-side defaults may be left out.
type NewWorkshop = z.input<typeof createWorkshopBody>;
type NewInvitation = z.input<typeof createInvitationBody>;

export const workshopsApi = {
  list: () => api.get<{ workshops: Workshop[] }>("/api/workshops").then((r) => r.workshops),
  create: (body: NewWorkshop) => api.post<{ workshop: Workshop }>("/api/workshops", body).then((r) => r.workshop),
  get: (id: string) => api.get<{ workshop: Workshop }>(workshopPath(id)).then((r) => r.workshop),
  update: (id: string, body: UpdateWorkshopBody) => api.patch<{ workshop: Workshop }>(workshopPath(id), body).then((r) => r.workshop),

  members: (id: string) => api.get<{ members: Member[] }>(`${workshopPath(id)}/members`).then((r) => r.members),
  changeRole: (id: string, userId: string, role: Role) =>
    api.patch<{ member: Member }>(`${workshopPath(id)}/members/${encodeURIComponent(userId)}`, { role }).then((r) => r.member),

  invitations: (id: string) => api.get<{ invitations: Invitation[] }>(`${workshopPath(id)}/invitations`).then((r) => r.invitations),
  createInvitation: (id: string, body: NewInvitation) =>
    api.post<{ invitation: Invitation }>(`${workshopPath(id)}/invitations`, body).then((r) => r.invitation),
  revokeInvitation: (id: string, invitationId: string) =>
    api.delete<{ ok: true }>(`${workshopPath(id)}/invitations/${encodeURIComponent(invitationId)}`),

  /** The series this workshop is a stage of, and those I may add it to. */
  series: (seriesId: string) => api.get<{ series: Series }>(`/api/series/${encodeURIComponent(seriesId)}`).then((r) => r.series),
  seriesIFacilitate: () => api.get<{ series: Series[] }>("/api/series").then((r) => r.series),
  startSeries: (id: string, body: { title: string; description?: string }) =>
    api.post<{ series: Series }>(`${workshopPath(id)}/series`, body).then((r) => r.series),
  joinSeries: (id: string, seriesId: string) => api.put<{ series: Series }>(`${workshopPath(id)}/series`, { seriesId }).then((r) => r.series),
  leaveSeries: (id: string) => api.delete<{ ok: true }>(`${workshopPath(id)}/series`),

  previewInvitation: (token: string) =>
    api.get<{ invitation: InvitationPreview }>(`/api/invitations/${encodeURIComponent(token)}`).then((r) => r.invitation),
  acceptInvitation: (token: string) =>
    api.post<{ workshopId: string; role: Role }>(`/api/invitations/${encodeURIComponent(token)}/accept`),
};
