// One proposal: its text, supports, the facilitators' decision with its reason, and
// amendments (anyone suggests; the author or a facilitator accepts or rejects).
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { can } from "../../../shared/permissions.js";
import { isRichTextEmpty, type RichTextDoc } from "../../../shared/richtext.js";
import { proposalStatuses, type Amendment, type ProposalForReader, type ProposalStatus } from "../../../shared/schemas/contributions.js";
import { useWorkshopEvents } from "../live/workshopEvents.js";
import { useProcess } from "../sequences/ProcessLayout.js";
import { SequenceFields, useSequenceForm } from "../sequences/sequenceState.js";
import { CitedIn } from "../synthesis/CitedIn.js";
import { Translated, TranslatedItem, TranslationNote } from "../translation/Translated.js";
import { DraftNote } from "../ui/DraftNote.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { formatDateTime } from "../ui/format.js";
import { Loading } from "../ui/Loading.js";
import { RichText } from "../ui/RichText.js";
import { RichTextField } from "../ui/RichTextField.js";
import { useLocalDraft } from "../ui/useLocalDraft.js";
import { usePageTitle } from "../ui/usePageTitle.js";
import { useResource } from "../ui/useResource.js";
import { amendmentPlace, proposalsApi } from "./proposalsApi.js";
import { KeptWrites } from "../ui/KeptWrites.js";
import { MergedPassageField, type Passage } from "./MergedPassageField.js";
import { SupportButton } from "./SupportButton.js";

export function ProposalPage() {
  const { workshopId, role, user } = useProcess();
  const { proposalId = "" } = useParams();
  const { t } = useTranslation("proposals");
  const proposal = useResource(() => proposalsApi.get(workshopId, proposalId), [workshopId, proposalId]);
  const amendments = useResource(() => proposalsApi.amendments(workshopId, proposalId), [workshopId, proposalId]);
  usePageTitle(proposal.data?.title);
  useWorkshopEvents({
    // Pushed proposals carry nobody's support: keep mine, as the latest state has it (not as this render saw it).
    "proposal.updated": (event) =>
      event.proposal.id === proposalId && proposal.update((current) => current && { ...event.proposal, supportedByMe: current.supportedByMe }),
    "amendment.updated": (event) => event.amendment.proposalId === proposalId && amendments.reload(),
  });

  if (proposal.error && !proposal.data) return <ErrorNotice error={proposal.error} />;
  if (!proposal.data) return <Loading />;
  const current = proposal.data;
  const decides = current.author.id === user.id || can(role, "amendment.decideAny");

  return (
    <TranslatedItem workshopId={workshopId} targetKind="proposal" targetId={current.id} own={current.author.id === user.id}>
    <article aria-labelledby="proposal-title" className="proposal">
      <header className="page-head">
        <div>
          <Translated workshopId={workshopId} targetKind="proposal" targetId={current.id} field="title" original={current.title} render={(text, lang) => <h1 id="proposal-title" lang={lang}>{text}</h1>} />
          <p className="card-meta">
            <span className={`badge status-${current.status}`} data-testid="proposal-status">
              {t(`proposals:status.${current.status}`)}
            </span>
            <span>{t("proposals:list.by", { name: current.author.displayName, date: formatDateTime(current.createdAt) })}</span>
            <Link to={`/workshops/${workshopId}/propose`}>{t("proposals:view.back")}</Link>
          </p>
          <TranslationNote />
        </div>
        <SupportButton proposal={current} role={role} onChanged={proposal.replace} />
      </header>
      <div className="card">
        <Translated workshopId={workshopId} targetKind="proposal" targetId={current.id} field="body" original={current.body} />
      </div>
      {current.statusDecision && (
        <p className="notice">
          {t("proposals:view.decision", { status: t(`proposals:status.${current.status}`), name: current.statusDecision.by.displayName, date: formatDateTime(current.statusDecision.at), reason: current.statusDecision.reason })}
        </p>
      )}
      <CitedIn workshopId={workshopId} kind="proposal" targetId={current.id} />
      {can(role, "proposal.setStatus") && <StatusForm proposal={current} onChanged={proposal.replace} />}

      <section className="card" aria-labelledby="amendments-title">
        <h2 id="amendments-title">{t("proposals:amendments.title")}</h2>
        <ErrorNotice error={amendments.error} />
        {amendments.data && amendments.data.items.length === 0 && <p className="muted">{t("proposals:amendments.empty")}</p>}
        <ol className="entries">
          {amendments.data?.items.map((amendment) => (
            <AmendmentItem key={amendment.id} amendment={amendment} mayDecide={decides && current.status === "open"} onChanged={() => (amendments.reload(), proposal.reload())} />
          ))}
        </ol>
        {can(role, "amendment.create") && current.status === "open" && <SuggestAmendment proposal={current} onSent={amendments.reload} />}
      </section>
    </article>
    </TranslatedItem>
  );
}

function StatusForm({ proposal, onChanged }: { proposal: ProposalForReader; onChanged: (p: ProposalForReader) => void }) {
  const { t } = useTranslation("proposals");
  const [status, setStatus] = useState<ProposalStatus>(proposal.status === "open" ? "retained" : "open");
  const [reason, setReason] = useState("");
  const [passage, setPassage] = useState<Passage | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const merging = status === "merged";
  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    try {
      onChanged(await proposalsApi.setStatus(proposal.workshopId, proposal.id, status, reason, merging ? (passage ?? undefined) : undefined));
      setReason("");
      setPassage(null);
    } catch (error) {
      setFailure(error);
    }
  }
  return (
    <section className="card" aria-labelledby="status-title">
      <h2 id="status-title">{t("proposals:statusForm.title")}</h2>
      <form className="form inline-form" onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor="proposal-status">{t("proposals:statusForm.status")}</label>
          <select id="proposal-status" value={status} onChange={(e) => setStatus(e.target.value as ProposalStatus)}>
            {proposalStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`proposals:status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="proposal-reason">{t("proposals:statusForm.reason")}</label>
          <input id="proposal-reason" required maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        {merging && <MergedPassageField workshopId={proposal.workshopId} value={passage} onChange={setPassage} />}
        <ErrorNotice error={failure} />
        <div className="actions">
          <button type="submit" className="button primary" disabled={!reason.trim()}>
            {t("proposals:statusForm.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}

function AmendmentItem({ amendment, mayDecide, onChanged }: { amendment: Amendment; mayDecide: boolean; onChanged: () => void }) {
  const { t } = useTranslation("proposals");
  const { user } = useProcess();
  const [reason, setReason] = useState("");
  const [failure, setFailure] = useState<unknown>(null);
  const sequence = useSequenceForm("propose");
  async function decide(decision: "accepted" | "rejected") {
    setFailure(null);
    try {
      await proposalsApi.decide(amendment.workshopId, amendment.id, decision, reason);
      onChanged();
    } catch (error) {
      setFailure(error);
    }
  }
  const amendmentRef = { workshopId: amendment.workshopId, targetKind: "amendment", targetId: amendment.id } as const;
  return (
    <li className="entry amendment" data-testid="amendment">
      <p className="card-meta">
        <span className={`badge status-${amendment.status}`}>{t(`proposals:amendments.status.${amendment.status}`)}</span>
        <span>{t("proposals:list.by", { name: amendment.author.displayName, date: formatDateTime(amendment.createdAt) })}</span>
      </p>
      <TranslatedItem {...amendmentRef} own={amendment.author.id === user.id}>
      {amendment.title && (
        <Translated
          {...amendmentRef}
          field="title"
          original={amendment.title}
          render={(title, lang) => <p lang={lang}>{t("proposals:amendments.newTitleLabel")} {title}</p>}
        />
      )}
      <Translated {...amendmentRef} field="body" original={amendment.body} />
      {amendment.rationale && (
        <Translated
          {...amendmentRef}
          field="rationale"
          original={amendment.rationale}
          render={(rationale, lang) => <p className="muted" lang={lang}>{t("proposals:amendments.rationaleLabel")} {rationale}</p>}
        />
      )}
      <TranslationNote />
      </TranslatedItem>
      {amendment.decision && (
        <p className="muted">{t("proposals:amendments.decided", { name: amendment.decision.by.displayName, date: formatDateTime(amendment.decision.at), reason: amendment.decision.reason || "—" })}</p>
      )}
      {mayDecide && amendment.status === "pending" && (
        <div className="inline-form">
          <div className="field">
            <label htmlFor={`decision-${amendment.id}`}>{t("proposals:amendments.reason")}</label>
            <input id={`decision-${amendment.id}`} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <div className="actions">
            <button type="button" className="button small primary" disabled={!sequence.writable} onClick={() => void decide("accepted")}>
              {t("proposals:amendments.accept")}
            </button>
            <button type="button" className="button small danger" disabled={!sequence.writable} onClick={() => void decide("rejected")}>
              {t("proposals:amendments.reject")}
            </button>
          </div>
        </div>
      )}
      <ErrorNotice error={failure} />
    </li>
  );
}

function SuggestAmendment({ proposal, onSent }: { proposal: ProposalForReader; onSent: () => void }) {
  const { t } = useTranslation("proposals");
  const { user } = useProcess();
  const draft = useLocalDraft<{ title: string; body: RichTextDoc; rationale: string }>(`amendment:${proposal.id}`, { title: "", body: proposal.body as RichTextDoc, rationale: "" });
  const { title, body, rationale } = draft.value;
  // An amendment begun on an earlier visit is open again, as it was left.
  const [open, setOpen] = useState(draft.restored);
  const [failure, setFailure] = useState<unknown>(null);
  // Opened, the form holds the proposal's text to amend: it counts as unsent work.
  const sequence = useSequenceForm("propose", { writing: open });
  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    try {
      await proposalsApi.suggest(user.id, proposal.workshopId, proposal.id, { title: title.trim() || undefined, body, rationale });
      draft.reset();
      setOpen(false);
      onSent();
    } catch (error) {
      setFailure(error);
    }
  }
  if (!open)
    return (
      <>
        <KeptWrites place={amendmentPlace(proposal.id)} />
        <button type="button" className="button" data-testid="suggest-amendment" disabled={!sequence.writable} onClick={() => setOpen(true)}>
          {t("proposals:amendments.suggest")}
        </button>
      </>
    );
  return (
    <form className="form" onSubmit={(event) => void submit(event)} data-testid="amendment-form">
      <SequenceFields form={sequence}>
        <div className="field">
          <label htmlFor="amendment-title">{t("proposals:amendments.titleField")}</label>
          <input id="amendment-title" maxLength={300} value={title} placeholder={proposal.title} onChange={(e) => draft.set({ title: e.target.value })} />
        </div>
        <RichTextField label={t("proposals:amendments.body")} value={body} onChange={(doc) => draft.set({ body: doc })} />
        <div className="field">
          <label htmlFor="amendment-rationale">{t("proposals:amendments.rationale")}</label>
          <textarea id="amendment-rationale" rows={2} maxLength={2000} value={rationale} onChange={(e) => draft.set({ rationale: e.target.value })} />
        </div>
      </SequenceFields>
      <ErrorNotice error={failure} />
      <DraftNote savedAt={draft.savedAt} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={isRichTextEmpty(body) || !sequence.writable}>
          {t("proposals:amendments.send")}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            draft.reset();
            setOpen(false);
          }}
        >
          {t("proposals:amendments.cancel")}
        </button>
      </div>
    </form>
  );
}
