// A live session's minutes, read in my language after the meeting (or while it runs): the
// items discussed, who spoke and how long, the polls and their results, the notes; and the
// same minutes as a file, in any of the workshop's languages.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { speakingTotals, type SpokenTurn } from "../../../shared/domain/live-session.js";
import { languageNames } from "../../../shared/languages.js";
import { exportFormats, type ExportFormat } from "../../../shared/schemas/export.js";
import type { LiveItem } from "../../../shared/schemas/live-session.js";
import { useProcess } from "../sequences/ProcessLayout.js";
import { Translated } from "../translation/Translated.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
// On screen, the reader's own clock; the downloaded file, made on the server, says UTC.
import { formatDateTime, formatTime } from "../ui/format.js";
import { LanguageSelect } from "../ui/LanguageSelect.js";
import { Loading } from "../ui/Loading.js";
import { usePageTitle } from "../ui/usePageTitle.js";
import { useResource } from "../ui/useResource.js";
import { ItemTitle } from "./ItemTitle.js";
import { liveSessionApi } from "./liveSessionApi.js";
import "./live-session.css";

const minutesPath = (workshopId: string, sessionId: string) => `/workshops/${encodeURIComponent(workshopId)}/live/minutes/${encodeURIComponent(sessionId)}`;

/** Under the live session: the minutes of every session held in this workshop. */
export function PastSessions({ workshopId, running }: { workshopId: string; running: string | null }) {
  const { t } = useTranslation("liveSession");
  // Reloaded when a session starts or ends here, so the list keeps up.
  const sessions = useResource(() => liveSessionApi.sessions(workshopId), [workshopId, running]);
  return (
    <section className="card live-minutes-list" aria-labelledby="live-minutes-title" data-testid="live-minutes-list">
      <h2 id="live-minutes-title" className="live-section-title">{t("liveSession:minutes.past")}</h2>
      <ErrorNotice error={sessions.error} />
      {sessions.data?.length === 0 && <p className="muted">{t("liveSession:minutes.none")}</p>}
      <ul>
        {sessions.data?.map((session) => (
          <li key={session.id}>
            <Link to={minutesPath(workshopId, session.id)} data-testid="minutes-link">
              {t("liveSession:minutes.open", { date: formatDateTime(session.startedAt) })}
            </Link>
            {session.status === "running" && <span className="badge">{t("liveSession:minutes.running")}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function MinutesPage() {
  const { t } = useTranslation(["liveSession", "sequences"]);
  const { workshopId, workshop, user } = useProcess();
  const { sessionId = "" } = useParams();
  const minutes = useResource(() => liveSessionApi.minutes(workshopId, sessionId), [workshopId, sessionId]);
  usePageTitle(t("liveSession:minutes.title"));
  if (minutes.error && !minutes.data) return <ErrorNotice error={minutes.error} />;
  if (!minutes.data) return <Loading />;
  const { session, timeline, polls, notes } = minutes.data;
  const shown = timeline.filter((e) => e.type === "item.shown" && e.data.item);
  const turns = timeline.flatMap((e) => (e.data.turn ? [e.data.turn as SpokenTurn] : []));

  return (
    <article className="live-minutes" aria-labelledby="minutes-title" data-testid="minutes">
      <p>
        <Link to={`/workshops/${encodeURIComponent(workshopId)}/live`}>{t("liveSession:minutes.back")}</Link>
      </p>
      <h1 id="minutes-title">{t("liveSession:minutes.documentTitle", { date: formatDateTime(session.startedAt) })}</h1>
      <p className="muted">
        {session.endedAt
          ? t("liveSession:minutes.held", { start: formatDateTime(session.startedAt), end: formatDateTime(session.endedAt) })
          : t("liveSession:minutes.heldRunning", { start: formatDateTime(session.startedAt) })}
      </p>
      <MinutesDownload workshopId={workshopId} sessionId={sessionId} languages={workshop.languages} initial={workshop.languages.includes(user.language) ? user.language : (workshop.languages[0] ?? "fr")} />

      <section aria-labelledby="minutes-items">
        <h2 id="minutes-items">{t("liveSession:minutes.items")}</h2>
        {shown.length === 0 ? (
          <p className="muted">{t("liveSession:minutes.noItems")}</p>
        ) : (
          <ul data-testid="minutes-items">
            {shown.map((entry) => {
              const item = entry.data.item as LiveItem;
              return (
                <li key={`${entry.at}-${JSON.stringify(item)}`}>
                  {formatTime(entry.at)} · {t(`liveSession:kinds.${item.kind}`)} · <ItemTitle workshopId={workshopId} item={item} label={entry.label} />
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="minutes-speakers">
        <h2 id="minutes-speakers">{t("liveSession:minutes.speakers")}</h2>
        {turns.length === 0 ? (
          <p className="muted">{t("liveSession:minutes.noTurns")}</p>
        ) : (
          <SpeakingTimes turns={turns} />
        )}
      </section>

      <section aria-labelledby="minutes-polls">
        <h2 id="minutes-polls">{t("liveSession:minutes.polls")}</h2>
        {polls.length === 0 && <p className="muted">{t("liveSession:minutes.noPolls")}</p>}
        {polls.map((poll) => (
          <div key={poll.id} className="minutes-poll" data-testid="minutes-poll">
            <p>
              <strong>{poll.question}</strong> <span className="muted">{t("liveSession:minutes.pollVotes", { count: Object.values(poll.counts).reduce((sum, n) => sum + n, 0), time: formatTime(poll.closedAt) })}</span>
            </p>
            <ul>
              {poll.options.map((option) => (
                <li key={option} data-option={option} data-count={poll.counts[option] ?? 0}>
                  {poll.kind === "agreement" ? t(`liveSession:poll.choices.${option}`) : <ItemTitle workshopId={workshopId} item={{ kind: "proposal", id: option }} label={poll.labels[option] ?? null} />}
                  : {poll.counts[option] ?? 0}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>

      <section aria-labelledby="minutes-notes">
        <h2 id="minutes-notes">{t("liveSession:minutes.notes")}</h2>
        {notes.length === 0 && <p className="muted">{t("liveSession:minutes.noNotes")}</p>}
        {notes.map((note) => (
          <div key={note.id} className="minutes-note" data-testid="minutes-note">
            <p className="muted">{t("liveSession:minutes.noteBy", { time: formatTime(note.at), name: note.authorName })}</p>
            <Translated workshopId={workshopId} targetKind="liveNote" targetId={note.id} field="text" original={note.text} render={(text, lang) => <p lang={lang}>{text}</p>} />
          </div>
        ))}
      </section>
    </article>
  );
}

function SpeakingTimes({ turns }: { turns: SpokenTurn[] }) {
  const { t } = useTranslation("liveSession");
  const duration = (ms: number) => t("liveSession:minutes.duration", { minutes: Math.floor(ms / 60_000), seconds: Math.round((ms % 60_000) / 1000) });
  return (
    <>
      <ul data-testid="minutes-turns">
        {turns.map((turn) => (
          <li key={`${turn.userId}-${turn.since}`}>
            {formatTime(turn.since)} · {turn.displayName} · {duration(turn.durationMs)}
          </li>
        ))}
      </ul>
      <h3>{t("liveSession:minutes.totals")}</h3>
      <ul data-testid="minutes-totals">
        {speakingTotals(turns).map((total) => (
          <li key={total.userId}>{t("liveSession:minutes.total", { name: total.name, duration: duration(total.ms), count: total.count })}</li>
        ))}
      </ul>
    </>
  );
}

/** The same minutes as a file: a plain link, so the browser downloads it with the session cookie. */
function MinutesDownload({ workshopId, sessionId, languages, initial }: { workshopId: string; sessionId: string; languages: string[]; initial: string }) {
  const { t } = useTranslation("liveSession");
  const [format, setFormat] = useState<ExportFormat>("pdf");
  const [language, setLanguage] = useState(initial);
  return (
    <div className="minutes-download card" data-testid="minutes-download">
      <div className="field">
        <label htmlFor="minutes-format">{t("liveSession:minutes.format")}</label>
        <select id="minutes-format" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
          {exportFormats.map((f) => (
            <option key={f} value={f}>
              {t(`liveSession:minutes.formats.${f}`)}
            </option>
          ))}
        </select>
      </div>
      <LanguageSelect id="minutes-language" label={t("liveSession:minutes.language")} languages={languages} value={language} onChange={setLanguage} />
      <a className="button primary" href={liveSessionApi.minutesFile(workshopId, sessionId, format, language)} download data-testid="minutes-file" lang={language}>
        {t("liveSession:minutes.download")} ({languageNames[language] ?? language})
      </a>
    </div>
  );
}
