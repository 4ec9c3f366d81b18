// The facilitator's console: start and end the session, put an item on every screen, run the
// timers, give the floor, pin contributions and open quick polls.
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { sequenceKinds, type SequenceKind } from "../../../shared/domain/sequences.js";
import type { LiveSession } from "../../../shared/schemas/live-session.js";
import type { Workshop } from "../../../shared/schemas/workshops.js";
import { languageNames } from "../../../shared/languages.js";
import type { WorkshopRoom } from "../live/useWorkshopRoom.js";
import { useLiveChoices, type ChoosableKind } from "./useLiveChoices.js";

type Send = WorkshopRoom["sendLive"];
const pinnable = new Set<ChoosableKind>(["fiche", "thread", "proposal"]);

export function LiveConsole({ workshop, session, send }: { workshop: Workshop; session: LiveSession | null; send: Send }) {
  const { t } = useTranslation("liveSession");
  if (!session) {
    return (
      <section className="card live-console" aria-label={t("liveSession:console.title")} data-testid="live-console">
        <button type="button" className="button primary" data-testid="live-start" onClick={() => void send("liveSession.start", {})}>
          {t("liveSession:console.start")}
        </button>
      </section>
    );
  }
  return (
    <section className="card live-console" aria-labelledby="live-console-title" data-testid="live-console">
      <div className="live-console-head">
        <h2 id="live-console-title" className="live-section-title">{t("liveSession:console.title")}</h2>
        <button type="button" className="button danger small" data-testid="live-end" onClick={() => void send("liveSession.end", {})}>
          {t("liveSession:console.end")}
        </button>
      </div>
      <ItemChooser workshop={workshop} session={session} send={send} />
      <TimerControls send={send} />
      <QueueControls session={session} send={send} />
      <PollForm workshop={workshop} session={session} send={send} />
      <ProjectorLink workshop={workshop} send={send} />
    </section>
  );
}

function ItemChooser({ workshop, session, send }: { workshop: Workshop; session: LiveSession; send: Send }) {
  const { t } = useTranslation(["liveSession", "sequences"]);
  const id = useId();
  const choices = useLiveChoices(workshop);
  const [chosen, setChosen] = useState("");
  const [sequence, setSequence] = useState<SequenceKind | "">(session.sequence ?? "");
  const choice = choices.data?.find((c) => `${c.kind}/${c.id}` === chosen);

  function show(event: FormEvent) {
    event.preventDefault();
    void send("liveSession.setItem", { sequence: sequence || null, item: choice ? choice.item : null });
  }
  const pinned = choice && session.pinned.some((p) => p.kind === choice.kind && p.id === choice.id);

  return (
    <form className="live-console-block" onSubmit={show}>
      <div className="field">
        <label htmlFor={`${id}-item`}>{t("liveSession:console.item")}</label>
        <select id={`${id}-item`} value={chosen} data-testid="live-item-select" onChange={(e) => setChosen(e.target.value)}>
          <option value="">{t("liveSession:console.noItem")}</option>
          {(["agendaSlot", "question", "fiche", "thread", "proposal", "synthesisPassage"] as const).map((kind) => {
            const ofKind = choices.data?.filter((c) => c.kind === kind) ?? [];
            return (
              ofKind.length > 0 && (
                <optgroup key={kind} label={t(`liveSession:kinds.${kind}`)}>
                  {ofKind.map((c) => (
                    <option key={c.id} value={`${c.kind}/${c.id}`}>
                      {c.label}
                    </option>
                  ))}
                </optgroup>
              )
            );
          })}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-sequence`}>{t("liveSession:console.sequence")}</label>
        <select id={`${id}-sequence`} value={sequence} data-testid="live-sequence-select" onChange={(e) => setSequence(e.target.value as SequenceKind | "")}>
          <option value="">—</option>
          {sequenceKinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`sequences:kinds.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="submit" className="button primary" data-testid="live-show">
          {t("liveSession:console.show")}
        </button>
        {choice && pinnable.has(choice.kind) && (
          <button
            type="button"
            className="button"
            data-testid="live-pin"
            onClick={() => void send("liveSession.pin", { target: { kind: choice.kind as "fiche" | "thread" | "proposal", id: choice.id }, pinned: !pinned })}
          >
            {t(pinned ? "liveSession:console.unpin" : "liveSession:console.pin")}
          </button>
        )}
      </div>
    </form>
  );
}

function TimerControls({ send }: { send: Send }) {
  const { t } = useTranslation("liveSession");
  return (
    <div className="live-console-block">
      {(["speaker", "sequence"] as const).map((timer) => (
        <div key={timer} className="live-timer-controls" role="group" aria-label={t(`liveSession:timers.${timer}`)}>
          <span className="live-timer-name">{t(`liveSession:timers.${timer}`)}</span>
          {(["start", "pause", "addMinute", "reset"] as const).map((action) => (
            <button key={action} type="button" className="button small" data-testid={`timer-${timer}-${action}`} onClick={() => void send("liveSession.timer", { timer, action })}>
              {t(`liveSession:timers.${action}`)}
            </button>
          ))}
        </div>
      ))}
    </div>
  );
}

function QueueControls({ session, send }: { session: LiveSession; send: Send }) {
  const { t } = useTranslation("liveSession");
  return (
    <div className="live-console-block">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={session.queueOrder === "leastSpoken"}
          data-testid="queue-least-spoken"
          onChange={(e) => void send("liveSession.orderQueue", { order: e.target.checked ? "leastSpoken" : "raised" })}
        />{" "}
        {t("liveSession:console.leastSpokenFirst")}
      </label>
      {session.queue.length > 0 && (
        <ul className="live-console-queue">
          {session.queue.map((entry) => (
            <li key={entry.userId}>
              <span>{entry.displayName}</span>
              <span className="actions">
                <button type="button" className="button small primary" data-testid={`give-floor-${entry.userId}`} onClick={() => void send("liveSession.giveFloor", { userId: entry.userId })}>
                  {t("liveSession:console.giveFloor")}
                </button>
                <button type="button" className="button small" onClick={() => void send("liveSession.removeFromQueue", { userId: entry.userId })}>
                  {t("liveSession:console.remove")}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {session.speaker && (
        <button type="button" className="button small" data-testid="end-turn" onClick={() => void send("liveSession.giveFloor", { userId: null })}>
          {t("liveSession:console.endTurn")}
        </button>
      )}
    </div>
  );
}

function PollForm({ workshop, session, send }: { workshop: Workshop; session: LiveSession; send: Send }) {
  const { t } = useTranslation("liveSession");
  const id = useId();
  const choices = useLiveChoices(workshop);
  const proposals = choices.data?.filter((c) => c.kind === "proposal") ?? [];
  const [question, setQuestion] = useState("");
  const [kind, setKind] = useState<"agreement" | "proposals">("agreement");
  const [picked, setPicked] = useState<string[]>([]);
  const [results, setResults] = useState<"live" | "hidden">("hidden");
  const open = session.poll?.status === "open" ? session.poll : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const ack = await send("liveSession.poll.open", { question, kind, results, ...(kind === "proposals" && { proposalIds: picked }) });
    if (ack.ok) setQuestion("");
  }

  return (
    <form className="live-console-block" onSubmit={(e) => void submit(e)}>
      <div className="field">
        <label htmlFor={`${id}-question`}>{t("liveSession:console.pollQuestion")}</label>
        <input id={`${id}-question`} value={question} maxLength={500} required data-testid="poll-question" onChange={(e) => setQuestion(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t("liveSession:console.pollKind")}</label>
        <select id={`${id}-kind`} value={kind} data-testid="poll-kind" onChange={(e) => setKind(e.target.value as "agreement" | "proposals")}>
          <option value="agreement">{t("liveSession:console.kindAgreement")}</option>
          <option value="proposals" disabled={proposals.length < 2}>
            {t("liveSession:console.kindProposals")}
          </option>
        </select>
      </div>
      {kind === "proposals" && (
        <fieldset className="field">
          <legend>{t("liveSession:console.pollProposals")}</legend>
          {proposals.map((p) => (
            <label key={p.id} className="checkbox">
              <input
                type="checkbox"
                checked={picked.includes(p.id)}
                onChange={(e) => setPicked((current) => (e.target.checked ? [...current, p.id] : current.filter((x) => x !== p.id)))}
              />{" "}
              {p.label}
            </label>
          ))}
        </fieldset>
      )}
      <div className="field">
        <label htmlFor={`${id}-results`}>{t("liveSession:console.pollResults")}</label>
        <select id={`${id}-results`} value={results} data-testid="poll-results" onChange={(e) => setResults(e.target.value as "live" | "hidden")}>
          <option value="hidden">{t("liveSession:console.resultsHidden")}</option>
          <option value="live">{t("liveSession:console.resultsLive")}</option>
        </select>
      </div>
      <div className="actions">
        <button type="submit" className="button primary" data-testid="poll-open">
          {t("liveSession:console.openPoll")}
        </button>
        {open && (
          <button type="button" className="button" data-testid="poll-close" onClick={() => void send("liveSession.poll.close", { pollId: open.id })}>
            {t("liveSession:console.closePoll")}
          </button>
        )}
      </div>
    </form>
  );
}

function ProjectorLink({ workshop, send }: { workshop: Workshop; send: Send }) {
  const { t } = useTranslation("liveSession");
  const id = useId();
  const [first, setFirst] = useState(workshop.languages[0] ?? "fr");
  const [second, setSecond] = useState(workshop.languages[1] ?? "");
  const [link, setLink] = useState<string | null>(null);
  const languageOptions = workshop.languages.map((language) => (
    <option key={language} value={language}>
      {languageNames[language] ?? language}
    </option>
  ));

  async function issue() {
    const ack = await send("liveSession.projector.issue", { languages: [first, second].filter((l, i, all) => l && all.indexOf(l) === i) });
    if (ack.ok) setLink(`${window.location.origin}${(ack as unknown as { path: string }).path}`);
  }

  return (
    <div className="live-console-block">
      <div className="field">
        <label htmlFor={`${id}-first`}>{t("liveSession:projector.languages")}</label>
        <select id={`${id}-first`} value={first} data-testid="projector-first" onChange={(e) => setFirst(e.target.value)}>
          {languageOptions}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-second`}>{t("liveSession:projector.second")}</label>
        <select id={`${id}-second`} value={second} data-testid="projector-second" onChange={(e) => setSecond(e.target.value)}>
          <option value="">—</option>
          {languageOptions}
        </select>
      </div>
      <div className="actions">
        <button type="button" className="button" data-testid="projector-issue" onClick={() => void issue()}>
          {t("liveSession:projector.issue")}
        </button>
        {link && (
          <button
            type="button"
            className="button"
            data-testid="projector-revoke"
            onClick={() => void send("liveSession.projector.revoke", {}).then((ack) => ack.ok && setLink(null))}
          >
            {t("liveSession:projector.revoke")}
          </button>
        )}
      </div>
      {link && (
        <div className="field">
          <label htmlFor={`${id}-link`}>{t("liveSession:projector.link")}</label>
          <input id={`${id}-link`} readOnly value={link} data-testid="projector-link" onFocus={(e) => e.target.select()} />
        </div>
      )}
    </div>
  );
}
