// Who reads or writes a contribution, and what their role lets them see or do beyond their own.
import { can, type Action, type Role } from "../../shared/permissions.js";
import { AppError } from "../errors.js";
import type { ReaderScope } from "../storage/port.js";

export interface Reader {
  userId: string;
  role: Role;
}

/** Facilitators see every draft and hidden post: the permission table says who, not this file. */
export const scopeOf = (reader: Reader): ReaderScope => ({
  userId: reader.userId,
  seesDrafts: can(reader.role, "fiche.editAny"),
  seesHidden: can(reader.role, "post.moderate"),
});

/** Authors act on their own contribution; anyone else needs `anyAction` from the permission table. */
export function requireAuthorOr(reader: Reader, authorIds: readonly string[], anyAction: Action | null, what: string): void {
  if (authorIds.includes(reader.userId) || (anyAction && can(reader.role, anyAction))) return;
  throw new AppError("not_author", `only the author of this ${what} may do this`, 403);
}

/** The reader of a socket event, from what the `on` wrapper authorized. */
export const readerOfEvent = (ctx: { actor: { user: { id: string } }; membership: { role: Role } }): Reader => ({ userId: ctx.actor.user.id, role: ctx.membership.role });
