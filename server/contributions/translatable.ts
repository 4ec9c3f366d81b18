// What contributions give the translation capability: a source per kind of contribution, with
// who may see it (drafts and hidden posts stay with those who may read them), and a word after
// each write so machine drafts follow. Translation never imports this folder: app.ts hands
// contributions the two functions below.
import { keywordFacets, mayReadFiche } from "../../shared/domain/fiches.js";
import type { TranslationTargetKind } from "../../shared/domain/translations.js";
import { can } from "../../shared/permissions.js";
import { richTextToPlain } from "../../shared/richtext.js";
import type { Page, PageRequest, Storage } from "../storage/port.js";
import type { LoadedSource, SourceField, TranslatableSource } from "../translation/index.js";

export interface ContributionTranslation {
  registerSource(source: TranslatableSource): void;
  /** Called after each write of translatable text; must neither wait nor throw. */
  sourceChanged(ref: { workshopId: string; targetKind: TranslationTargetKind; targetId: string }): void;
}

/** For a contributions capability wired without translation (benches, some tests). */
export const withoutTranslation: ContributionTranslation = { registerSource() {}, sourceChanged() {} };

/** Every item of a keyset-paged list. */
async function everything<T>(list: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let after: number[] | undefined;
  do {
    const page = await list({ after, limit: 500 });
    items.push(...page.items);
    after = page.next ?? undefined;
  } while (after);
  return items;
}

/** The first words, for the translator's queue. */
const labelOf = (text: string) => (text.length > 60 ? `${text.slice(0, 59).trimEnd()}…` : text);

export function contributionSources(storage: Storage): TranslatableSource[] {
  // Lists every fiche, drafts included: visibility is each target's `visibleTo`, judged per reader.
  const allFiches = (workshopId: string) =>
    everything((page) => storage.fiches.list(workshopId, { userId: "", seesDrafts: true, seesHidden: true }, {}, page));
  const readsDraftOf = (fiche: { status: "draft" | "submitted" | "finalised"; authorIds: string[] }): LoadedSource["visibleTo"] =>
    fiche.status === "draft" ? (reader) => mayReadFiche(fiche, { userId: reader.userId, editsAny: can(reader.role, "fiche.editAny") }) : undefined;

  const fiche: TranslatableSource = {
    kind: "fiche",
    async load(workshopId, ficheId) {
      const f = await storage.fiches.byId(workshopId, ficheId);
      if (!f) return null;
      const { rows } = f;
      // Presenters and references are names and addresses: not translated.
      const fields: SourceField[] = [
        { field: "rows.title", format: "plain", value: rows.title },
        { field: "rows.place", format: "plain", value: rows.place },
        { field: "rows.descriptive", format: "rich", value: rows.descriptive },
        ...Object.entries(rows.gridAnswers).map(([questionId, answer]) => ({ field: `answer:${questionId}`, format: "rich" as const, value: answer })),
        { field: "rows.recurringIssues", format: "rich", value: rows.recurringIssues },
        { field: "rows.lessons", format: "rich", value: rows.lessons },
        ...keywordFacets.map((facet) => ({ field: `rows.keywords.${facet}`, format: "plain" as const, value: rows.keywords[facet].join("; ") })),
        { field: "consent.conditions", format: "plain", value: f.consent.conditions },
      ];
      return { label: labelOf(rows.title || "Fiche"), fields, authorIds: f.authorIds, visibleTo: readsDraftOf(f) };
    },
    list: async (workshopId) => (await allFiches(workshopId)).map((f) => f.id),
  };

  // Feedback and replies are written by others than the fiche's authors, often in another
  // language: their own targets, each with its own source language. Found by scanning the
  // workshop's fiches (tens of them), which spares the storage port an entry lookup.
  const ficheEntry: TranslatableSource = {
    kind: "ficheEntry",
    async load(workshopId, entryId) {
      for (const f of await allFiches(workshopId)) {
        const entry = f.entries.find((e) => e.id === entryId);
        if (entry) return { label: labelOf(richTextToPlain(entry.body)), fields: [{ field: "body", format: "rich", value: entry.body }], authorIds: [entry.authorId], visibleTo: readsDraftOf(f) };
      }
      return null;
    },
    list: async (workshopId) => (await allFiches(workshopId)).flatMap((f) => f.entries.map((e) => e.id)),
  };

  // A thread's title; its opening message is a post like the others.
  const thread: TranslatableSource = {
    kind: "thread",
    async load(workshopId, threadId) {
      const t = await storage.debate.threadById(workshopId, threadId);
      return t ? { label: labelOf(t.title), fields: [{ field: "title", format: "plain", value: t.title }], authorIds: [t.createdBy] } : null;
    },
    list: async (workshopId) => (await everything((page) => storage.debate.listThreads(workshopId, "", {}, page))).map((t) => t.id),
  };

  const post: TranslatableSource = {
    kind: "post",
    async load(workshopId, postId) {
      const p = await storage.debate.postById(workshopId, postId);
      if (!p) return null;
      return {
        label: labelOf(richTextToPlain(p.body)),
        fields: [{ field: "body", format: "rich", value: p.body }],
        authorIds: [p.authorId],
        // A hidden post's body is for its author and moderators only, and so are its translations.
        visibleTo: p.hidden ? (reader) => reader.userId === p.authorId || can(reader.role, "post.moderate") : undefined,
      };
    },
    async list(workshopId) {
      const threads = await everything((page) => storage.debate.listThreads(workshopId, "", {}, page));
      const ids: string[] = [];
      for (const t of threads) ids.push(...(await everything((page) => storage.debate.listPosts(t.id, page))).map((p) => p.id));
      return ids;
    },
  };

  const proposal: TranslatableSource = {
    kind: "proposal",
    async load(workshopId, proposalId) {
      const p = await storage.proposals.byId(workshopId, proposalId);
      if (!p) return null;
      return {
        label: labelOf(p.title),
        fields: [
          { field: "title", format: "plain", value: p.title },
          { field: "body", format: "rich", value: p.body },
        ],
        authorIds: [p.authorId],
      };
    },
    list: async (workshopId) => (await everything((page) => storage.proposals.list(workshopId, { sort: "oldest" }, page))).map((p) => p.id),
  };

  const amendment: TranslatableSource = {
    kind: "amendment",
    async load(workshopId, amendmentId) {
      const a = await storage.proposals.amendmentById(workshopId, amendmentId);
      if (!a) return null;
      return {
        label: labelOf(a.title ?? richTextToPlain(a.body)),
        fields: [
          { field: "title", format: "plain", value: a.title ?? "" },
          { field: "body", format: "rich", value: a.body },
          { field: "rationale", format: "plain", value: a.rationale },
        ],
        authorIds: [a.authorId],
      };
    },
    async list(workshopId) {
      const proposals = await everything((page) => storage.proposals.list(workshopId, { sort: "oldest" }, page));
      const ids: string[] = [];
      for (const p of proposals) ids.push(...(await everything((page) => storage.proposals.listAmendments(p.id, page))).map((a) => a.id));
      return ids;
    },
  };

  // Agenda slots are the facilitators' words: title, place and framing questions.
  const agendaItem: TranslatableSource = {
    kind: "agendaItem",
    async load(workshopId, slotId) {
      const slot = (await storage.sequences.agenda(workshopId)).find((s) => s.id === slotId);
      if (!slot) return null;
      return {
        label: labelOf(slot.title),
        fields: [
          { field: "title", format: "plain", value: slot.title },
          { field: "place", format: "plain", value: slot.place },
          ...slot.framingQuestions.map((text, i) => ({ field: `framingQuestion:${i}`, format: "plain" as const, value: text })),
        ],
      };
    },
    list: async (workshopId) => (await storage.sequences.agenda(workshopId)).map((s) => s.id),
  };

  return [fiche, ficheEntry, thread, post, proposal, amendment, agendaItem];
}
