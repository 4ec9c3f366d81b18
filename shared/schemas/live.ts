// Socket.IO events: client → server events with their payload schemas, and
// what the server pushes. Every client event gets an Ack (see shared/errors.ts).
import { z } from "zod";
import { contentLanguage, id, role } from "./common.js";

export const presenceEntry = z.object({
  userId: id,
  displayName: z.string(),
  role,
  /** The language this person reads in right now. */
  language: z.string(),
});

export const clientEvents = {
  "workshop.join": z.object({ workshopId: id }),
  "workshop.leave": z.object({ workshopId: id }),
  "presence.setLanguage": z.object({ workshopId: id, language: contentLanguage }),
} as const;

export type ClientEventName = keyof typeof clientEvents;
export type ClientEventPayload<E extends ClientEventName> = z.infer<(typeof clientEvents)[E]>;

export const serverEvents = {
  "presence.updated": z.object({ workshopId: id, people: z.array(presenceEntry) }),
  "workshop.updated": z.object({ workshopId: id }),
  "members.updated": z.object({ workshopId: id }),
} as const;

export type ServerEventName = keyof typeof serverEvents;
export type ServerEventPayload<E extends ServerEventName> = z.infer<(typeof serverEvents)[E]>;
export type PresenceEntry = z.infer<typeof presenceEntry>;

export const joinAck = z.object({ ok: z.literal(true), people: z.array(presenceEntry), role });
