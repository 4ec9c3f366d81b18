// Who is writing in which sequence right now: each browser tab reports how many of its forms
// hold unsent text, per sequence, and the facilitator sees the totals before closing one.
// Kept in this node's memory, like presence: a tab's report lives as long as its socket.
import type { SequenceKind } from "../../../shared/domain/sequences.js";
import type { WritingForms } from "../../../shared/schemas/contributions.js";

interface Report {
  userId: string;
  forms: WritingForms;
}

export class WritingTracker {
  /** workshopId → socketId → the tab's last report. */
  private workshops = new Map<string, Map<string, Report>>();

  report(workshopId: string, socketId: string, userId: string, forms: WritingForms): void {
    let tabs = this.workshops.get(workshopId);
    if (!tabs) this.workshops.set(workshopId, (tabs = new Map()));
    tabs.set(socketId, { userId, forms });
  }

  /** A socket went away: its forms are gone with it, in every workshop it reported in. */
  forget(socketId: string): void {
    for (const [workshopId, tabs] of this.workshops) {
      tabs.delete(socketId);
      if (tabs.size === 0) this.workshops.delete(workshopId);
    }
  }

  /** Forms holding unsent text in one sequence, and how many people hold them. */
  count(workshopId: string, kind: SequenceKind): { openForms: number; writers: number } {
    const writing = [...(this.workshops.get(workshopId)?.values() ?? [])].filter((r) => r.forms[kind] > 0);
    return { openForms: writing.reduce((sum, r) => sum + r.forms[kind], 0), writers: new Set(writing.map((r) => r.userId)).size };
  }
}
