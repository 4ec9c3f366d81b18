// The translator's workspace: progress per working language, the queue of fields to
// translate (missing, machine-only, out of date), and a side-by-side editor where a
// translator writes, reviews, confirms or asks for a machine draft.
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { TranslationTargetKind } from "../../../shared/domain/translations.js";
import { can } from "../../../shared/permissions.js";
import { emptyRichText, isRichTextEmpty, type RichTextDoc } from "../../../shared/richtext.js";
import type { TranslatorQueue } from "../../../shared/schemas/translations.js";
import type { Workshop } from "../../../shared/schemas/workshops.js";
import { useWorkshopEvents } from "../live/workshopEvents.js";
import { useProcess } from "../sequences/ProcessLayout.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { Loading } from "../ui/Loading.js";
import { RichText } from "../ui/RichText.js";
import { DraftNote } from "../ui/DraftNote.js";
import { RichTextField } from "../ui/RichTextField.js";
import { useLocalDraft } from "../ui/useLocalDraft.js";
import { usePageTitle } from "../ui/usePageTitle.js";
import { useResource } from "../ui/useResource.js";
import { languageName, TranslationLabel } from "./Translated.js";
import { loadSourceTexts } from "./sourceText.js";
import { translationApi, type FieldRef } from "./translationApi.js";
import { LanguageProgressList } from "./LanguageProgress.js";
import { TranslationActions } from "./TranslationActions.js";
import { refreshTranslations, useReaderLanguage, useTranslations } from "./useTranslations.js";
import "./translation.css";

type QueueState = TranslatorQueue["items"][number]["state"];
const queueStates: readonly QueueState[] = ["missing", "machine", "stale"];
type Selected = { targetKind: TranslationTargetKind; targetId: string; field: string; label: string };

export function TranslatePage() {
  const { workshopId, workshop, role } = useProcess();
  const { t } = useTranslation(["translation", "common"]);
  const reader = useReaderLanguage();
  const [params, setParams] = useSearchParams();
  usePageTitle(t("translation:workspace.title"));

  const languages = workshop.languages;
  const language = params.get("language") && languages.includes(params.get("language")!) ? params.get("language")! : languages.includes(reader) ? reader : (languages[0] ?? reader);
  const filter = (params.get("state") as QueueState | null) ?? "all";
  const selected: Selected | null =
    params.get("targetKind") && params.get("targetId") && params.get("field")
      ? { targetKind: params.get("targetKind") as TranslationTargetKind, targetId: params.get("targetId")!, field: params.get("field")!, label: params.get("label") ?? "" }
      : null;
  const choose = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) value === null ? next.delete(name) : next.set(name, value);
    setParams(next, { replace: true });
  };

  const [version, setVersion] = useState(0);
  // Opening a field moves focus to the editor: on a phone it sits below the long queue.
  const editorHeading = useRef<HTMLHeadingElement>(null);
  const queue = useResource(() => translationApi.queue(workshopId), [workshopId, version]);
  // A burst of machine drafts (one event per field) makes one refetch of the queue.
  const bumpTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => clearTimeout(bumpTimer.current ?? undefined), []);
  useWorkshopEvents({
    "translation.updated": () => {
      if (bumpTimer.current) return;
      bumpTimer.current = setTimeout(() => {
        bumpTimer.current = null;
        setVersion((n) => n + 1);
      }, 300);
    },
  });

  const items = useMemo(
    () => (queue.data?.items ?? []).filter((item) => item.language === language && (filter === "all" || item.state === filter)),
    [queue.data, language, filter],
  );

  if (!can(role, "translation.write")) {
    return (
      <section>
        <h1>{t("translation:workspace.title")}</h1>
        <p className="notice">{t("translation:workspace.notTranslator")}</p>
      </section>
    );
  }

  return (
    <section aria-labelledby="translate-title" className="translate-page">
      <header className="page-head">
        <div>
          <h1 id="translate-title">{t("translation:workspace.title")}</h1>
          <p className="muted">{t("translation:workspace.lead")}</p>
        </div>
      </header>

      <section className="card" aria-labelledby="progress-title">
        <h2 id="progress-title">{t("translation:workspace.progress")}</h2>
        {queue.loading && !queue.data && <Loading />}
        <ErrorNotice error={queue.error} />
        <LanguageProgressList
          progress={languages.flatMap((code) => queue.data?.progress.find((entry) => entry.language === code) ?? [])}
          textKey="translation:workspace.progressText"
          idPrefix="progress"
          testId="translation-progress"
        />
      </section>

      <SynthesisDocuments workshopId={workshopId} language={language} />

      <div className="translate-layout">
        <section className="card" aria-labelledby="queue-title">
          <h2 id="queue-title">{t("translation:workspace.queue")}</h2>
          <div className="translate-controls">
            <div className="field">
              <label htmlFor="translate-language">{t("translation:workspace.language")}</label>
              <select id="translate-language" data-testid="translate-language" value={language} onChange={(e) => choose({ language: e.target.value })}>
                {languages.map((code) => (
                  <option key={code} value={code}>
                    {languageName(code)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="translate-state">{t("translation:workspace.filter")}</label>
              <select id="translate-state" value={filter} onChange={(e) => choose({ state: e.target.value === "all" ? null : e.target.value })}>
                <option value="all">{t("translation:states.all")}</option>
                {queueStates.map((state) => (
                  <option key={state} value={state}>
                    {t(`translation:states.${state}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {queue.data && items.length === 0 && <p className="muted">{t("translation:workspace.empty")}</p>}
          <ul className="queue-list" data-testid="translation-queue">
            {items.map((item) => {
              const current = selected?.targetKind === item.targetKind && selected.targetId === item.targetId && selected.field === item.field;
              return (
                <li key={`${item.targetKind}/${item.targetId}/${item.field}`}>
                  <button
                    type="button"
                    className="queue-item"
                    data-testid="queue-item"
                    data-target-kind={item.targetKind}
                    data-target-id={item.targetId}
                    data-field={item.field}
                    data-state={item.state}
                    aria-current={current}
                    onClick={() => {
                      choose({ targetKind: item.targetKind, targetId: item.targetId, field: item.field, label: item.label });
                      requestAnimationFrame(() => editorHeading.current?.focus());
                    }}
                  >
                    <span className="queue-label">{item.label}</span>
                    <span className="queue-meta">
                      {t(`translation:kinds.${item.targetKind}`)} · {fieldLabel(t, item.field, workshop)} · {languageName(item.sourceLanguage)} → {languageName(item.language)} ·{" "}
                      <span className={`state-${item.state}`}>{t(`translation:states.${item.state}`)}</span>
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>

        <section className="card" aria-labelledby="editor-title">
          <h2 id="editor-title" ref={editorHeading} tabIndex={-1}>{t("translation:editor.title")}</h2>
          {selected ? (
            <FieldEditor
              key={`${selected.targetKind}/${selected.targetId}/${selected.field}/${language}`}
              workshop={workshop}
              reference={{ workshopId, targetKind: selected.targetKind, targetId: selected.targetId, field: selected.field, language }}
              label={selected.label}
              mayReview={can(role, "translation.review")}
              onChanged={() => setVersion((n) => n + 1)}
            />
          ) : (
            <p className="muted">{t("translation:editor.pick")}</p>
          )}
        </section>
      </div>
    </section>
  );
}

function FieldEditor({ workshop, reference, label, mayReview, onChanged }: { workshop: Workshop; reference: FieldRef; label: string; mayReview: boolean; onChanged: () => void }) {
  const { t } = useTranslation(["translation", "common"]);
  const { user } = useProcess();
  const target = useTranslations(reference.workshopId, reference.targetKind, reference.targetId);
  const sources = useResource(() => loadSourceTexts(workshop, reference.targetKind, reference.targetId), [reference.targetKind, reference.targetId, workshop]);
  const [plain, setPlain] = useState("");
  const [rich, setRich] = useState<RichTextDoc>(emptyRichText());
  const [resetKey, setResetKey] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [loadedFrom, setLoadedFrom] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  // What I type is kept on this device until saved: a reload or a crash loses none of it.
  const draft = useLocalDraft<{ text: string | RichTextDoc | null }>(`translation:${reference.targetKind}/${reference.targetId}/${reference.field}/${reference.language}`, { text: null });

  const data = target.data;
  const fieldInfo = data?.fields.find((f) => f.field === reference.field);
  const record = data?.translations.find((tr) => tr.field === reference.field && tr.language === reference.language);
  const source = sources.data?.[reference.field];
  const format = fieldInfo?.format ?? record?.format ?? (typeof source === "string" ? "plain" : "rich");
  const sourceLanguage = record?.sourceLanguage ?? data?.sourceLanguage;

  // Pre-fill with my draft from an earlier visit, or else with the stored text (a machine draft
  // included) when it arrives, unless I started typing.
  const recordKey = record ? `${record.updatedAt}/${record.origin}` : "none";
  useEffect(() => {
    if (!data || dirty || loadedFrom === recordKey) return;
    setLoadedFrom(recordKey);
    const kept = draft.value.text;
    const text = kept ?? record?.text;
    if (format === "rich") {
      setRich(text && typeof text !== "string" ? (text as RichTextDoc) : emptyRichText());
      setResetKey((n) => n + 1);
    } else setPlain(typeof text === "string" ? text : "");
    if (kept !== null) setDirty(true);
  }, [data, recordKey, dirty, format]);

  async function run(action: () => Promise<unknown>, message: string) {
    setBusy(true);
    setFailure(null);
    setDone(null);
    try {
      await action();
      setDone(message);
      setDirty(false);
      draft.reset();
      refreshTranslations(reference);
      onChanged();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  const empty = format === "rich" ? isRichTextEmpty(rich) : plain.trim() === "";
  function save(event: FormEvent) {
    event.preventDefault();
    if (empty) return;
    void run(() => translationApi.write(reference, format === "rich" ? rich : plain.trim()), t("translation:editor.saved"));
  }

  if (target.error && !data) return <ErrorNotice error={target.error} />;
  if (!data) return <Loading />;
  const fieldName = fieldLabel(t, reference.field, workshop);
  const canReview = mayReview && record && !record.machine && record.status === "draft" && !record.stale && record.translator?.id !== user.id;

  return (
    <form className="form translation-editor" data-testid="translation-editor" onSubmit={save}>
      <p className="card-meta">
        <strong>{label || reference.targetId}</strong>
        <span>{fieldName}</span>
        <span>
          {languageName(sourceLanguage)} → {languageName(reference.language)}
        </span>
      </p>
      <p className="muted" data-testid="translation-status" role="status">
        {record ? <TranslationLabel translation={record} /> : t("translation:editor.none")}
      </p>
      <div className="side-by-side">
        <div>
          <h3 className="pane-title">{t("translation:editor.source", { language: languageName(sourceLanguage) })}</h3>
          <div className="source-pane" lang={sourceLanguage} data-testid="translation-source">
            {source === undefined ? (
              sources.loading ? <Loading /> : <span className="muted">{t("translation:editor.sourceUnavailable")}</span>
            ) : typeof source === "string" ? (
              <span className="translated-text">{source}</span>
            ) : (
              <RichText doc={source} />
            )}
          </div>
        </div>
        <div lang={reference.language}>
          {format === "rich" ? (
            <RichTextField
              label={t("translation:editor.translation", { language: languageName(reference.language) })}
              value={rich}
              resetKey={resetKey}
              testId="translation-text"
              onChange={(doc) => {
                setRich(doc);
                setDirty(true);
                draft.set({ text: doc });
              }}
            />
          ) : (
            <div className="field">
              <label htmlFor="translation-text">{t("translation:editor.translation", { language: languageName(reference.language) })}</label>
              <textarea
                id="translation-text"
                data-testid="translation-text"
                rows={6}
                maxLength={100_000}
                value={plain}
                onChange={(e) => {
                  setPlain(e.target.value);
                  setDirty(true);
                  draft.set({ text: e.target.value });
                }}
              />
            </div>
          )}
        </div>
      </div>
      <ErrorNotice error={failure} />
      <DraftNote savedAt={draft.savedAt} />
      {done && (
        <p className="notice" role="status" data-testid="translation-done">
          {done}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button primary" data-testid="translation-save" disabled={busy || empty}>
          {t("translation:editor.save")}
        </button>
        <TranslationActions
          reference={reference}
          record={record}
          canReview={Boolean(canReview)}
          offerMachine={!record || record.machine}
          busy={busy}
          run={(action, message) => void run(action, message)}
          testIdPrefix="translation"
        />
      </div>
    </form>
  );
}

/** The synthesis documents, each translated passage by passage in its own workspace. */
function SynthesisDocuments({ workshopId, language }: { workshopId: string; language: string }) {
  const { t } = useTranslation("translation");
  const documents = useResource(() => translationApi.synthesisDocuments(workshopId), [workshopId]);
  useWorkshopEvents({ "synthesis.documents.updated": () => documents.reload() });
  return (
    <section className="card sx-documents-card" aria-labelledby="sx-documents-title">
      <h2 id="sx-documents-title">{t("translation:synthesis.section")}</h2>
      <p className="muted">{t("translation:synthesis.sectionLead")}</p>
      {documents.loading && !documents.data && <Loading />}
      <ErrorNotice error={documents.error} />
      {documents.data?.length === 0 && <p className="muted">{t("translation:synthesis.none")}</p>}
      <ul className="sx-documents" data-testid="synthesis-documents">
        {documents.data?.map((d) => (
          <li key={d.id}>
            <Link
              to={`/workshops/${workshopId}/translate/synthesis/${d.id}${language !== d.language ? `?language=${language}` : ""}`}
              data-testid="synthesis-translate-link"
              data-document-id={d.id}
            >
              {d.kind === "sequence-notes" && d.title ? d.title : t(`translation:synthesis.names.${d.kind}`)}
            </Link>{" "}
            <span className="muted">
              {t("translation:synthesis.meta", { language: languageName(d.language), status: t(`translation:synthesis.status.${d.status}`) })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}


/** "question:q3" → "Question 3 of the grid"; known row names in the reader's language; anything else as is. */
function fieldLabel(t: (key: string, options?: Record<string, unknown>) => string, field: string, workshop: Workshop): string {
  const [head = field, rest] = field.replace(/^rows\./, "").split(/[:.]/, 2) as [string, string | undefined];
  if ((head === "question" || head === "answer" || head === "gridAnswers") && rest) {
    const index = workshop.readingGrid.questions.findIndex((q) => q.id === rest);
    return t(head === "question" ? "translation:fields.question" : "translation:fields.answer", { n: index >= 0 ? index + 1 : "?" });
  }
  return t(`translation:fields.${head}`, { defaultValue: field });
}
