// Writing a fiche navette: one field per row of the sheet and per question of the
// workshop's reading grid, saved as the writer types, then submitted or finalised.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { keywordFacets } from "../../../shared/domain/fiches.js";
import { can } from "../../../shared/permissions.js";
import type { Fiche } from "../../../shared/schemas/contributions.js";
import { useWorkshopEvents } from "../live/workshopEvents.js";
import { useProcess } from "../sequences/ProcessLayout.js";
import { SequenceFields, useSequenceForm } from "../sequences/sequenceState.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { Loading } from "../ui/Loading.js";
import { RichTextField } from "../ui/RichTextField.js";
import { usePageTitle } from "../ui/usePageTitle.js";
import { useResource } from "../ui/useResource.js";
import { TranslatedItem, TranslationNote } from "../translation/Translated.js";
import { fichesApi } from "./fichesApi.js";
import { useQuestionText } from "./gridQuestions.js";
import { isWebUrl } from "./ficheDraft.js";
import { useFicheAutosave, type SaveState } from "./useFicheAutosave.js";

export function FicheEditPage() {
  const { workshopId } = useProcess();
  const { ficheId = "" } = useParams();
  const fiche = useResource(() => fichesApi.get(workshopId, ficheId), [workshopId, ficheId]);
  if (fiche.error && !fiche.data) return <ErrorNotice error={fiche.error} />;
  if (!fiche.data) return <Loading />;
  return <FicheForm key={fiche.data.id} initial={fiche.data} />;
}

function FicheForm({ initial }: { initial: Fiche }) {
  const { workshopId, role, user } = useProcess();
  const { t } = useTranslation(["fiches", "common"]);
  const navigate = useNavigate();
  const autosave = useFicheAutosave(workshopId, initial);
  const { draft, change, fiche, generation } = autosave;
  const [failure, setFailure] = useState<unknown>(null);
  // An open editor counts as unsent work: its writer is mid-sheet even when autosave has sent each change.
  const sequence = useSequenceForm("illustrate", { writing: true, preparation: fiche.status === "draft" });
  // A save refused while the sequence was closed is sent again once it reopens.
  useEffect(() => {
    if (sequence.writable && autosave.state === "error") void autosave.flush();
  }, [sequence.writable]);
  // Submitting and finalising wait for the sequence to be open, drafts or not.
  const statusChange = useSequenceForm("illustrate");
  usePageTitle(draft.title || t("fiches:untitled"));
  useWorkshopEvents({ "fiche.updated": (event) => event.fiche.id === initial.id && autosave.remoteUpdate(event.fiche) });

  const isAuthor = fiche.authors.some((a) => a.id === user.id);
  const mayWrite = isAuthor || can(role, "fiche.editAny");
  const viewPath = `/workshops/${workshopId}/illustrate/fiches/${fiche.id}`;

  async function setStatus(status: "submitted" | "finalised") {
    setFailure(null);
    try {
      if (!(await autosave.flush())) return;
      autosave.setFiche(await fichesApi.setStatus(workshopId, fiche.id, status));
      void navigate(viewPath);
    } catch (error) {
      setFailure(error);
    }
  }

  const id = (name: string) => `fiche-${name}`;
  return (
    <section aria-labelledby="fiche-edit-title" className="fiche-edit">
      <header className="page-head">
        <div>
          <h1 id="fiche-edit-title">{t("fiches:edit.title")}</h1>
          <p className="card-meta">
            <span className={`badge status-${fiche.status}`}>{t(`fiches:status.${fiche.status}`)}</span>
            <span>{t(`fiches:side.${fiche.authorSide}`)}</span>
          </p>
        </div>
        <SaveIndicator state={autosave.state} />
      </header>
      {!mayWrite && <p className="notice">{t("fiches:edit.readOnly")}</p>}
      {autosave.state === "conflict" && (
        <div className="notice notice-error" role="alert" data-testid="fiche-conflict">
          <p>{t("fiches:edit.conflict")}</p>
          <button type="button" className="button small" onClick={() => void autosave.reloadLatest()}>
            {t("fiches:edit.loadLatest")}
          </button>
        </div>
      )}
      {autosave.state === "error" && <ErrorNotice error={autosave.failure} />}

      <form className="form card" onSubmit={(event) => event.preventDefault()}>
        <SequenceFields form={sequence}>
          <fieldset className="field">
            <legend>{t("fiches:rows.action")}</legend>
            <div className="inline-form">
              <div className="field">
                <label htmlFor={id("title")}>{t("fiches:rows.title")}</label>
                <input id={id("title")} value={draft.title} maxLength={300} onChange={(e) => change("title", e.target.value)} />
              </div>
              <div className="field">
                <label htmlFor={id("date")}>{t("fiches:rows.actionDate")}</label>
                <input id={id("date")} value={draft.actionDate} maxLength={100} onChange={(e) => change("actionDate", e.target.value)} />
              </div>
              <div className="field">
                <label htmlFor={id("place")}>{t("fiches:rows.place")}</label>
                <input id={id("place")} value={draft.place} maxLength={300} onChange={(e) => change("place", e.target.value)} />
              </div>
            </div>
            <div className="field">
              <label htmlFor={id("presenters")}>{t("fiches:rows.presenters")}</label>
              <p className="hint" id={id("presenters-hint")}>
                {t("fiches:edit.onePerLine")}
              </p>
              <textarea id={id("presenters")} rows={2} aria-describedby={id("presenters-hint")} value={draft.presenters} onChange={(e) => change("presenters", e.target.value)} />
            </div>
          </fieldset>

          <RichTextField key={`descriptive-${generation}`} label={t("fiches:rows.descriptive")} value={draft.descriptive} onChange={(doc) => change("descriptive", doc)} />

          <GridAnswerFields autosave={autosave} />

          <RichTextField key={`issues-${generation}`} label={t("fiches:rows.recurringIssues")} value={draft.recurringIssues} onChange={(doc) => change("recurringIssues", doc)} />
          <RichTextField key={`lessons-${generation}`} label={t("fiches:rows.lessons")} value={draft.lessons} onChange={(doc) => change("lessons", doc)} />

          <fieldset className="field">
            <legend>{t("fiches:rows.keywords")}</legend>
            <p className="hint">{t("fiches:edit.commaSeparated")}</p>
            <div className="inline-form">
              {keywordFacets.map((facet) => (
                <div className="field" key={facet}>
                  <label htmlFor={id(`kw-${facet}`)}>{t(`fiches:facets.${facet}`)}</label>
                  <input id={id(`kw-${facet}`)} value={draft.keywords[facet]} onChange={(e) => change("keywords", { ...draft.keywords, [facet]: e.target.value })} />
                </div>
              ))}
            </div>
          </fieldset>

          <fieldset className="field">
            <legend>{t("fiches:rows.references")}</legend>
            {draft.references.map((reference, index) => (
              <div className="reference-row" key={index}>
                <div className="field">
                  <label htmlFor={id(`ref-label-${index}`)}>{t("fiches:edit.referenceLabel")}</label>
                  <input
                    id={id(`ref-label-${index}`)}
                    value={reference.label}
                    onChange={(e) => change("references", draft.references.map((r, i) => (i === index ? { ...r, label: e.target.value } : r)))}
                  />
                </div>
                <div className="field">
                  <label htmlFor={id(`ref-url-${index}`)}>{t("fiches:edit.referenceUrl")}</label>
                  <input
                    id={id(`ref-url-${index}`)}
                    type="url"
                    inputMode="url"
                    placeholder="https://"
                    value={reference.url}
                    aria-invalid={reference.url !== "" && !isWebUrl(reference.url)}
                    onChange={(e) => change("references", draft.references.map((r, i) => (i === index ? { ...r, url: e.target.value } : r)))}
                  />
                  {reference.url !== "" && !isWebUrl(reference.url) && <p className="field-error">{t("fiches:edit.urlInvalid")}</p>}
                </div>
                <button type="button" className="button small danger" onClick={() => change("references", draft.references.filter((_, i) => i !== index))}>
                  {t("fiches:edit.removeReference")}
                </button>
              </div>
            ))}
            <div>
              <button type="button" className="button small" onClick={() => change("references", [...draft.references, { label: "", url: "" }])}>
                {t("fiches:edit.addReference")}
              </button>
            </div>
          </fieldset>

        </SequenceFields>
        <ErrorNotice error={failure} />
        <div className="actions">
          {fiche.status === "draft" && isAuthor && (
            <button type="button" className="button primary" data-testid="fiche-submit" disabled={!statusChange.writable} onClick={() => void setStatus("submitted")}>
              {t("fiches:actions.submit")}
            </button>
          )}
          {fiche.status === "submitted" && mayWrite && (
            <button type="button" className="button primary" data-testid="fiche-finalise" disabled={!statusChange.writable} onClick={() => void setStatus("finalised")}>
              {t("fiches:actions.finalise")}
            </button>
          )}
          <Link className="button" to={viewPath} onClick={() => void autosave.flush()}>
            {t("fiches:edit.done")}
          </Link>
        </div>
      </form>
    </section>
  );
}

function SaveIndicator({ state }: { state: SaveState }) {
  const { t } = useTranslation("fiches");
  return (
    <p className={`save-state save-${state}`} role="status" data-testid="save-state" data-state={state}>
      <span aria-hidden="true" className="save-dot" />
      {t(`fiches:save.${state}`)}
    </p>
  );
}

/**
 * One field per question of the reading grid. The questions are the workshop's words: in the
 * writer's language, marked once, the original one click away.
 */
function GridAnswerFields({ autosave }: { autosave: ReturnType<typeof useFicheAutosave> }) {
  const { workshopId, workshop } = useProcess();
  const { t } = useTranslation("fiches");
  const { draft, change, generation } = autosave;
  const questions = workshop.readingGrid.questions;
  return (
    <TranslatedItem workshopId={workshopId} targetKind="workshop" targetId={workshopId}>
      <fieldset className="field" data-testid="grid-questions">
        <legend>{t("fiches:rows.grid")}</legend>
        {questions.length > 0 && <TranslationNote />}
        {questions.length === 0 && <p className="muted">{t("fiches:edit.noGrid")}</p>}
        <QuestionFields questions={questions} draft={draft} change={change} generation={generation} />
      </fieldset>
    </TranslatedItem>
  );
}

/** Inside the workshop's item, so that its toggle to the original turns the labels too. */
function QuestionFields({ questions, draft, change, generation }: { questions: { id: string; text: string }[] } & Pick<ReturnType<typeof useFicheAutosave>, "draft" | "change" | "generation">) {
  const { workshopId } = useProcess();
  const questionText = useQuestionText(workshopId);
  return questions.map((question) => (
    <RichTextField
      key={`${question.id}-${generation}`}
      label={questionText(question)}
      value={draft.gridAnswers[question.id]}
      testId={`grid-answer-${question.id}`}
      onChange={(doc) => change("gridAnswers", { ...draft.gridAnswers, [question.id]: doc }, `grid:${question.id}`)}
    />
  ));
}
