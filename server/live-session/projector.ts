// The projector: a read-only screen for the room, opened with a facilitator-issued link token
// scoped to one session, no account. Its own Socket.IO namespace, so the main one keeps
// requiring an account; it only listens. It gets the item's title in the chosen languages,
// since it cannot ask the API for translations.
import type { Server, Socket } from "socket.io";
import type { TranslationTargetKind } from "../../shared/domain/translations.js";
import type { ServerEventPayload } from "../../shared/schemas/live.js";
import { errors, toApiError } from "../errors.js";
import { hashSecret, nowIso } from "../ids.js";
import type { LiveSessionRecord, Storage } from "../storage/port.js";
import type { TranslatableSource } from "../translation/index.js";
import { follower, presentLiveSession } from "./presenter.js";
import type { LiveSessionService } from "./service.js";

type SourceOf = (kind: TranslationTargetKind) => TranslatableSource | undefined;
const room = (sessionId: string) => `projector:${sessionId}`;

/** Where each kind of item keeps its title, as its translation source names it. */
function titleOf(record: LiveSessionRecord): { targetKind: TranslationTargetKind; targetId: string; fields: string[] } | null {
  const item = record.state.item;
  switch (item?.kind) {
    case "fiche":
      return { targetKind: "fiche", targetId: item.id, fields: ["title", "rows.title"] };
    case "proposal":
    case "thread":
      return { targetKind: item.kind, targetId: item.id, fields: ["title"] };
    case "agendaSlot":
      return { targetKind: "agendaItem", targetId: item.id, fields: ["title"] };
    case "question":
      return { targetKind: "workshop", targetId: record.workshopId, fields: [`question:${item.id}`] };
    default:
      return null;
  }
}

export function createProjector(io: Server, storage: Storage, service: LiveSessionService, sourceOf: SourceOf) {
  const screens = io.of("/projector");

  async function textsOf(record: LiveSessionRecord): Promise<ServerEventPayload<"projector.updated">["texts"]> {
    const title = titleOf(record);
    const languages = record.state.projector?.languages ?? [];
    if (!title || !languages.length) return [];
    const source = await sourceOf(title.targetKind)?.load(record.workshopId, title.targetId);
    const field = source?.fields.find((f) => title.fields.includes(f.field));
    if (!source || !field || typeof field.value !== "string") return [];
    const original = field.value;
    const sourceLanguage = (await storage.translations.sourceLanguage(record.workshopId, title.targetKind, title.targetId)) ?? source.language ?? null;
    return Promise.all(
      languages.map(async (language) => {
        if (language === sourceLanguage) return { language, title: original, origin: "original" as const };
        const stored = await storage.translations.get({ workshopId: record.workshopId, targetKind: title.targetKind, targetId: title.targetId, field: field.field, language });
        return stored ? { language, title: stored.text, origin: stored.origin } : { language, title: original, origin: "original" as const };
      }),
    );
  }

  const payload = async (record: LiveSessionRecord) => ({ session: presentLiveSession(record, follower, nowIso()), texts: await textsOf(record) });

  screens.use(async (socket, next) => {
    try {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      const record = typeof token === "string" && token.length <= 200 ? await storage.liveSessions.byProjectorToken(hashSecret(token)) : null;
      if (!record) throw errors.notFound("projector link");
      socket.data = { sessionId: record.id, workshopId: record.workshopId };
      next();
    } catch (error) {
      const apiError = toApiError(error);
      next(Object.assign(new Error(apiError.message), { data: { code: apiError.code, message: apiError.message } }));
    }
  });

  screens.on("connection", async (socket: Socket) => {
    const { sessionId, workshopId } = socket.data as { sessionId: string; workshopId: string };
    await socket.join(room(sessionId));
    const running = await service.current(workshopId);
    const record = running?.id === sessionId ? running : await storage.liveSessions.byProjectorToken(hashSecret((socket.handshake.auth as { token: string }).token));
    if (record) socket.emit("projector.updated", await payload(record));
  });

  service.onChange((record) => {
    if (!record.state.projector) return;
    payload(record)
      .then((update) => screens.to(room(record.id)).emit("projector.updated", update))
      .catch(() => {});
  });
  service.onProjectorRevoked((sessionId) => screens.in(room(sessionId)).disconnectSockets(true));
}
