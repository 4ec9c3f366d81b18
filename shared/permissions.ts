// The one table of who may do what. Server routes, socket events and the Yjs
// upgrade call `authorize`; the client calls `can` to hide what a role may not do.

export const roles = ["facilitator", "host", "observer", "participant", "translator"] as const;
export type Role = (typeof roles)[number];

const everyMember = roles;

/** Actions scoped to a workshop: the member's role decides. */
export const permissions = {
  "workshop.read": everyMember,
  "workshop.update": ["facilitator"],
  "workshop.members.list": everyMember,
  "workshop.members.changeRole": ["facilitator"],
  "invitation.create": ["facilitator"],
  "invitation.list": ["facilitator"],
  "invitation.revoke": ["facilitator"],
  "live.join": everyMember,
  "synthesis.read": everyMember,
  // Observers and translators read the synthesis; translators translate it block by block.
  "synthesis.edit": ["facilitator", "host", "participant"],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof permissions;

// Creating a workshop, accepting an invitation and managing one's own account need
// only a signed-in account: routes declare them with access "user".

export function can(role: Role | null | undefined, action: Action): boolean {
  if (!role) return false;
  return (permissions[action] as readonly Role[]).includes(role);
}

export function actionsOf(role: Role): Action[] {
  return (Object.keys(permissions) as Action[]).filter((action) => can(role, action));
}
