// The live room of a workshop: joining, leaving, presence and change notices.
import type { Server } from "socket.io";
import type { ServerEventName, ServerEventPayload } from "../../shared/schemas/live.js";
import type { MembershipRecord, Storage } from "../storage/port.js";
import { Presence } from "./presence.js";
import { workshopRoom, type SocketData, type SocketServer } from "./socket.js";

/** Sends server events to a workshop's live room; what contribution services see of Socket.IO. */
export interface LiveEmitter {
  emit<E extends ServerEventName>(workshopId: string, event: E, payload: ServerEventPayload<E>): void;
  /** Only to these people's sockets in the room: a draft reaches its authors and facilitators, nobody else. */
  emitTo<E extends ServerEventName>(workshopId: string, userIds: readonly string[], event: E, payload: ServerEventPayload<E>): Promise<void>;
}

export interface LiveHooks {
  /** A member entered the live room: a visit, for "new since my last visit". */
  onJoin?(workshopId: string, userId: string): Promise<void>;
  /** What else the join answer carries for this member: the running live session, so a latecomer catches up at once. */
  joinState?(workshopId: string, userId: string, role: MembershipRecord["role"]): Promise<Record<string, unknown>>;
}

export function registerLiveEvents({ io, on, onDisconnect }: SocketServer, storage: Storage, hooks: LiveHooks = {}) {
  const presence = new Presence();

  // Coalesced: many changes in the same moment (a room arriving, a burst of language
  // switches) send the room one list, not one per change.
  const pendingPresence = new Set<string>();
  const broadcastPresence = (workshopId: string) => {
    if (pendingPresence.has(workshopId)) return;
    pendingPresence.add(workshopId);
    setImmediate(() => {
      pendingPresence.delete(workshopId);
      io.to(workshopRoom(workshopId)).emit("presence.updated", { workshopId, people: presence.people(workshopId) });
    });
  };

  on("workshop.join", { summary: "Enter a workshop's live room; answers with who is there", action: "live.join" }, async ({ workshopId }, { actor, membership, socket }) => {
    await socket.join(workshopRoom(workshopId));
    presence.enter(workshopId, socket.id, {
      userId: actor.user.id,
      displayName: actor.user.displayName,
      role: membership.role,
      language: actor.user.language,
    });
    broadcastPresence(workshopId);
    await hooks.onJoin?.(workshopId, actor.user.id);
    return { people: presence.people(workshopId), role: membership.role, ...(await hooks.joinState?.(workshopId, actor.user.id, membership.role)) };
  });

  on("workshop.leave", { summary: "Leave a workshop's live room", action: "live.join" }, async ({ workshopId }, { socket }) => {
    await socket.leave(workshopRoom(workshopId));
    if (presence.leave(workshopId, socket.id)) broadcastPresence(workshopId);
  });

  on("presence.setLanguage", { summary: "Say which language I am reading in now", action: "live.join" }, async ({ workshopId, language }, { socket }) => {
    if (presence.update(workshopId, socket.id, { language })) broadcastPresence(workshopId);
  });

  onDisconnect((socket) => {
    for (const workshopId of presence.roomsOf(socket.id)) {
      presence.leave(workshopId, socket.id);
      broadcastPresence(workshopId);
    }
  });

  /** Tells a workshop's room that something changed; clients refetch what they show. */
  async function notify(workshopId: string, event: "workshop.updated" | "members.updated"): Promise<void> {
    if (event === "members.updated") {
      const members = await storage.workshops.members(workshopId);
      for (const m of members) presence.setRole(workshopId, m.userId, m.role);
      // A member who was removed stops hearing the room at once.
      const memberIds = new Set(members.map((m) => m.userId));
      for (const socket of await io.in(workshopRoom(workshopId)).fetchSockets()) {
        if (memberIds.has((socket.data as SocketData).actor.user.id)) continue;
        socket.leave(workshopRoom(workshopId));
        presence.leave(workshopId, socket.id);
      }
      broadcastPresence(workshopId);
    }
    io.to(workshopRoom(workshopId)).emit(event, { workshopId });
  }

  /** Sends a server event with its payload to everyone in a workshop's live room. */
  function emit<E extends ServerEventName>(workshopId: string, event: E, payload: ServerEventPayload<E>): void {
    io.to(workshopRoom(workshopId)).emit(event, payload);
  }

  async function emitTo<E extends ServerEventName>(workshopId: string, userIds: readonly string[], event: E, payload: ServerEventPayload<E>): Promise<void> {
    // fetchSockets, not the room's local sockets: with an adapter across nodes it reaches them all.
    for (const socket of await io.in(workshopRoom(workshopId)).fetchSockets()) {
      if (userIds.includes((socket.data as SocketData).actor.user.id)) socket.emit(event, payload);
    }
  }

  return { notify, emit, emitTo, presence };
}

export type { Server };
