// The one table of who may do what. Server routes, socket events and the Yjs
// upgrade call `authorize`; the client calls `can` to hide what a role may not do.

export const roles = ["facilitator", "host", "observer", "participant", "translator"] as const;
export type Role = (typeof roles)[number];

const everyMember = roles;
/** Everyone who takes part in the content of a workshop; translators translate it instead. */
const contributors = ["facilitator", "host", "observer", "participant"] as const;

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

  // Sequences and agenda (the facilitator runs the meeting).
  "sequence.manage": ["facilitator"],
  /** A tab says which sequences it holds unsent text in, so closing one can say how much it cuts. */
  "sequence.reportWriting": contributors,
  "agenda.read": everyMember,
  "agenda.manage": ["facilitator"],

  // Contributions: reading is for every member; drafts and consent are filtered by the presenters.
  "contribution.read": everyMember,
  "contribution.search": everyMember,
  // Fiches navettes: hosts present their actions, guests (observers) write sheets too.
  "fiche.create": ["facilitator", "host", "observer"],
  /** Editing any fiche, not only one's own; authors always edit their own. */
  "fiche.editAny": ["facilitator"],
  "fiche.observerFeedback": ["facilitator", "observer"],
  "fiche.hostReply": ["facilitator", "host"],
  "fiche.consent": ["facilitator", "host"],
  // Debate.
  "thread.create": contributors,
  "post.create": contributors,
  "post.moderate": ["facilitator"],
  // Proposals; a proposal's author also decides on its amendments.
  "proposal.create": contributors,
  "proposal.support": contributors,
  "amendment.create": contributors,
  "amendment.decideAny": ["facilitator"],
  "proposal.setStatus": ["facilitator"],

  // Translations: every member reads them; translators (and facilitators) write and review them.
  "translation.read": everyMember,
  "translation.write": ["facilitator", "translator"],
  "translation.review": ["facilitator", "translator"],
  "translation.requestMachine": everyMember,

  // Live sessions: the facilitator drives everyone's screen; members follow, ask for the floor and vote.
  "liveSession.drive": ["facilitator"],
  "liveSession.raiseHand": everyMember,
  "liveSession.vote": contributors,
  "liveSession.minutes": everyMember,
  /** Observers take notes by trade (OBC); the facilitator too. */
  "liveSession.takeNotes": ["facilitator", "observer"],

  "synthesis.read": everyMember,
  // Observers and translators read the synthesis; translators translate it block by block.
  "synthesis.edit": ["facilitator", "host", "participant"],
  "synthesis.version.create": ["facilitator", "host", "participant"],
  "synthesis.version.restore": ["facilitator"],
  "synthesis.status": ["facilitator"],
  "synthesis.document.create": ["facilitator"],
  /** Every member may export what they read; the exporter shows them only that. */
  "synthesis.export": everyMember,
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
