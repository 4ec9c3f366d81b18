// The live session of a workshop: every member's screen follows the facilitator (the current
// item in my language, the timers, the queue with my place, the open poll); facilitators also
// get the console that drives it.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { languageNames } from "../../../shared/languages.js";
import { can } from "../../../shared/permissions.js";
import type { LiveSession } from "../../../shared/schemas/live-session.js";
import type { ApiError } from "../../../shared/errors.js";
import { useProcess } from "../sequences/ProcessLayout.js";
import { CurrentItem } from "./CurrentItem.js";
import { ItemTitle } from "./ItemTitle.js";
import { PastSessions } from "./MinutesPage.js";
import { Countdown } from "./Countdown.js";
import { LiveConsole } from "./LiveConsole.js";
import { LiveFeed } from "./LiveFeed.js";
import { LiveNotes } from "./LiveNotes.js";
import { PollView } from "./PollView.js";
import "./live-session.css";

export function LiveSessionPage() {
  const { t } = useTranslation(["liveSession", "errors"]);
  const { workshop, role, user, room } = useProcess();
  const session = room.liveSession;
  const drives = can(role, "liveSession.drive");
  const [error, setError] = useState<ApiError | null>(null);

  /** Sends an event and shows its refusal, if any, in my language. */
  const send: typeof room.sendLive = async (event, payload) => {
    const ack = await room.sendLive(event, payload);
    setError(ack.ok ? null : ack.error);
    return ack;
  };

  return (
    <section className="live-session" aria-labelledby="live-title" data-testid="live-session" data-status={session ? "running" : "none"}>
      <h1 id="live-title">{t("liveSession:title")}</h1>
      {error && (
        <p className="notice notice-error" role="alert" data-testid="live-error">
          {t(`errors:${error.code}`)}
        </p>
      )}
      {drives && <LiveConsole workshop={workshop} session={session} send={send} />}
      {session ? <FollowerView session={session} userId={user.id} send={send} /> : <p className="notice" data-testid="live-none">{t("liveSession:notRunning")}</p>}
      <PastSessions workshopId={workshop.id} running={session?.id ?? null} />
    </section>
  );
}

function FollowerView({ session, userId, send }: { session: LiveSession; userId: string; send: ReturnType<typeof useProcess>["room"]["sendLive"] }) {
  const { t } = useTranslation(["liveSession", "sequences", "common"]);
  const { workshop, role, room, workshopId } = useProcess();
  const myPlace = session.queue.findIndex((entry) => entry.userId === userId);
  const mine = myPlace >= 0 ? session.queue[myPlace] : undefined;

  return (
    <div className="live-follow">
      <section className="card live-now" aria-labelledby="live-now-title">
        <h2 id="live-now-title" className="live-section-title">
          {t("liveSession:now")}
          {session.sequence && <span className="badge">{t(`sequences:kinds.${session.sequence}`)}</span>}
        </h2>
        <CurrentItem workshop={workshop} item={session.item} />
      </section>

      <section className="card live-timers" aria-label={t("liveSession:timers.title")}>
        <Countdown timer={session.timers.speaker} clockOffsetMs={room.clockOffsetMs} label={t("liveSession:timers.speaker")} testId="timer-speaker" />
        <Countdown timer={session.timers.sequence} clockOffsetMs={room.clockOffsetMs} label={t("liveSession:timers.sequence")} testId="timer-sequence" />
      </section>

      <section className="card live-queue" aria-labelledby="live-queue-title">
        <h2 id="live-queue-title" className="live-section-title">{t("liveSession:queue.title")}</h2>
        <p data-testid="live-speaker">
          {session.speaker ? (
            <>
              {t("liveSession:queue.speaking")} <strong>{session.speaker.displayName}</strong> <span className="muted">({languageNames[session.speaker.language] ?? session.speaker.language})</span>
            </>
          ) : (
            <span className="muted">{t("liveSession:queue.nobodySpeaking")}</span>
          )}
        </p>
        {session.queue.length > 0 ? (
          <ol className="live-queue-list" data-testid="live-queue">
            {session.queue.map((entry) => (
              <li key={entry.userId} data-user={entry.userId} className={entry.userId === userId ? "is-me" : undefined}>
                <span>
                  {entry.displayName}
                  {entry.userId === userId && <span className="muted"> {t("common:you")}</span>}
                </span>
                <span className="muted">
                  {languageNames[entry.language] ?? entry.language}
                  {entry.kind === "reply" && <> · {t("liveSession:queue.reply")}</>}
                </span>
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">{t("liveSession:queue.empty")}</p>
        )}
        {can(role, "liveSession.raiseHand") && (
          <div className="actions">
            {mine && (
              <p className="live-my-place" data-testid="live-my-place">
                {t("liveSession:queue.myPlace", { place: myPlace + 1, count: session.queue.length })}
              </p>
            )}
            <button type="button" className="button" aria-pressed={mine?.kind === "point"} data-testid="raise-hand" onClick={() => void send("liveSession.raiseHand", { kind: "point" })}>
              {t("liveSession:queue.raise")}
            </button>
            {session.speaker && session.speaker.userId !== userId && (
              <button type="button" className="button" aria-pressed={mine?.kind === "reply"} data-testid="reply-hand" onClick={() => void send("liveSession.raiseHand", { kind: "reply" })}>
                {t("liveSession:queue.replyToSpeaker")}
              </button>
            )}
            {mine && (
              <button type="button" className="button" data-testid="lower-hand" onClick={() => void send("liveSession.lowerHand", {})}>
                {t("liveSession:queue.lower")}
              </button>
            )}
          </div>
        )}
      </section>

      {session.poll && <PollView workshopId={workshopId} poll={session.poll} hiddenCounts={room.pollResults?.pollId === session.poll.id ? room.pollResults.counts : null} mayVote={can(role, "liveSession.vote")} send={send} />}

      <LiveNotes workshopId={workshopId} notes={session.notes} mayWrite={can(role, "liveSession.takeNotes")} send={send} />
      <LiveFeed workshopId={workshopId} />

      {session.pinned.length > 0 && (
        <section className="card" aria-labelledby="live-pinned-title">
          <h2 id="live-pinned-title" className="live-section-title">{t("liveSession:pinned.title")}</h2>
          <ul data-testid="live-pinned">
            {session.pinned.map((pin) => (
              <li key={`${pin.kind}/${pin.id}`}>
                <span className="muted">{t(`liveSession:kinds.${pin.kind}`)} · </span>
                <Link to={pinLink(workshopId, pin)}>
                  <ItemTitle workshopId={workshopId} item={pin} label={pin.label} />
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function pinLink(workshopId: string, pin: LiveSession["pinned"][number]): string {
  const base = `/workshops/${workshopId}`;
  if (pin.kind === "fiche") return `${base}/illustrate/fiches/${pin.id}`;
  if (pin.kind === "proposal") return `${base}/propose/${pin.id}`;
  if (pin.kind === "thread") return `${base}/debate/threads/${pin.id}`;
  return `${base}/debate`;
}
