// The propose sequence: proposals sorted by supports or date, supports, and a new proposal.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";
import { can } from "../../../shared/permissions.js";
import { isRichTextEmpty } from "../../../shared/richtext.js";
import type { ProposalForReader } from "../../../shared/schemas/contributions.js";
import { useWorkshopEvents } from "../live/workshopEvents.js";
import { useProcess, useSequenceShownAsRead } from "../sequences/ProcessLayout.js";
import { SequenceFields, useSequenceForm } from "../sequences/sequenceState.js";
import { TranslatedTitle, useTranslatedTitles } from "../translation/TranslatedTitles.js";
import { DraftNote } from "../ui/DraftNote.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { formatDateTime } from "../ui/format.js";
import { Loading } from "../ui/Loading.js";
import { RichTextField } from "../ui/RichTextField.js";
import { useLocalDraft } from "../ui/useLocalDraft.js";
import { usePageTitle } from "../ui/usePageTitle.js";
import { useResource } from "../ui/useResource.js";
import { emptyProposal, proposalDraftName, type ProposalDraft } from "./proposalDraft.js";
import { proposalsApi, type ProposalSort } from "./proposalsApi.js";
import { SupportButton } from "./SupportButton.js";

export function ProposalsPage() {
  const { workshopId, role } = useProcess();
  const { t } = useTranslation(["proposals", "sequences"]);
  const [sort, setSort] = useState<ProposalSort>("supports");
  const proposals = useResource(() => proposalsApi.list(workshopId, { sort }), [workshopId, sort]);
  const titles = useTranslatedTitles(workshopId, "proposal", "title", proposals.data?.items.map((p) => p.id) ?? []);
  usePageTitle(t("sequences:kinds.propose"));
  useSequenceShownAsRead("propose", proposals.data);

  // Functional updates: an answer and an event arriving in the same moment each apply to the other's result.
  const replace = (next: ProposalForReader) =>
    proposals.update((current) => current && { ...current, items: current.items.map((p) => (p.id === next.id ? next : p)) });
  useWorkshopEvents({
    "proposal.updated": (event) => {
      if (!proposals.data?.items.some((p) => p.id === event.proposal.id)) return proposals.reload();
      // Pushed proposals carry no reader's support: keep mine, as the latest state has it.
      proposals.update((current) => current && { ...current, items: current.items.map((p) => (p.id === event.proposal.id ? { ...event.proposal, supportedByMe: p.supportedByMe } : p)) });
    },
  });

  return (
    <section aria-labelledby="proposals-title">
      <header className="page-head">
        <div>
          <h1 id="proposals-title">{t("proposals:list.title")}</h1>
          <p className="muted">{t("proposals:list.intro")}</p>
        </div>
        <label className="inline-label">
          {t("proposals:list.sort")}{" "}
          <select value={sort} onChange={(event) => setSort(event.target.value as ProposalSort)} data-testid="proposal-sort">
            <option value="supports">{t("proposals:list.bySupports")}</option>
            <option value="newest">{t("proposals:list.newest")}</option>
            <option value="oldest">{t("proposals:list.oldest")}</option>
          </select>
        </label>
      </header>
      <ErrorNotice error={proposals.error} />
      {proposals.loading && !proposals.data && <Loading />}
      {proposals.data && proposals.data.items.length === 0 && <p className="muted">{t("proposals:list.empty")}</p>}
      <ul className="item-list">
        {proposals.data?.items.map((proposal) => (
          <li key={proposal.id} className="card item proposal-item" data-testid="proposal-item" data-proposal-id={proposal.id}>
            <h2 className="card-title">
              <Link to={`/workshops/${workshopId}/propose/${proposal.id}`}>
                <TranslatedTitle original={proposal.title} translation={titles.get(proposal.id)} />
              </Link>
            </h2>
            <p className="card-meta">
              <span className={`badge status-${proposal.status}`}>{t(`proposals:status.${proposal.status}`)}</span>
              <span>{t("proposals:list.by", { name: proposal.author.displayName, date: formatDateTime(proposal.createdAt) })}</span>
              {proposal.amendments.pending > 0 && <span>{t("proposals:list.pendingAmendments", { count: proposal.amendments.pending })}</span>}
            </p>
            <SupportButton proposal={proposal} role={role} onChanged={replace} />
          </li>
        ))}
      </ul>
      {can(role, "proposal.create") && <NewProposal workshopId={workshopId} />}
    </section>
  );
}

function NewProposal({ workshopId }: { workshopId: string }) {
  const { t } = useTranslation("proposals");
  const navigate = useNavigate();
  const draft = useLocalDraft<ProposalDraft>(proposalDraftName(workshopId), emptyProposal());
  const { title, body } = draft.value;
  // Sent here to finish a proposal started elsewhere (#new-proposal): the form takes the focus.
  const titleRef = useRef<HTMLInputElement>(null);
  const { hash } = useLocation();
  useEffect(() => {
    if (hash === "#new-proposal") titleRef.current?.focus();
  }, [hash]);
  const [failure, setFailure] = useState<unknown>(null);
  const sequence = useSequenceForm("propose", { writing: Boolean(title.trim()) || !isRichTextEmpty(body) });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    try {
      const proposal = await proposalsApi.create(workshopId, { title, body });
      draft.reset();
      void navigate(`/workshops/${workshopId}/propose/${proposal.id}`);
    } catch (error) {
      setFailure(error);
    }
  }

  return (
    <section className="card" id="new-proposal" aria-labelledby="new-proposal-title">
      <h2 id="new-proposal-title">{t("proposals:new.title")}</h2>
      <form className="form" onSubmit={(event) => void submit(event)} data-testid="new-proposal-form">
        <SequenceFields form={sequence}>
          <div className="field">
            <label htmlFor="proposal-title">{t("proposals:new.proposalTitle")}</label>
            <input id="proposal-title" ref={titleRef} required maxLength={300} value={title} onChange={(e) => draft.set({ title: e.target.value })} />
          </div>
          <RichTextField label={t("proposals:new.body")} value={body} onChange={(doc) => draft.set({ body: doc })} />
        </SequenceFields>
        <ErrorNotice error={failure} />
        <DraftNote savedAt={draft.savedAt} />
        <div className="actions">
          <button type="submit" className="button primary" disabled={!title.trim() || isRichTextEmpty(body) || !sequence.writable}>
            {t("proposals:new.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
