// What a facilitator can put on every screen: the workshop's agenda, grid questions, fiches
// past their draft, threads and proposals, loaded once for the console's item list.
import type { LiveItem } from "../../../shared/schemas/live-session.js";
import type { Workshop } from "../../../shared/schemas/workshops.js";
import { debateApi } from "../debate/debateApi.js";
import { fichesApi } from "../fiches/fichesApi.js";
import { proposalsApi } from "../proposals/proposalsApi.js";
import { sequencesApi } from "../sequences/sequencesApi.js";
import { useResource } from "../ui/useResource.js";

export type ChoosableKind = Exclude<LiveItem["kind"], "synthesisPassage">;
export interface Choice {
  kind: ChoosableKind;
  id: string;
  label: string;
}

export function useLiveChoices(workshop: Workshop) {
  return useResource(async (): Promise<Choice[]> => {
    const id = workshop.id;
    const [slots, fiches, threads, proposals] = await Promise.all([
      sequencesApi.agenda(id),
      fichesApi.list(id),
      debateApi.threads(id),
      proposalsApi.list(id, { sort: "newest" }),
    ]);
    return [
      ...slots.map((s) => ({ kind: "agendaSlot" as const, id: s.id, label: s.title })),
      ...workshop.readingGrid.questions.map((q) => ({ kind: "question" as const, id: q.id, label: q.text })),
      // A draft is its authors' and the facilitators' only: not for every screen.
      ...fiches.items.filter((f) => f.status !== "draft").map((f) => ({ kind: "fiche" as const, id: f.id, label: f.title })),
      ...threads.items.map((th) => ({ kind: "thread" as const, id: th.id, label: th.title })),
      ...proposals.items.map((p) => ({ kind: "proposal" as const, id: p.id, label: p.title })),
    ];
  }, [workshop.id]);
}
