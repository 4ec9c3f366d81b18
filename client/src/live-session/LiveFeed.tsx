// New contributions as they arrive during the session (threads, posts, proposals, fiches once
// submitted), each in the reader's language (a machine draft labelled as such follows within
// moments, by translation.updated).
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Fiche, Post, Proposal, Thread } from "../../../shared/schemas/contributions.js";
import { useWorkshopEvents } from "../live/workshopEvents.js";
import { ficheField } from "../translation/sourceText.js";
import { Translated } from "../translation/Translated.js";

type Entry = { kind: "thread"; thread: Thread } | { kind: "post"; post: Post } | { kind: "proposal"; proposal: Proposal } | { kind: "fiche"; fiche: Fiche };
const keyOf = (entry: Entry) =>
  entry.kind === "thread" ? `thread/${entry.thread.id}` : entry.kind === "post" ? `post/${entry.post.id}` : entry.kind === "proposal" ? `proposal/${entry.proposal.id}` : `fiche/${entry.fiche.id}`;
const kept = 6;

export function LiveFeed({ workshopId }: { workshopId: string }) {
  const { t } = useTranslation("liveSession");
  const [entries, setEntries] = useState<Entry[]>([]);
  // A fiche saved again, or an amended proposal, moves up rather than showing twice.
  const add = (entry: Entry) => setEntries((current) => [entry, ...current.filter((e) => keyOf(e) !== keyOf(entry))].slice(0, kept));
  useWorkshopEvents({
    "thread.created": ({ thread }) => add({ kind: "thread", thread }),
    "post.created": ({ post }) => post.body && add({ kind: "post", post }),
    "proposal.updated": ({ proposal }) => proposal.version === 1 && add({ kind: "proposal", proposal }),
    // A draft is for its authors; the room hears of a fiche once it is submitted.
    "fiche.updated": ({ fiche }) => fiche.status !== "draft" && add({ kind: "fiche", fiche }),
  });
  return (
    <section className="card live-feed" aria-labelledby="live-feed-title" data-testid="live-feed">
      <h2 id="live-feed-title" className="live-section-title">{t("liveSession:feed.title")}</h2>
      {entries.length === 0 && <p className="muted">{t("liveSession:feed.empty")}</p>}
      <ul className="live-feed-list" aria-live="polite">
        {entries.map((entry) => (
          <li key={keyOf(entry)} data-kind={entry.kind}>
            <FeedEntry workshopId={workshopId} entry={entry} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function FeedEntry({ workshopId, entry }: { workshopId: string; entry: Entry }) {
  const { t } = useTranslation("liveSession");
  const strong = (text: ReactNode, lang: string | undefined) => <strong lang={lang}>{text}</strong>;
  switch (entry.kind) {
    case "thread":
      return (
        <>
          <span className="muted">{entry.thread.author.displayName}</span>
          <Translated workshopId={workshopId} targetKind="thread" targetId={entry.thread.id} field="title" original={entry.thread.title} render={strong} />
        </>
      );
    case "post":
      return (
        <>
          <span className="muted">{entry.post.author.displayName}</span>
          <Translated workshopId={workshopId} targetKind="post" targetId={entry.post.id} field="body" original={entry.post.body} />
        </>
      );
    case "proposal":
      return (
        <>
          <span className="muted">
            {t("liveSession:kinds.proposal")} · {entry.proposal.author.displayName}
          </span>
          <Translated workshopId={workshopId} targetKind="proposal" targetId={entry.proposal.id} field="title" original={entry.proposal.title} render={strong} />
        </>
      );
    case "fiche":
      return (
        <>
          <span className="muted">
            {t("liveSession:kinds.fiche")} · {entry.fiche.authors.map((a) => a.displayName).join(", ")}
          </span>
          <Translated workshopId={workshopId} targetKind="fiche" targetId={entry.fiche.id} field={ficheField.title} original={entry.fiche.rows.title} render={strong} />
        </>
      );
  }
}
