// The source text of a translation target, for the translator's left pane. The translations
// API answers hashes, not text, so each kind's text is read from its own capability's API.
// Field names are matched through their aliases ("lessons", "rows.lessons"), so the pane
// keeps working whichever naming the server registers.
import type { TranslationTargetKind } from "../../../shared/domain/translations.js";
import type { Fiche } from "../../../shared/schemas/contributions.js";
import type { Workshop } from "../../../shared/schemas/workshops.js";
import { debateApi } from "../debate/debateApi.js";
import { fichesApi } from "../fiches/fichesApi.js";
import { proposalsApi } from "../proposals/proposalsApi.js";
import { sequencesApi } from "../sequences/sequencesApi.js";

export type SourceTexts = Record<string, unknown>;

/** The names a fiche row may have on the server, for <Translated field={…}>. */
export const ficheField = {
  title: ["title", "rows.title"],
  place: ["place", "rows.place"],
  descriptive: ["descriptive", "rows.descriptive"],
  recurringIssues: ["recurringIssues", "rows.recurringIssues"],
  lessons: ["lessons", "rows.lessons"],
  answer: (questionId: string) => [`answer:${questionId}`, `gridAnswers.${questionId}`, `rows.gridAnswers.${questionId}`, `gridAnswers:${questionId}`],
} as const;

function ficheTexts(fiche: Fiche): SourceTexts {
  const texts: SourceTexts = {};
  const rows = fiche.rows as unknown as Record<string, unknown>;
  for (const [name, value] of Object.entries(rows)) {
    if (name === "gridAnswers") continue;
    texts[name] = value;
    texts[`rows.${name}`] = value;
  }
  for (const [questionId, value] of Object.entries(fiche.rows.gridAnswers)) for (const alias of ficheField.answer(questionId)) texts[alias] = value;
  return texts;
}

export async function loadSourceTexts(workshop: Workshop, targetKind: TranslationTargetKind, targetId: string): Promise<SourceTexts> {
  const workshopId = workshop.id;
  switch (targetKind) {
    case "workshop":
      return {
        title: workshop.title,
        description: workshop.description,
        ...Object.fromEntries(workshop.readingGrid.questions.map((q) => [`question:${q.id}`, q.text])),
      };
    case "gridQuestion": {
      const question = workshop.readingGrid.questions.find((q) => q.id === targetId);
      return question ? { text: question.text, title: question.text } : {};
    }
    case "fiche":
      return ficheTexts(await fichesApi.get(workshopId, targetId));
    case "thread":
      return { title: (await debateApi.thread(workshopId, targetId)).title };
    case "post": {
      const post = await debateApi.post(workshopId, targetId);
      return { body: post.body };
    }
    case "proposal": {
      const proposal = await proposalsApi.get(workshopId, targetId);
      return { title: proposal.title, body: proposal.body };
    }
    case "agendaItem": {
      const slot = (await sequencesApi.agenda(workshopId)).find((s) => s.id === targetId);
      return slot ? (slot as unknown as SourceTexts) : {};
    }
    default:
      return {};
  }
}
