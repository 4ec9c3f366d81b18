// The room's screen: read-only, large type, opened with a facilitator's projector link and no
// account. The current item in up to two languages side by side, the timers, the queue and
// the poll's results (only once the facilitator lets them be seen).
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { io } from "socket.io-client";
import { languageNames } from "../../../shared/languages.js";
import type { ServerEventPayload } from "../../../shared/schemas/live.js";
import { Countdown } from "./Countdown.js";
import "./live-session.css";

/** A proposal's title in the screen's languages, one after the other when they differ. */
function optionTitle(texts: ServerEventPayload<"projector.updated">["texts"] | undefined, fallback: string): string {
  const titles = [...new Set((texts ?? []).map((text) => text.title))];
  return titles.length ? titles.join(" / ") : fallback;
}

/** What a screen says beside a language whose text is not a current translation by a person. */
const stateMarks: Partial<Record<ServerEventPayload<"projector.updated">["texts"][number]["state"], string>> = {
  machine: "liveSession:projector.machine",
  stale: "liveSession:projector.stale",
  missing: "liveSession:projector.untranslated",
};

type Screen = ServerEventPayload<"projector.updated">;

export function ProjectorPage() {
  const { token = "" } = useParams();
  const { t } = useTranslation(["liveSession", "sequences"]);
  const [screen, setScreen] = useState<Screen | null>(null);
  const [offset, setOffset] = useState(0);
  const [status, setStatus] = useState<"connecting" | "live" | "closed">("connecting");

  useEffect(() => {
    const socket = io("/projector", { auth: { token }, withCredentials: false });
    socket.on("projector.updated", (update: Screen) => {
      setOffset(Date.parse(update.session.now) - Date.now());
      setScreen(update);
      setStatus("live");
    });
    // A revoked or unknown link: the server refuses or closes it, and this screen says so.
    socket.on("connect_error", () => setStatus("closed"));
    socket.on("disconnect", (reason) => reason === "io server disconnect" && setStatus("closed"));
    return () => void socket.disconnect();
  }, [token]);

  if (status === "closed") return <main className="projector projector-closed" data-testid="projector" data-status="closed"><p>{t("liveSession:projector.closed")}</p></main>;
  if (!screen) return <main className="projector" data-testid="projector" data-status="connecting"><p>{t("liveSession:item.loading")}</p></main>;
  const { session, texts, options } = screen;
  const counts = session.poll?.counts;

  return (
    <main className="projector" data-testid="projector" data-status={session.status}>
      <header className="projector-head">
        <span>{session.sequence ? t(`sequences:kinds.${session.sequence}`) : t("liveSession:title")}</span>
        <div className="projector-timers">
          <Countdown timer={session.timers.speaker} clockOffsetMs={offset} label={t("liveSession:timers.speaker")} testId="projector-timer-speaker" />
          <Countdown timer={session.timers.sequence} clockOffsetMs={offset} label={t("liveSession:timers.sequence")} testId="projector-timer-sequence" />
        </div>
      </header>
      {session.item && (
        <p className="projector-kind">{t(`liveSession:kinds.${session.item.kind}`)}</p>
      )}
      <div className="projector-texts" data-testid="projector-texts">
        {texts.map((text) => (
          <section key={text.language} className="projector-text" data-language={text.language}>
            <p className="projector-language">
              {languageNames[text.language] ?? text.language}
              {text.state in stateMarks && <> · {t(stateMarks[text.state]!)}</>}
            </p>
            <h1 lang={text.language}>{text.title}</h1>
          </section>
        ))}
      </div>
      <div className="projector-foot">
        <section aria-label={t("liveSession:queue.title")}>
          {session.speaker && (
            <p className="projector-speaker">
              {t("liveSession:queue.speaking")} <strong>{session.speaker.displayName}</strong> ({languageNames[session.speaker.language] ?? session.speaker.language})
            </p>
          )}
          <ol className="projector-queue" data-testid="projector-queue">
            {session.queue.map((entry) => (
              <li key={entry.userId}>
                {entry.displayName} <span className="muted">{languageNames[entry.language] ?? entry.language}{entry.kind === "reply" && <> · {t("liveSession:queue.reply")}</>}</span>
              </li>
            ))}
          </ol>
        </section>
        {session.poll && (
          <section className="projector-poll" data-testid="projector-poll">
            <p className="projector-question">{session.poll.question}</p>
            {counts ? (
              <ul>
                {session.poll.options.map((option) => (
                  <li key={option} data-testid={`projector-count-${option}`} data-count={counts[option] ?? 0}>
                    {session.poll!.kind === "agreement" ? t(`liveSession:poll.choices.${option}`) : optionTitle(options[option], option)}: {counts[option] ?? 0}
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t("liveSession:poll.voteCount", { count: session.poll.voteCount })} · {t("liveSession:poll.hiddenUntilClose")}</p>
            )}
          </section>
        )}
      </div>
    </main>
  );
}
