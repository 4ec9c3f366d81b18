// Typed calls to a workshop's past live sessions and their minutes (the running one goes through the live room).
import type { ExportFormat } from "../../../shared/schemas/export.js";
import type { Minutes } from "../../../shared/schemas/live-session.js";
import { api, queryString } from "../api.js";
import { workshopBase } from "../sequences/sequencesApi.js";

type Summary = Minutes["session"];
const sessionsPath = (workshopId: string) => `${workshopBase(workshopId)}/live-sessions`;

export const liveSessionApi = {
  sessions: (workshopId: string) => api.get<{ sessions: Summary[] }>(sessionsPath(workshopId)).then((r) => r.sessions),
  minutes: (workshopId: string, sessionId: string) => api.get<Minutes>(`${sessionsPath(workshopId)}/${encodeURIComponent(sessionId)}/minutes`),
  /** A plain link: the browser downloads the file with the session cookie. */
  minutesFile: (workshopId: string, sessionId: string, format: ExportFormat, lang: string) =>
    `${sessionsPath(workshopId)}/${encodeURIComponent(sessionId)}/minutes/export${queryString({ format, lang })}`,
};
