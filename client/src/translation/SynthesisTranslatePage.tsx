// The translator's workspace for one synthesis document: block by block, the original beside
// its translation, machine drafts pre-filled and labelled, saved as a person's translation,
// reviewed by a second translator; filters for what is missing, machine-only, out of date or
// changed since the last agreed version; progress in each working language.
import StarterKit from "@tiptap/starter-kit";
import { EditorContent, useEditor, useEditorState } from "@tiptap/react";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { synthesisBlockField } from "../../../shared/domain/translations.js";
import { Citation } from "../../../shared/editor.js";
import { can } from "../../../shared/permissions.js";
import { isRichTextEmpty, sanitizeRichText, type RichTextDoc } from "../../../shared/richtext.js";
import type { SynthesisTranslations } from "../../../shared/schemas/translations.js";
import { useProcess } from "../sequences/ProcessLayout.js";
import { CaretFollowsPage } from "../ui/editorFocus.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { formatDateTime } from "../ui/format.js";
import { Loading } from "../ui/Loading.js";
import { usePageTitle } from "../ui/usePageTitle.js";
import { SynthesisInLanguage } from "./SynthesisInLanguage.js";
import { languageName, TranslationLabel } from "./Translated.js";
import { asBlock, BlockFrame, BlockText, useSynthesisTranslations, type SynthesisBlock } from "./synthesisBlocks.js";
import { translationApi, type FieldRef } from "./translationApi.js";
import { LanguageProgressList } from "./LanguageProgress.js";
import { machineRefused, TranslationActions } from "./TranslationActions.js";
import { useReaderLanguage } from "./useTranslations.js";
import "./translation.css";

const filters = ["all", "missing", "machine", "stale", "changed"] as const;
type Filter = (typeof filters)[number];
const pageSize = 40;

const matches = (block: SynthesisBlock, filter: Filter) =>
  filter === "all" || (filter === "changed" ? block.changedSinceAgreed === true : block.state === filter);

export function SynthesisTranslatePage() {
  const { workshopId, workshop, role } = useProcess();
  const { documentId = "" } = useParams();
  const { t } = useTranslation(["translation", "common"]);
  const reader = useReaderLanguage();
  const [params, setParams] = useSearchParams();
  const choose = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) value === null ? next.delete(name) : next.set(name, value);
    setParams(next, { replace: true });
  };

  // Until the document's language is known, any working language will do for the first fetch.
  const [sourceLanguage, setSourceLanguage] = useState<string | null>(null);
  const targets = workshop.languages.filter((l) => l !== sourceLanguage);
  const asked = params.get("language");
  const language = asked && targets.includes(asked) ? asked : targets.includes(reader) ? reader : (targets[0] ?? workshop.languages[0] ?? reader);
  const filter: Filter = (filters as readonly string[]).includes(params.get("show") ?? "") ? (params.get("show") as Filter) : "all";

  const resource = useSynthesisTranslations(workshopId, documentId, language);
  const data = resource.data;
  useEffect(() => {
    if (data && data.sourceLanguage !== sourceLanguage) setSourceLanguage(data.sourceLanguage);
  }, [data?.sourceLanguage]);
  const name = data ? documentName(data, t) : "";
  usePageTitle(data ? t("translation:synthesis.title", { name }) : t("translation:workspace.title"));

  const [limit, setLimit] = useState(pageSize);
  useEffect(() => setLimit(pageSize), [filter, language]);
  const shown = useMemo(() => (data?.blocks ?? []).filter((b) => matches(b, filter)), [data, filter]);
  const [bulk, setBulk] = useState<{ busy: boolean; error: unknown; done: boolean }>({ busy: false, error: null, done: false });

  if (!can(role, "translation.write")) {
    return (
      <section className="translate-page">
        <h1>{t("translation:workspace.title")}</h1>
        <p className="notice">{t("translation:workspace.notTranslator")}</p>
      </section>
    );
  }
  if (!data) return resource.error ? <ErrorNotice error={resource.error} /> : <Loading />;

  const positions = new Map(data.blocks.map((b, index) => [b.blockId, index + 1]));
  const waiting = data.blocks.filter((b) => b.state === "missing" || (b.state === "stale" && b.translation?.machine));
  async function requestAll() {
    setBulk({ busy: true, error: null, done: false });
    try {
      const fields = waiting.map((b) => b.field);
      let refusedAll = fields.length > 0;
      // The API takes up to 100 fields a call.
      for (let i = 0; i < fields.length; i += 100) {
        const result = await translationApi.requestMachine({ workshopId, targetKind: "synthesis", targetId: documentId }, [language], fields.slice(i, i + 100));
        if (!result.jobs.every((job) => job.state === "refused")) refusedAll = false;
      }
      if (refusedAll) throw machineRefused;
      setBulk({ busy: false, error: null, done: true });
    } catch (error) {
      setBulk({ busy: false, error, done: false });
    }
  }

  return (
    <section aria-labelledby="sx-translate-title" className="translate-page synthesis-translate">
      <header className="page-head">
        <div>
          <p className="sx-back">
            <Link to={`/workshops/${workshopId}/translate`}>← {t("translation:synthesis.back")}</Link>
          </p>
          <h1 id="sx-translate-title" data-testid="synthesis-translate-title">
            {t("translation:synthesis.title", { name })}
          </h1>
          <p className="muted">
            {t("translation:synthesis.meta", { language: languageName(data.sourceLanguage), status: t(`translation:synthesis.status.${data.status}`) })}{" "}
            {data.agreed ? t("translation:synthesis.agreedOn", { date: formatDateTime(data.agreed.at) }) : t("translation:synthesis.neverAgreed")}
          </p>
        </div>
      </header>

      <section className="card" aria-labelledby="sx-progress-title">
        <h2 id="sx-progress-title">{t("translation:workspace.progress")}</h2>
        <LanguageProgressList progress={data.progress} textKey="translation:synthesis.progressText" idPrefix="sx-progress" testId="synthesis-progress" />
      </section>

      {targets.length === 0 ? (
        <p className="notice">{t("translation:synthesis.noLanguage")}</p>
      ) : (
        <section className="card sx-work" aria-labelledby="sx-blocks-title">
          <h2 id="sx-blocks-title">{t("translation:synthesis.passages")}</h2>
          <div className="translate-controls">
            <div className="field">
              <label htmlFor="sx-language">{t("translation:synthesis.language")}</label>
              <select id="sx-language" data-testid="synthesis-language" value={language} onChange={(e) => choose({ language: e.target.value })}>
                {targets.map((code) => (
                  <option key={code} value={code}>
                    {languageName(code)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="sx-filter">{t("translation:workspace.filter")}</label>
              <select id="sx-filter" data-testid="synthesis-filter" value={filter} onChange={(e) => choose({ show: e.target.value === "all" ? null : e.target.value })}>
                {filters.map((f) => (
                  <option key={f} value={f} disabled={f === "changed" && !data.agreed}>
                    {t(`translation:synthesis.filters.${f}`)} ({data.blocks.filter((b) => matches(b, f)).length})
                  </option>
                ))}
              </select>
            </div>
            {waiting.length > 0 && (
              <button type="button" className="button" data-testid="synthesis-machine-all" disabled={bulk.busy} onClick={() => void requestAll()}>
                {t("translation:synthesis.machineAll", { n: waiting.length })}
              </button>
            )}
          </div>
          <ErrorNotice error={bulk.error} />
          {bulk.done && waiting.length > 0 && (
            <p className="notice" role="status">
              {t("translation:editor.machineRequested")}
            </p>
          )}
          {data.language !== language && <Loading />}
          <p className="muted" role="status">
            {t("translation:synthesis.showing", { shown: Math.min(limit, shown.length), total: shown.length, all: data.blocks.length })}
          </p>
          {shown.length === 0 && <p className="muted">{t("translation:synthesis.empty")}</p>}
          <ol className="sx-rows" data-testid="synthesis-blocks" hidden={data.language !== language}>
            {shown.slice(0, limit).map((block) => (
              <BlockRow
                key={`${block.blockId}/${language}`}
                block={block}
                n={positions.get(block.blockId) ?? 0}
                data={data}
                reference={{ workshopId, targetKind: "synthesis", targetId: documentId, field: synthesisBlockField(block.blockId), language }}
                mayReview={can(role, "translation.review")}
                onChanged={resource.reload}
              />
            ))}
          </ol>
          {shown.length > limit && (
            <button type="button" className="button" data-testid="synthesis-more" onClick={() => setLimit(limit + pageSize)}>
              {t("translation:synthesis.more", { n: Math.min(pageSize, shown.length - limit) })}
            </button>
          )}
        </section>
      )}

      {targets.length > 0 && (
        <details className="card sx-preview" data-testid="synthesis-preview">
          <summary>{t("translation:synthesis.preview", { language: languageName(language) })}</summary>
          <SynthesisInLanguage workshopId={workshopId} documentId={documentId} language={language} />
        </details>
      )}
    </section>
  );
}

function documentName(data: Pick<SynthesisTranslations, "kind" | "title">, t: (key: string) => string): string {
  if (data.kind === "sequence-notes" && data.title) return data.title;
  return t(`translation:synthesis.names.${data.kind}`);
}


function BlockRow({
  block,
  n,
  data,
  reference,
  mayReview,
  onChanged,
}: {
  block: SynthesisBlock;
  n: number;
  data: SynthesisTranslations;
  reference: FieldRef;
  mayReview: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation("translation");
  const { user } = useProcess();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  const record = block.translation;
  const headingId = useId();

  async function run(action: () => Promise<unknown>, message: string, after?: () => void) {
    setBusy(true);
    setFailure(null);
    setDone(null);
    try {
      await action();
      setDone(message);
      after?.();
      onChanged();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  // Focus goes back to the passage's button once it is rendered again, not before.
  const returnFocus = useRef(false);
  useEffect(() => {
    if (editing || !returnFocus.current) return;
    returnFocus.current = false;
    openButton.current?.focus();
  }, [editing]);
  const close = () => {
    returnFocus.current = true;
    setEditing(false);
  };
  const canReview = mayReview && record && !record.machine && record.status === "draft" && !record.stale && record.translator?.id !== user.id;
  // Inside a passage's own heading, a heading of the document shows as strong text, not as a heading of the page.
  const shape = block.type === "heading" ? ({ type: "paragraph", level: null } as const) : block;
  const headingClass = block.type === "heading" ? `is-heading level-${block.level ?? 2}` : "";

  return (
    <li
      className={`sx-row is-${block.state}`}
      data-testid="synthesis-block"
      data-block-id={block.blockId}
      data-state={block.state}
      data-changed={block.changedSinceAgreed === true ? "true" : "false"}
      aria-labelledby={headingId}
    >
      <h3 className="sx-row-head" id={headingId}>
        <span>{t("translation:synthesis.block", { n })}</span>
        <span className={`sx-state is-${block.state}`}>{t(`translation:synthesis.states.${block.state}`)}</span>
        {block.changedSinceAgreed && <span className="sx-changed">{t("translation:synthesis.changed")}</span>}
      </h3>
      <div className="sx-pair">
        <div className="sx-source" data-testid="synthesis-block-source">
          <p className="pane-title">{t("translation:editor.source", { language: languageName(data.sourceLanguage) })}</p>
          <div className="source-pane">
            <BlockFrame block={block} lang={data.sourceLanguage} className={headingClass}>
              <BlockText block={shape} doc={block.source} />
            </BlockFrame>
          </div>
        </div>
        <div className="sx-target" lang={reference.language}>
          {editing ? (
            <BlockEditor
              block={block}
              n={n}
              language={reference.language}
              initial={record ? sanitizeRichText(record.text) : asBlock(block, { type: "doc", content: [{ type: "paragraph" }] })}
              machine={!!record?.machine}
              busy={busy}
              onCancel={close}
              onSave={(doc) => void run(() => translationApi.write(reference, doc), t("translation:editor.saved"), close)}
            />
          ) : (
            <>
              <p className="pane-title">{t("translation:editor.translation", { language: languageName(reference.language) })}</p>
              <div className={`sx-translation${record ? "" : " is-empty"}`} data-testid="synthesis-block-translation">
                {record ? (
                  <BlockFrame block={block} className={headingClass}>
                    <BlockText block={shape} doc={record.text} />
                  </BlockFrame>
                ) : (
                  <p className="muted">{t("translation:synthesis.notTranslated")}</p>
                )}
              </div>
              {record && (
                <p className={`translation-note translation-label${record.stale ? " is-stale" : ""}`} data-testid="translation-label">
                  <TranslationLabel translation={record} />
                </p>
              )}
              <div className="actions sx-actions">
                <button
                  ref={openButton}
                  type="button"
                  className={`button small${record && !record.machine ? "" : " primary"}`}
                  data-testid="synthesis-block-edit"
                  onClick={() => {
                    setDone(null);
                    setEditing(true);
                  }}
                >
                  {record && !record.machine ? t("translation:synthesis.edit") : record ? t("translation:synthesis.correct") : t("translation:synthesis.translate")}
                </button>
                <TranslationActions
                  reference={reference}
                  record={record}
                  canReview={Boolean(canReview)}
                  offerMachine={!record || (record.machine && record.stale)}
                  busy={busy}
                  run={(action, message) => void run(action, message)}
                  testIdPrefix="synthesis-block"
                  small
                />
              </div>
            </>
          )}
          <ErrorNotice error={failure} />
          {done && !editing && (
            <p className="notice" role="status" data-testid="synthesis-block-done">
              {done}
            </p>
          )}
        </div>
      </div>
    </li>
  );
}

/** Saved in the block's own kind when the translation is one block: a heading stays a heading. */
function shapedLike(block: SynthesisBlock, doc: RichTextDoc): RichTextDoc {
  const clean = sanitizeRichText(doc);
  const blocks = clean.content.filter((b) => !((b.type === "paragraph" || b.type === "heading") && !b.content?.length));
  if (blocks.length === 1 && (blocks[0]!.type === "paragraph" || blocks[0]!.type === "heading")) return asBlock(block, clean);
  return { type: "doc", content: blocks.length ? blocks : clean.content };
}

const tools = [
  { name: "bold", glyph: "B", run: (e: NonNullable<ReturnType<typeof useEditor>>) => e.chain().focus().toggleBold().run() },
  { name: "italic", glyph: "I", run: (e: NonNullable<ReturnType<typeof useEditor>>) => e.chain().focus().toggleItalic().run() },
] as const;

/**
 * One block's translation, in an editor that knows citations: a machine draft's citations
 * stay in place as atoms the translator may move but not break. Escape cancels.
 */
function BlockEditor({
  block,
  n,
  language,
  initial,
  machine,
  busy,
  onSave,
  onCancel,
}: {
  block: SynthesisBlock;
  n: number;
  language: string;
  initial: RichTextDoc;
  machine: boolean;
  busy: boolean;
  onSave: (doc: RichTextDoc) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("translation");
  const labelId = useId();
  const hintId = useId();
  const [doc, setDoc] = useState<RichTextDoc>(initial);
  const cancel = useRef(onCancel);
  cancel.current = onCancel;
  const editor = useEditor({
    extensions: [
      StarterKit.configure({ codeBlock: false, horizontalRule: false, strike: false, underline: false, blockquote: false, heading: { levels: [1, 2, 3, 4] }, link: { openOnClick: false, autolink: false } }),
      Citation,
      CaretFollowsPage,
    ],
    content: initial,
    editorProps: {
      attributes: {
        class: "rich-field-text",
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": labelId,
        ...(machine ? { "aria-describedby": hintId } : {}),
        "data-testid": "synthesis-block-text",
        lang: language,
      },
      handleKeyDown: (_view, event) => {
        if (event.key !== "Escape") return false;
        cancel.current();
        return true;
      },
    },
    onUpdate: ({ editor: current }) => setDoc(current.getJSON() as RichTextDoc),
  });
  useEffect(() => {
    editor?.commands.focus("end");
  }, [editor]);
  const active = useEditorState({ editor, selector: ({ editor: current }) => (current ? [current.isActive("bold"), current.isActive("italic")] : []) });
  const empty = isRichTextEmpty(sanitizeRichText(doc));

  return (
    <form
      className="form sx-editor"
      data-testid="synthesis-block-editor"
      onSubmit={(event) => {
        event.preventDefault();
        if (!empty) onSave(shapedLike(block, doc));
      }}
    >
      <div className="field rich-field">
        <span className="field-label" id={labelId} onClick={() => editor?.commands.focus()}>
          {t("translation:synthesis.editorLabel", { n, language: languageName(language) })}
        </span>
        {machine && (
          <p className="hint" id={hintId}>
            {t("translation:synthesis.machineDraftNote")}
          </p>
        )}
        <div className="rich-field-box">
          {editor && (
            <div className="toolbar rich-toolbar" role="toolbar" aria-label={t("translation:synthesis.toolbar")}>
              {tools.map((tool, index) => (
                <button
                  key={tool.name}
                  type="button"
                  className={`tool tool-${tool.name}`}
                  aria-pressed={active?.[index] ?? false}
                  aria-label={t(`translation:synthesis.tools.${tool.name}`)}
                  title={t(`translation:synthesis.tools.${tool.name}`)}
                  onClick={() => tool.run(editor)}
                >
                  <span aria-hidden="true">{tool.glyph}</span>
                </button>
              ))}
            </div>
          )}
          <EditorContent editor={editor} />
        </div>
      </div>
      <div className="actions">
        <button type="submit" className="button primary" data-testid="synthesis-block-save" disabled={busy || empty}>
          {t("translation:editor.save")}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t("translation:synthesis.cancel")}
        </button>
      </div>
    </form>
  );
}
