// A live session's minutes as a document in one language, for the export capability's
// writers (Markdown, HTML, DOCX, PDF): the items shown, who spoke and how long, the polls
// and their results, the notes. Labels come from locales/<lang>/liveSession.json; titles
// and notes from their stored translations, marked like every exported translation.
import type { LiveItem, Minutes } from "../../shared/schemas/live-session.js";
import { speakingTotals, type SpokenTurn } from "../../shared/domain/live-session.js";
import { languageNames } from "../../shared/languages.js";
import { cellOf, exportLabels, formatDate, localeLabels, type ExportBlock, type ExportModel } from "../export/index.js";
import type { Storage } from "../storage/port.js";
import type { RoomItems, ShownText } from "./items.js";

const timeOf = (iso: string, language: string) => new Intl.DateTimeFormat(language, { timeStyle: "short", timeZone: "UTC" }).format(new Date(iso));

export async function minutesModel(storage: Storage, items: RoomItems, workshopId: string, minutes: Minutes, language: string): Promise<ExportModel> {
  const t = localeLabels("liveSession", language);
  const exported = exportLabels(language);
  const duration = (ms: number) => t("minutes.duration", { minutes: Math.floor(ms / 60_000), seconds: Math.round((ms % 60_000) / 1000) });
  const blocks: ExportBlock[] = [];
  const add = (text: string, options: { heading?: boolean; item?: boolean; shown?: ShownText } = {}) =>
    blocks.push({
      blockId: `b${blocks.length}`,
      type: options.heading ? "heading" : "paragraph",
      level: options.heading ? 1 : null,
      indent: options.item ? 1 : 0,
      list: options.item ? "bullet" : null,
      marker: options.item ? "•" : null,
      quote: false,
      cells: [cellOf({ language, state: options.shown?.state ?? "source" }, [{ kind: "text", text }])],
    });

  // Items discussed, named in the reader's language when they are still there.
  add(t("minutes.items"), { heading: true });
  const shown = minutes.timeline.filter((e) => e.type === "item.shown" && e.data.item);
  for (const entry of shown) {
    const item = entry.data.item as LiveItem;
    const [heading] = await items.headingIn(workshopId, item, [language]);
    const title = heading?.title ?? t("minutes.gone");
    add(t("minutes.item", { time: timeOf(entry.at, language), kind: t(`kinds.${item.kind}`), title }), { item: true, ...(heading && { shown: heading }) });
  }
  if (shown.length === 0) add(t("minutes.noItems"));

  // Who spoke, turn by turn, then in total.
  add(t("minutes.speakers"), { heading: true });
  const turns = minutes.timeline.flatMap((e) => (e.data.turn ? [e.data.turn as SpokenTurn] : []));
  const languages = new Map<string, string>();
  for (const userId of new Set(turns.map((turn) => turn.userId))) languages.set(userId, (await storage.users.byId(userId))?.language ?? "");
  for (const turn of turns) {
    const spoken = languages.get(turn.userId) ?? "";
    add(t("minutes.turn", { time: timeOf(turn.since, language), name: turn.displayName, language: spoken, duration: duration(turn.durationMs) }), { item: true });
  }
  if (turns.length === 0) add(t("minutes.noTurns"));
  else {
    add(t("minutes.totals"), { heading: true });
    for (const total of speakingTotals(turns)) add(t("minutes.total", { name: total.name, duration: duration(total.ms), count: total.count }), { item: true });
  }

  // Polls and what they decided.
  add(t("minutes.polls"), { heading: true });
  for (const poll of minutes.polls) {
    add(poll.question);
    const votes = Object.values(poll.counts).reduce((sum, n) => sum + n, 0);
    add(t("minutes.pollVotes", { count: votes, time: timeOf(poll.closedAt, language) }), { item: true });
    for (const option of poll.options) {
      const [proposal] = poll.kind === "proposals" ? await items.headingIn(workshopId, { kind: "proposal", id: option }, [language]) : [];
      const name = poll.kind === "agreement" ? t(`poll.choices.${option}`) : (proposal?.title ?? t("minutes.gone"));
      add(t("minutes.result", { option: name, count: poll.counts[option] ?? 0 }), { item: true, ...(proposal && { shown: proposal }) });
    }
  }
  if (minutes.polls.length === 0) add(t("minutes.noPolls"));

  // The notes, each in the reader's language from its stored translation, marked.
  add(t("minutes.notes"), { heading: true });
  for (const note of minutes.notes) {
    const [text] = await items.fieldIn({ workshopId, targetKind: "liveNote", targetId: note.id }, "text", [language]);
    add(t("minutes.noteBy", { time: timeOf(note.at, language), name: note.authorName }));
    add(text?.title ?? note.text, { item: true, ...(text && { shown: text }) });
  }
  if (minutes.notes.length === 0) add(t("minutes.noNotes"));

  const [workshopTitle] = await items.fieldIn({ workshopId, targetKind: "workshop", targetId: workshopId }, "title", [language]);
  const { session } = minutes;
  return {
    title: t("minutes.documentTitle", { date: formatDate(session.startedAt, language) }),
    labelLanguage: language,
    languages: [language],
    sourceLanguage: language,
    // Minutes are a record, not a text under agreement: no watermark, no notice.
    status: "agreed",
    watermark: null,
    agreedNotice: null,
    metadata: [
      { label: t("minutes.workshop"), value: workshopTitle?.title ?? "" },
      // formatDate says UTC itself.
      { label: t("minutes.when"), value: session.endedAt ? t("minutes.held", { start: formatDate(session.startedAt, language), end: formatDate(session.endedAt, language) }) : t("minutes.heldRunning", { start: formatDate(session.startedAt, language) }) },
      { label: t("minutes.language"), value: languageNames[language] ?? language },
    ],
    blocks,
    footnotes: [],
    lineNumbers: false,
    labels: { notes: exported("document.notes"), contents: exported("document.contents"), line: exported("document.line") },
  };
}
