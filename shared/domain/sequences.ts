// The three sequences of a workshop and the rules that run them: which status may follow
// which, in what order they open, and which contributions each one accepts.

export const sequenceKinds = ["illustrate", "debate", "propose"] as const;
export type SequenceKind = (typeof sequenceKinds)[number];

export const sequenceStatuses = ["upcoming", "open", "closed"] as const;
export type SequenceStatus = (typeof sequenceStatuses)[number];

/** Every kind of contribution, and the sequence it belongs to. */
export const sequenceOf = {
  fiche: "illustrate",
  ficheFeedback: "illustrate",
  thread: "debate",
  post: "debate",
  proposal: "propose",
  support: "propose",
  amendment: "propose",
} as const satisfies Record<string, SequenceKind>;
export type ContributionKind = keyof typeof sequenceOf;

const allowedTransitions: Record<SequenceStatus, SequenceStatus[]> = {
  upcoming: ["open"],
  open: ["closed"],
  // A facilitator may reopen a sequence, e.g. for the rounds of feedback that finalise the fiches.
  closed: ["open"],
};

export type TransitionProblem = "invalid_transition" | "sequence_order";

/** Why `kind` may not move to `to`, or null when it may. `statuses` holds all three sequences. */
export function transitionProblem(statuses: Record<SequenceKind, SequenceStatus>, kind: SequenceKind, to: SequenceStatus): TransitionProblem | null {
  if (!allowedTransitions[statuses[kind]].includes(to)) return "invalid_transition";
  if (to === "open") {
    const earlier = sequenceKinds.slice(0, sequenceKinds.indexOf(kind));
    if (earlier.some((k) => statuses[k] === "upcoming")) return "sequence_order";
  }
  return null;
}

/**
 * Why a contribution may not be written into a sequence in this status, or null.
 * Closed refuses everything. Upcoming refuses everything but preparation: hosts and guests
 * may draft their fiches before the meeting opens the illustrate sequence.
 */
export function contributionProblem(status: SequenceStatus, options: { preparation?: boolean } = {}): "sequence_closed" | "sequence_not_open" | null {
  if (status === "closed") return "sequence_closed";
  if (status === "upcoming" && !options.preparation) return "sequence_not_open";
  return null;
}
