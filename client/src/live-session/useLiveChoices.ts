// What a facilitator can put on every screen: the workshop's agenda, grid questions, fiches
// past their draft, threads, proposals and the passages of its synthesis documents, loaded
// once for the console's item list.
import type { LiveItem } from "../../../shared/schemas/live-session.js";
import type { Workshop } from "../../../shared/schemas/workshops.js";
import { debateApi } from "../debate/debateApi.js";
import { fichesApi } from "../fiches/fichesApi.js";
import { proposalsApi } from "../proposals/proposalsApi.js";
import { sequencesApi } from "../sequences/sequencesApi.js";
import { synthesisApi } from "../synthesis/synthesisApi.js";
import { translationApi } from "../translation/translationApi.js";
import { useResource } from "../ui/useResource.js";

export type ChoosableKind = LiveItem["kind"];
export interface Choice {
  kind: ChoosableKind;
  /** Unique among the choices; a passage's is "<documentId>/<blockId>". */
  id: string;
  label: string;
  /** The item as the console sends it. */
  item: LiveItem;
}

/** A passage is named by its first words. */
const firstWords = (text: string) => (text.length > 90 ? `${text.slice(0, 89).trimEnd()}…` : text);

/** The passages with text of the workshop's own synthesis documents, in document order. */
async function passagesOf(workshop: Workshop): Promise<Choice[]> {
  const documents = (await synthesisApi.documents(workshop.id)).filter((d) => d.workshopId === workshop.id);
  const choices: Choice[] = [];
  for (const document of documents) {
    const { blocks } = await translationApi.synthesis(workshop.id, document.id, document.language);
    for (const block of blocks) {
      const item = { kind: "synthesisPassage" as const, documentId: document.id, blockId: block.blockId };
      choices.push({ kind: "synthesisPassage", id: `${document.id}/${block.blockId}`, label: firstWords(block.text), item });
    }
  }
  return choices;
}

export function useLiveChoices(workshop: Workshop) {
  return useResource(async (): Promise<Choice[]> => {
    const id = workshop.id;
    const [slots, fiches, threads, proposals, passages] = await Promise.all([
      sequencesApi.agenda(id),
      fichesApi.list(id),
      debateApi.threads(id),
      proposalsApi.list(id, { sort: "newest" }),
      passagesOf(workshop),
    ]);
    const byId = (kind: Exclude<ChoosableKind, "synthesisPassage">, id: string, label: string): Choice => ({ kind, id, label, item: { kind, id } });
    return [
      ...slots.map((s) => byId("agendaSlot", s.id, s.title)),
      ...workshop.readingGrid.questions.map((q) => byId("question", q.id, q.text)),
      // A draft is its authors' and the facilitators' only: not for every screen.
      ...fiches.items.filter((f) => f.status !== "draft").map((f) => byId("fiche", f.id, f.title)),
      ...threads.items.map((th) => byId("thread", th.id, th.title)),
      ...proposals.items.map((p) => byId("proposal", p.id, p.title)),
      ...passages,
    ];
  }, [workshop.id]);
}
