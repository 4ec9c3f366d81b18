// Socket.IO events: client → server events with their payload schemas, and
// what the server pushes. Every client event gets an Ack (see shared/errors.ts).
import { z } from "zod";
import { translationOrigins, translationStatuses } from "../domain/translations.js";
import { richText } from "../richtext.js";
import { contentLanguage, id, role } from "./common.js";
import { contributionClientEvents, contributionServerEvents } from "./contributions.js";
import { liveSessionClientEvents, liveSessionServerEvents } from "./live-session.js";
import { synthesisStatusEvent } from "./synthesis.js";

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
  ...contributionClientEvents,
  ...liveSessionClientEvents,
} as const;

export type ClientEventName = keyof typeof clientEvents;
export type ClientEventPayload<E extends ClientEventName> = z.infer<(typeof clientEvents)[E]>;

export const serverEvents = {
  "presence.updated": z.object({ workshopId: id, people: z.array(presenceEntry) }),
  "workshop.updated": z.object({ workshopId: id }),
  "members.updated": z.object({ workshopId: id }),
  /** A synthesis document's status changed; while `agreed` it is read-only. Sent to every workshop that can read the document. */
  "synthesis.status": synthesisStatusEvent,
  /** A synthesis document was created, or a template was applied to one: refetch the list. */
  "synthesis.documents.updated": z.object({ workshopId: id }),
  /** A version of a synthesis document was recorded (manual, automatic, status change, restore). */
  "synthesis.versions.updated": z.object({ workshopId: id, documentId: id }),
  /**
   * The text of a synthesis document changed, a few seconds after editing paused: the blocks it
   * names may now have stale translations. For readers of the document in another language.
   */
  "synthesis.text.updated": z.object({ workshopId: id, documentId: id }),
  /**
   * A stored translation was written (by a person or a machine), reviewed or confirmed. It carries
   * the translation itself, so a reader follows a speaker of another language live: a Spanish
   * post's French machine draft arrives moments after the post.created it translates. Only
   * members who may see the target receive it: the whole room, except for a draft fiche
   * (its authors and facilitators) or a hidden post (its author and moderators).
   */
  "translation.updated": z.object({
    workshopId: id,
    targetKind: z.string(),
    targetId: z.string(),
    field: z.string(),
    language: z.string(),
    format: z.enum(["plain", "rich"]),
    /** A string for plain fields, a ProseMirror doc for rich ones. */
    text: z.union([z.string(), richText]),
    origin: z.enum(translationOrigins),
    /** Who made machine output ("apertium", "apertium:fr>es>en", "libretranslate"); null for a person's work. */
    provider: z.string().nullable(),
    status: z.enum(translationStatuses),
    /** True when the source changed after this translation was made. */
    stale: z.boolean(),
  }),
  ...contributionServerEvents,
  ...liveSessionServerEvents,
} as const;

export type ServerEventName = keyof typeof serverEvents;
export type ServerEventPayload<E extends ServerEventName> = z.infer<(typeof serverEvents)[E]>;
export type PresenceEntry = z.infer<typeof presenceEntry>;

