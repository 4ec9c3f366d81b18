// The projector: a read-only screen for the room, opened with a facilitator-issued link token
// scoped to one session, no account. Its own Socket.IO namespace, so the main one keeps
// requiring an account; it only listens. It gets the item's heading in the chosen languages,
// marked like every translation (machine, out of date, not translated), since it cannot ask
// the API for translations.
import type { Server, Socket } from "socket.io";
import type { ServerEventPayload } from "../../shared/schemas/live.js";
import { errors, toApiError } from "../errors.js";
import { hashSecret, nowIso } from "../ids.js";
import type { LiveSessionRecord, Storage } from "../storage/port.js";
import { itemHeading } from "../../shared/domain/live-session.js";
import type { RoomItems } from "./items.js";
import { follower, presentLiveSession } from "./presenter.js";
import type { LiveSessionService } from "./service.js";

const room = (sessionId: string) => `projector:${sessionId}`;

export function createProjector(io: Server, storage: Storage, service: LiveSessionService, items: RoomItems) {
  const screens = io.of("/projector");

  async function payload(record: LiveSessionRecord): Promise<ServerEventPayload<"projector.updated">> {
    const { item, poll, projector } = record.state;
    const languages = projector?.languages ?? [];
    const options: ServerEventPayload<"projector.updated">["options"] = {};
    if (poll?.kind === "proposals") {
      for (const id of poll.options) options[id] = await items.headingIn(record.workshopId, { kind: "proposal", id }, languages);
    }
    return {
      session: presentLiveSession(record, follower, nowIso()),
      texts: item ? await items.headingIn(record.workshopId, item, languages) : [],
      options,
    };
  }

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

  return {
    /** A translation was stored: the screens showing its target get the new text. */
    async translationChanged(workshopId: string, targetKind: string, targetId: string): Promise<void> {
      const record = await service.current(workshopId);
      if (!record?.state.projector) return;
      const { item, poll } = record.state;
      const heading = item && itemHeading(workshopId, item);
      const showsItem = heading?.targetKind === targetKind && heading.targetId === targetId;
      const showsOption = targetKind === "proposal" && poll?.kind === "proposals" && poll.options.includes(targetId);
      if (showsItem || showsOption) screens.to(room(record.id)).emit("projector.updated", await payload(record));
    },
  };
}
