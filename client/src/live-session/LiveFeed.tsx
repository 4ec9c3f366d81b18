// New contributions as they arrive during the session, each in the reader's language (a
// machine draft labelled as such follows the post within moments, by translation.updated).
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Post, Thread } from "../../../shared/schemas/contributions.js";
import { useWorkshopEvents } from "../live/workshopEvents.js";
import { Translated } from "../translation/Translated.js";

type Entry = { kind: "thread"; thread: Thread } | { kind: "post"; post: Post };
const kept = 6;

export function LiveFeed({ workshopId }: { workshopId: string }) {
  const { t } = useTranslation("liveSession");
  const [entries, setEntries] = useState<Entry[]>([]);
  const add = (entry: Entry) => setEntries((current) => [entry, ...current].slice(0, kept));
  useWorkshopEvents({
    "thread.created": ({ thread }) => add({ kind: "thread", thread }),
    "post.created": ({ post }) => post.body && add({ kind: "post", post }),
  });
  return (
    <section className="card live-feed" aria-labelledby="live-feed-title" data-testid="live-feed">
      <h2 id="live-feed-title" className="live-section-title">{t("liveSession:feed.title")}</h2>
      {entries.length === 0 && <p className="muted">{t("liveSession:feed.empty")}</p>}
      <ul className="live-feed-list" aria-live="polite">
        {entries.map((entry) =>
          entry.kind === "thread" ? (
            <li key={`thread/${entry.thread.id}`}>
              <span className="muted">{entry.thread.author.displayName}</span>
              <Translated workshopId={workshopId} targetKind="thread" targetId={entry.thread.id} field="title" original={entry.thread.title} render={(text, lang) => <strong lang={lang}>{text}</strong>} />
            </li>
          ) : (
            <li key={`post/${entry.post.id}`}>
              <span className="muted">{entry.post.author.displayName}</span>
              <Translated workshopId={workshopId} targetKind="post" targetId={entry.post.id} field="body" original={entry.post.body} />
            </li>
          ),
        )}
      </ul>
    </section>
  );
}
