// The one authorization check for workshop actions, used by routes, socket events
// and the Yjs upgrade. Non-members learn nothing: they get not_found.
import { can, type Action } from "../../shared/permissions.js";
import { errors } from "../errors.js";
import type { MembershipRecord, Storage } from "../storage/port.js";

export async function authorizeInWorkshop(
  storage: Storage,
  userId: string,
  workshopId: string,
  action: Action,
): Promise<MembershipRecord> {
  const membership = await storage.workshops.membership(workshopId, userId);
  if (!membership) throw errors.notFound("workshop");
  if (!can(membership.role, action)) throw errors.forbidden(action);
  return membership;
}
