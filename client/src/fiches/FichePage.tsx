// One fiche navette as the sheet reads: its rows, the observers' feedback and the hosts'
// replies (signed, dated), consent to circulate, its history and the threads about it.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { keywordFacets, type ConsentValue } from "../../../shared/domain/fiches.js";
import { can } from "../../../shared/permissions.js";
import { emptyRichText, isRichTextEmpty, safeHref, type RichTextDoc } from "../../../shared/richtext.js";
import type { Fiche, FicheEntry } from "../../../shared/schemas/contributions.js";
import { debateApi } from "../debate/debateApi.js";
import { useWorkshopEvents } from "../live/workshopEvents.js";
import { useProcess } from "../sequences/ProcessLayout.js";
import { SequenceFields, useSequenceForm } from "../sequences/sequenceState.js";
import { CitedIn } from "../synthesis/CitedIn.js";
import { ficheField } from "../translation/sourceText.js";
import { Translated, TranslatedItem, TranslationNote, useTranslatedField } from "../translation/Translated.js";
import { TranslatedTitle, useTranslatedTitles } from "../translation/TranslatedTitles.js";
import { DraftNote } from "../ui/DraftNote.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { formatDateTime } from "../ui/format.js";
import { Loading } from "../ui/Loading.js";
import { RichTextField } from "../ui/RichTextField.js";
import { useLocalDraft } from "../ui/useLocalDraft.js";
import { usePageTitle } from "../ui/usePageTitle.js";
import { useResource } from "../ui/useResource.js";
import { entryPlace, fichesApi } from "./fichesApi.js";
import { KeptWrites } from "../ui/KeptWrites.js";
import { useQuestionText } from "./gridQuestions.js";

export function FichePage() {
  const { workshopId, workshop, role, user } = useProcess();
  const { ficheId = "" } = useParams();
  const { t } = useTranslation(["fiches", "common"]);
  const fiche = useResource(() => fichesApi.get(workshopId, ficheId), [workshopId, ficheId]);
  const threads = useResource(() => debateApi.threads(workshopId, { ficheId }), [workshopId, ficheId]);
  const [failure, setFailure] = useState<unknown>(null);
  const questionText = useQuestionText(workshopId);
  const threadTitles = useTranslatedTitles(workshopId, "thread", "title", threads.data?.items.map((thread) => thread.id) ?? []);
  // Submitting, finalising and reopening all wait for an open illustrate sequence.
  const sequence = useSequenceForm("illustrate");
  usePageTitle(fiche.data?.rows.title || t("fiches:untitled"));
  useWorkshopEvents({
    "fiche.updated": (event) => event.fiche.id === ficheId && fiche.replace(event.fiche),
    "thread.created": (event) => event.thread.ficheId === ficheId && threads.reload(),
    "post.created": threads.reload,
  });

  if (fiche.error && !fiche.data) return <ErrorNotice error={fiche.error} />;
  if (!fiche.data) return <Loading />;
  const current = fiche.data;
  const rows = current.rows;
  const isAuthor = current.authors.some((a) => a.id === user.id);
  const editsAny = can(role, "fiche.editAny");
  const mayWrite = isAuthor || editsAny;

  async function run(action: () => Promise<Fiche>) {
    setFailure(null);
    try {
      fiche.replace(await action());
    } catch (error) {
      setFailure(error);
    }
  }

  const questions = workshop.readingGrid.questions;
  const extraAnswers = Object.keys(rows.gridAnswers).filter((qid) => !questions.some((q) => q.id === qid));

  return (
    <TranslatedItem workshopId={workshopId} targetKind="fiche" targetId={current.id} own={isAuthor}>
    <article className="fiche" aria-labelledby="fiche-title">
      <header className="page-head">
        <div>
          {rows.title ? (
            <Translated
              workshopId={workshopId}
              targetKind="fiche"
              targetId={current.id}
              field={ficheField.title}
              original={rows.title}
              render={(text, lang) => (
                <h1 id="fiche-title" data-testid="fiche-heading" lang={lang}>
                  {text}
                </h1>
              )}
            />
          ) : (
            <h1 id="fiche-title" data-testid="fiche-heading">
              {t("fiches:untitled")}
            </h1>
          )}
          <p className="card-meta">
            <span className={`badge status-${current.status}`} data-testid="fiche-status">
              {t(`fiches:status.${current.status}`)}
            </span>
            <span>{t(`fiches:side.${current.authorSide}`)}</span>
            <span>{t("fiches:view.by", { names: current.authors.map((a) => a.displayName).join(", ") })}</span>
            {current.finalisedAt && <span>{t("fiches:view.finalisedAt", { date: formatDateTime(current.finalisedAt) })}</span>}
          </p>
          <TranslationNote />
        </div>
        <div className="actions">
          {mayWrite && current.status !== "finalised" && (
            <Link className="button" to="edit">
              {t("fiches:actions.edit")}
            </Link>
          )}
          {current.status === "draft" && isAuthor && (
            <button type="button" className="button primary" disabled={!sequence.writable} onClick={() => void run(() => fichesApi.setStatus(workshopId, current.id, "submitted"))}>
              {t("fiches:actions.submit")}
            </button>
          )}
          {current.status === "submitted" && mayWrite && (
            <button type="button" className="button primary" disabled={!sequence.writable} onClick={() => void run(() => fichesApi.setStatus(workshopId, current.id, "finalised"))}>
              {t("fiches:actions.finalise")}
            </button>
          )}
          {current.status === "finalised" && editsAny && (
            <button type="button" className="button" disabled={!sequence.writable} onClick={() => void run(() => fichesApi.setStatus(workshopId, current.id, "submitted"))}>
              {t("fiches:actions.reopen")}
            </button>
          )}
        </div>
      </header>
      <ErrorNotice error={failure} />

      <dl className="fiche-rows card">
        <Row label={t("fiches:rows.presenters")} empty={rows.presenters.length === 0}>
          {rows.presenters.join(", ")}
        </Row>
        <Row label={t("fiches:rows.actionDate")} empty={!rows.actionDate}>
          {rows.actionDate}
        </Row>
        <Row label={t("fiches:rows.place")} empty={!rows.place}>
          <Translated workshopId={workshopId} targetKind="fiche" targetId={current.id} field={ficheField.place} original={rows.place} />
        </Row>
        <Row label={t("fiches:rows.descriptive")} empty={isRichTextEmpty(rows.descriptive as RichTextDoc)}>
          <Translated workshopId={workshopId} targetKind="fiche" targetId={current.id} field={ficheField.descriptive} original={rows.descriptive} />
        </Row>
        {questions.map((question, index) => (
          <Row key={question.id} label={`${index + 1}. ${questionText(question)}`} empty={!rows.gridAnswers[question.id] || isRichTextEmpty(rows.gridAnswers[question.id] as RichTextDoc)}>
            <Translated workshopId={workshopId} targetKind="fiche" targetId={current.id} field={ficheField.answer(question.id)} original={rows.gridAnswers[question.id]} />
          </Row>
        ))}
        {extraAnswers.map((qid) => (
          <Row key={qid} label={t("fiches:view.retiredQuestion")} empty={false}>
            <Translated workshopId={workshopId} targetKind="fiche" targetId={current.id} field={ficheField.answer(qid)} original={rows.gridAnswers[qid]} />
          </Row>
        ))}
        <Row label={t("fiches:rows.recurringIssues")} empty={isRichTextEmpty(rows.recurringIssues as RichTextDoc)}>
          <Translated workshopId={workshopId} targetKind="fiche" targetId={current.id} field={ficheField.recurringIssues} original={rows.recurringIssues} />
        </Row>
        <Row label={t("fiches:rows.lessons")} empty={isRichTextEmpty(rows.lessons as RichTextDoc)}>
          <Translated workshopId={workshopId} targetKind="fiche" targetId={current.id} field={ficheField.lessons} original={rows.lessons} />
        </Row>
        <Row label={t("fiches:rows.keywords")} empty={keywordFacets.every((facet) => rows.keywords[facet].length === 0)}>
          {keywordFacets.map(
            (facet) =>
              rows.keywords[facet].length > 0 && (
                <div key={facet} className="facet">
                  <span className="facet-name">{t(`fiches:facets.${facet}`)}</span>
                  <KeywordTags ficheId={current.id} facet={facet} words={rows.keywords[facet]} />
                </div>
              ),
          )}
        </Row>
        <Row label={t("fiches:rows.references")} empty={rows.references.length === 0}>
          <ul className="references">
            {rows.references.map((reference) => {
              const href = safeHref(reference.url);
              return (
                <li key={reference.url}>
                  {href ? (
                    <a href={href} rel="noopener noreferrer nofollow" target="_blank">
                      {reference.label || reference.url}
                    </a>
                  ) : (
                    reference.label
                  )}
                </li>
              );
            })}
          </ul>
        </Row>
      </dl>

      <Entries
        workshopId={workshopId}
        title={t("fiches:feedback.title")}
        testId="observer-feedback"
        draftName={`feedback:${current.id}`}
        entries={current.observerFeedback}
        canAdd={can(role, "fiche.observerFeedback") && current.status === "submitted"}
        addLabel={t("fiches:feedback.add")}
        place={entryPlace("observer-feedback", current.id)}
        onAdd={(body) => fichesApi.addEntry(user.id, workshopId, current.id, "observer-feedback", body).then((added) => added && fiche.replace(added))}
      />
      <Entries
        workshopId={workshopId}
        title={t("fiches:replies.title")}
        testId="host-replies"
        draftName={`reply:${current.id}`}
        entries={current.hostReplies}
        canAdd={can(role, "fiche.hostReply") && current.status === "submitted"}
        addLabel={t("fiches:replies.add")}
        place={entryPlace("host-replies", current.id)}
        onAdd={(body) => fichesApi.addEntry(user.id, workshopId, current.id, "host-replies", body).then((added) => added && fiche.replace(added))}
      />

      <ConsentSection fiche={current} canSet={can(role, "fiche.consent")} onSaved={fiche.replace} />

      <CitedIn workshopId={workshopId} kind="fiche" targetId={current.id} />
      <section className="card" aria-labelledby="fiche-threads-title">
        <h2 id="fiche-threads-title">{t("fiches:view.threads")}</h2>
        {threads.data && threads.data.items.length === 0 && <p className="muted">{t("fiches:view.noThreads")}</p>}
        <ul className="plain-list">
          {threads.data?.items.map((thread) => (
            <li key={thread.id}>
              <Link to={`/workshops/${workshopId}/debate/threads/${thread.id}`}>
                <TranslatedTitle original={thread.title} translation={threadTitles.get(thread.id)} />
              </Link>{" "}
              <span className="muted">{t("fiches:view.postCount", { count: thread.postCount })}</span>
            </li>
          ))}
        </ul>
        {current.status !== "draft" && can(role, "thread.create") && (
          <Link className="button small" to={`/workshops/${workshopId}/debate?ficheId=${current.id}`}>
            {t("fiches:view.startThread")}
          </Link>
        )}
      </section>

      <Revisions workshopId={workshopId} ficheId={current.id} version={current.version} />
    </article>
    </TranslatedItem>
  );
}

function Row({ label, empty, children }: { label: string; empty: boolean; children: React.ReactNode }) {
  const { t } = useTranslation("fiches");
  return (
    <div className="fiche-row">
      <dt>{label}</dt>
      <dd>{empty ? <span className="muted">{t("fiches:view.empty")}</span> : children}</dd>
    </div>
  );
}

type EntriesProps = {
  workshopId: string;
  title: string;
  testId: string;
  draftName: string;
  entries: FicheEntry[];
  canAdd: boolean;
  addLabel: string;
  /** Where entries kept on this device while offline show (see ui/outbox.ts). */
  place: string;
  onAdd: (body: RichTextDoc) => Promise<unknown>;
};

function Entries(props: EntriesProps) {
  const { t } = useTranslation("fiches");
  const { user } = useProcess();
  const draft = useLocalDraft<{ body: RichTextDoc }>(props.draftName, { body: emptyRichText() });
  const { body } = draft.value;
  const [sent, setSent] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const sequence = useSequenceForm("illustrate", { writing: props.canAdd && !isRichTextEmpty(body) });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await props.onAdd(body);
      draft.reset();
      setSent((n) => n + 1);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-label={props.title} data-testid={props.testId}>
      <h2>{props.title}</h2>
      {props.entries.length === 0 && <p className="muted">{t("fiches:view.noEntries")}</p>}
      <ol className="entries">
        {props.entries.map((entry) => (
          <li key={entry.id} className="entry">
            <Translated workshopId={props.workshopId} targetKind="ficheEntry" targetId={entry.id} field="body" original={entry.body} own={entry.author.id === user.id} />
            <p className="signature">
              — {entry.author.displayName}, <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt)}</time>
            </p>
          </li>
        ))}
      </ol>
      <KeptWrites place={props.place} />
      {props.canAdd && (
        <form className="form" onSubmit={(event) => void submit(event)}>
          <SequenceFields form={sequence}>
            <RichTextField label={props.addLabel} value={body} onChange={(doc) => draft.set({ body: doc })} resetKey={sent} />
          </SequenceFields>
          <ErrorNotice error={failure} />
          <DraftNote savedAt={draft.savedAt} />
          <div className="actions">
            <button type="submit" className="button primary" disabled={busy || isRichTextEmpty(body) || !sequence.writable}>
              {t("fiches:view.send")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function ConsentSection({ fiche, canSet, onSaved }: { fiche: Fiche; canSet: boolean; onSaved: (fiche: Fiche) => void }) {
  const { t } = useTranslation("fiches");
  const workshopId = fiche.workshopId;
  const [editing, setEditing] = useState(false);
  const [toParticipants, setToParticipants] = useState<ConsentValue>(fiche.consent.toParticipants);
  const [asWorkingDocument, setAsWorkingDocument] = useState<ConsentValue>(fiche.consent.asWorkingDocument);
  const [conditions, setConditions] = useState(fiche.consent.conditions);
  const [failure, setFailure] = useState<unknown>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    try {
      onSaved(await fichesApi.setConsent(workshopId, fiche.id, { toParticipants, asWorkingDocument, conditions }));
      setEditing(false);
    } catch (error) {
      setFailure(error);
    }
  }

  const choice = (name: string, value: ConsentValue, set: (v: ConsentValue) => void) => (
    <fieldset className="field">
      <legend>{t(`fiches:consent.${name}`)}</legend>
      <div className="radio-row">
        {(["yes", "no", "unset"] as const).map((option) => (
          <label key={option} className="checkbox">
            <input type="radio" name={name} value={option} checked={value === option} onChange={() => set(option)} />
            {t(`fiches:consent.values.${option}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );

  return (
    <section className="card" aria-labelledby="consent-title">
      <h2 id="consent-title">{t("fiches:consent.title")}</h2>
      {editing ? (
        <form className="form" onSubmit={(event) => void save(event)}>
          {choice("toParticipants", toParticipants, setToParticipants)}
          {choice("asWorkingDocument", asWorkingDocument, setAsWorkingDocument)}
          <div className="field">
            <label htmlFor="consent-conditions">{t("fiches:consent.conditions")}</label>
            <textarea id="consent-conditions" rows={2} maxLength={2000} value={conditions} onChange={(e) => setConditions(e.target.value)} />
          </div>
          <ErrorNotice error={failure} />
          <div className="actions">
            <button type="submit" className="button primary">
              {t("fiches:consent.save")}
            </button>
            <button type="button" className="button" onClick={() => setEditing(false)}>
              {t("fiches:consent.cancel")}
            </button>
          </div>
        </form>
      ) : (
        <>
          <dl className="consent">
            <dt>{t("fiches:consent.toParticipants")}</dt>
            <dd>{t(`fiches:consent.values.${fiche.consent.toParticipants}`)}</dd>
            <dt>{t("fiches:consent.asWorkingDocument")}</dt>
            <dd>{t(`fiches:consent.values.${fiche.consent.asWorkingDocument}`)}</dd>
            <dt>{t("fiches:consent.conditions")}</dt>
            <dd>
              {fiche.consent.conditions ? (
                <Translated workshopId={workshopId} targetKind="fiche" targetId={fiche.id} field="consent.conditions" original={fiche.consent.conditions} />
              ) : (
                <span className="muted">{t("fiches:view.empty")}</span>
              )}
            </dd>
          </dl>
          {fiche.consent.setBy && fiche.consent.setAt && (
            <p className="muted">{t("fiches:consent.setBy", { name: fiche.consent.setBy.displayName, date: formatDateTime(fiche.consent.setAt) })}</p>
          )}
          {canSet && (
            <button
              type="button"
              className="button small"
              onClick={() => {
                setToParticipants(fiche.consent.toParticipants);
                setAsWorkingDocument(fiche.consent.asWorkingDocument);
                setConditions(fiche.consent.conditions);
                setEditing(true);
              }}
            >
              {t("fiches:consent.change")}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function Revisions({ workshopId, ficheId, version }: { workshopId: string; ficheId: string; version: number }) {
  const { t } = useTranslation("fiches");
  const [open, setOpen] = useState(false);
  const revisions = useResource(() => (open ? fichesApi.revisions(workshopId, ficheId) : Promise.resolve(undefined)), [workshopId, ficheId, open, version]);
  return (
    <section className="card" aria-labelledby="revisions-title">
      <h2 id="revisions-title">{t("fiches:revisions.title")}</h2>
      <button type="button" className="button small" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t(open ? "fiches:revisions.hide" : "fiches:revisions.show")}
      </button>
      {open && revisions.loading && !revisions.data && <Loading />}
      {open && revisions.data && (
        <ol className="revisions">
          {revisions.data.items.map((revision) => (
            <li key={revision.version}>
              {t("fiches:revisions.entry", { version: revision.version, name: revision.changedBy.displayName, date: formatDateTime(revision.changedAt) })}{" "}
              <span className="muted">{Object.keys(revision.changes).map((key) => rowName(t, key)).join(", ")}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function rowName(t: (key: string) => string, key: string): string {
  const base = key.split(".")[0]!;
  const known = ["title", "presenters", "actionDate", "place", "descriptive", "gridAnswers", "recurringIssues", "lessons", "keywords", "references", "status", "consent"];
  return known.includes(base) ? t(`fiches:revisions.rows.${base}`) : base;
}

/** A facet's keywords in the reader's language: the translation keeps them separated by semicolons. */
function KeywordTags({ ficheId, facet, words }: { ficheId: string; facet: string; words: string[] }) {
  const { workshopId } = useProcess();
  const original = words.join("; ");
  const { value, language } = useTranslatedField({ workshopId, targetKind: "fiche", targetId: ficheId }, `rows.keywords.${facet}`, original);
  const shown = typeof value === "string" && value !== original ? value.split(";").map((word) => word.trim()).filter(Boolean) : words;
  return (
    <ul className="tags" lang={language}>
      {shown.map((word, index) => (
        <li key={`${index}-${word}`} className="tag">
          {word}
        </li>
      ))}
    </ul>
  );
}
