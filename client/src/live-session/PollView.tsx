// The open (or last closed) quick poll: my vote, changeable until it closes, and the counts
// when the facilitator shows them live, or once it closes.
import { useTranslation } from "react-i18next";
import type { Ack } from "../../../shared/errors.js";
import type { LivePoll, LiveSession } from "../../../shared/schemas/live-session.js";
import { proposalsApi } from "../proposals/proposalsApi.js";
import { Translated } from "../translation/Translated.js";
import { useResource } from "../ui/useResource.js";

type Send = (event: "liveSession.poll.vote", payload: { pollId: string; choice: string }) => Promise<Ack<{ session: LiveSession }>>;

export function PollView({ workshopId, poll, hiddenCounts, mayVote, send }: { workshopId: string; poll: LivePoll; hiddenCounts: Record<string, number> | null; mayVote: boolean; send: Send }) {
  const { t } = useTranslation("liveSession");
  // A facilitator sees hidden results as votes arrive; nobody else does until the poll closes.
  const counts = poll.counts ?? hiddenCounts;
  const open = poll.status === "open";
  return (
    <section className="card live-poll" aria-labelledby="live-poll-title" data-testid="live-poll" data-status={poll.status}>
      <h2 id="live-poll-title" className="live-section-title">
        {t(open ? "liveSession:poll.open" : "liveSession:poll.closed")}
      </h2>
      <p className="live-poll-question">{poll.question}</p>
      <ul className="live-poll-options">
        {poll.options.map((option) => {
          const count = counts?.[option] ?? 0;
          const share = counts && poll.voteCount > 0 ? Math.round((100 * count) / poll.voteCount) : 0;
          return (
            <li key={option}>
              <button
                type="button"
                className={`button live-poll-choice${poll.myVote === option ? " primary" : ""}`}
                aria-pressed={poll.myVote === option}
                disabled={!open || !mayVote}
                data-testid={`vote-${option}`}
                onClick={() => void send("liveSession.poll.vote", { pollId: poll.id, choice: option })}
              >
                {poll.kind === "agreement" ? t(`liveSession:poll.choices.${option}`) : <ProposalTitle workshopId={workshopId} proposalId={option} />}
              </button>
              {counts && (
                <span className="live-poll-bar" data-testid={`count-${option}`} data-count={count}>
                  <span className="live-poll-fill" style={{ width: `${share}%` }} aria-hidden="true" />
                  <span className="live-poll-number">{t("liveSession:poll.votes", { count })}</span>
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <p className="muted" data-testid="poll-summary">
        {t("liveSession:poll.voteCount", { count: poll.voteCount })}
        {!counts && <> · {t("liveSession:poll.hiddenUntilClose")}</>}
      </p>
    </section>
  );
}

function ProposalTitle({ workshopId, proposalId }: { workshopId: string; proposalId: string }) {
  const proposal = useResource(() => proposalsApi.get(workshopId, proposalId), [workshopId, proposalId]);
  if (!proposal.data) return <>…</>;
  return <Translated workshopId={workshopId} targetKind="proposal" targetId={proposalId} field="title" original={proposal.data.title} render={(text, lang) => <span lang={lang}>{text}</span>} />;
}
