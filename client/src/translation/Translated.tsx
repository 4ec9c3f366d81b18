// Contribution text in the reader's language. A contribution (fiche, proposal, amendment,
// agenda slot…) is one item: its fields show the stored translation without a click, and one
// note per item says what kind it is (machine, by whom, reviewed, out of date) with one toggle
// back to the original. Its author reads their own words, and sees "written in Spanish —
// change" to correct a misdetected language.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { TranslationTargetKind } from "../../../shared/domain/translations.js";
import { languageNames } from "../../../shared/languages.js";
import type { Translation } from "../../../shared/schemas/translations.js";
import { errorCodeOf } from "../api.js";
import { RichText } from "../ui/RichText.js";
import { SourceLanguageChoice, useLanguageInSentence } from "./SourceLanguageChoice.js";
import { translationApi, type TargetRef } from "./translationApi.js";
import { useReaderLanguage, useRefreshOnSourceChange, useTranslations } from "./useTranslations.js";
import "./translation.css";

type ItemState = TargetRef & { own: boolean; showOriginal: boolean; setShowOriginal: (show: boolean) => void };
const ItemContext = createContext<ItemState | null>(null);

type GroupState = {
  showOriginal: boolean;
  setShowOriginal: (show: boolean) => void;
  /** Each field says what it shows, so that one note speaks for the whole group. */
  report: (key: string, translation: Translation | null) => void;
  translations: ReadonlyMap<string, Translation>;
};
const GroupContext = createContext<GroupState | null>(null);

/**
 * Several short items read together (the agenda's slots): one note and one toggle for all of
 * them, rather than the same machine label under each.
 */
export function TranslatedGroup({ children }: { children: ReactNode }) {
  const [showOriginal, setShowOriginal] = useState(false);
  const [translations, setTranslations] = useState<ReadonlyMap<string, Translation>>(new Map());
  const report = useCallback((key: string, translation: Translation | null) => {
    setTranslations((current) => {
      if ((current.get(key) ?? null) === translation) return current;
      const next = new Map(current);
      if (translation) next.set(key, translation);
      else next.delete(key);
      return next;
    });
  }, []);
  const value = useMemo(() => ({ showOriginal, setShowOriginal, report, translations }), [showOriginal, report, translations]);
  return <GroupContext.Provider value={value}>{children}</GroupContext.Provider>;
}

/** The group's one note: what its translations are, and the toggle to the originals. */
export function GroupTranslationNote() {
  const { t } = useTranslation("translation");
  const group = useContext(GroupContext);
  if (!group) throw new Error("GroupTranslationNote belongs inside a TranslatedGroup");
  const translations = [...group.translations.values()];
  if (!translations.length) return null;
  const source = translations[0]!.sourceLanguage;
  return (
    <p className="translation-note" data-testid="translation-note" data-kind={summaryKind(translations)}>
      <span className={`translation-label${translations.some((tr) => tr.stale) ? " is-stale" : ""}`} data-testid="translation-label">
        {group.showOriginal ? t("translation:reader.originalShown", { language: languageName(source) }) : <TranslationSummary translations={translations} />}
      </span>{" "}
      <Toggle item={group} source={source} />
    </p>
  );
}

type ItemProps = TargetRef & {
  /** The reader wrote it: they read their own words and may correct the language they were taken to be in. */
  own?: boolean;
  children: ReactNode;
};

/** One contribution whose fields share one translation note and one toggle to the original. */
export function TranslatedItem(props: ItemProps) {
  return <ItemScope key={`${props.workshopId}/${props.targetKind}/${props.targetId}`} {...props} />;
}

function ItemScope({ workshopId, targetKind, targetId, own = false, children }: ItemProps) {
  const group = useContext(GroupContext);
  const [ownShowOriginal, setOwnShowOriginal] = useState(own);
  // In a group, the group's toggle decides for every item but the reader's own.
  const showOriginal = group && !own ? group.showOriginal : ownShowOriginal;
  const setShowOriginal = group && !own ? group.setShowOriginal : setOwnShowOriginal;
  const value = useMemo(() => ({ workshopId, targetKind, targetId, own, showOriginal, setShowOriginal }), [workshopId, targetKind, targetId, own, showOriginal]);
  return <ItemContext.Provider value={value}>{children}</ItemContext.Provider>;
}

type FieldProps = {
  workshopId: string;
  targetKind: TranslationTargetKind;
  targetId: string;
  /** The field's name on the server; several when its naming may vary (the first one the target lists wins). */
  field: string | readonly string[];
  /** The source text: a string for plain fields, a ProseMirror doc for rich ones. */
  original: unknown;
  /** Wraps the text shown, e.g. in a heading; the note follows it. */
  render?: (content: ReactNode, language: string | undefined) => ReactNode;
  /** For a field shown alone (a post, a reply): whether the reader wrote it. */
  own?: boolean;
  className?: string;
};

/**
 * One field in the reader's language. Inside its item it shows the text only; alone (a post,
 * a reply, a thread's title) it is its own item and carries the note itself.
 */
export function Translated(props: FieldProps) {
  const item = useContext(ItemContext);
  if (item && item.targetKind === props.targetKind && item.targetId === props.targetId) return <TranslatedField {...props} />;
  return (
    <TranslatedItem workshopId={props.workshopId} targetKind={props.targetKind} targetId={props.targetId} own={props.own}>
      <TranslatedField {...props} note />
    </TranslatedItem>
  );
}

/** Whether the item `ref` belongs to, if the reader is inside it, shows its original. */
export function useShowsOriginal(ref: TargetRef): boolean {
  const item = useContext(ItemContext);
  return item?.targetKind === ref.targetKind && item.targetId === ref.targetId ? item.showOriginal : false;
}

/** What a field shows: its stored translation in the reader's language, unless the item shows the original. */
export function useTranslatedField(ref: TargetRef, field: string | readonly string[], original: unknown) {
  const reader = useReaderLanguage();
  const target = useTranslations(ref.workshopId, ref.targetKind, ref.targetId);
  useRefreshOnSourceChange(ref, original);
  const data = target.data;
  const candidates = typeof field === "string" ? [field] : field;
  const fieldName = (data && candidates.find((name) => data.fields.some((f) => f.field === name))) ?? candidates[0]!;
  const translation = data?.translations.find((tr) => tr.field === fieldName && tr.language === reader);
  const showOriginal = useShowsOriginal(ref);
  const shown = translation && !showOriginal ? translation : null;
  return { fieldName, translation, shown, value: shown ? shown.text : original, language: shown ? shown.language : data?.sourceLanguage };
}

function TranslatedField({ workshopId, targetKind, targetId, field, original, render, className = "", note = false }: FieldProps & { note?: boolean }) {
  const { fieldName, translation, shown, value, language } = useTranslatedField({ workshopId, targetKind, targetId }, field, original);
  const report = useContext(GroupContext)?.report;
  const own = useContext(ItemContext)?.own ?? false;
  const key = `${targetKind}/${targetId}/${fieldName}`;
  useEffect(() => {
    if (!report || own) return;
    report(key, translation ?? null);
    return () => report(key, null);
  }, [report, own, key, translation]);
  const content = textOf(value);
  const body = render ? render(content, language) : <div lang={language}>{content}</div>;
  return (
    <div
      className={`translated ${className}`.trim()}
      data-testid="translated"
      data-field={fieldName}
      data-shown={shown ? "translation" : "original"}
      data-kind={translation ? kindOf(translation) : "none"}
      data-stale={shown?.stale ? "true" : undefined}
    >
      {body}
      {note && <TranslationNote />}
    </div>
  );
}

/**
 * The item's one note. For a reader of another language: what the translation is, with the
 * original one click away (or, while machine drafts are on their way, that they are coming).
 * For its author: the language it was taken to be written in, and a way to correct it.
 */
export function TranslationNote() {
  const { t } = useTranslation("translation");
  const item = useContext(ItemContext);
  if (!item) throw new Error("TranslationNote belongs inside a TranslatedItem");
  const reader = useReaderLanguage();
  const target = useTranslations(item.workshopId, item.targetKind, item.targetId);
  const [requested, setRequested] = useState<"idle" | "pending" | "failed">("idle");
  const [failure, setFailure] = useState<string | null>(null);
  const inInterface = useLanguageInSentence();
  const inGroup = useContext(GroupContext) !== null;
  const data = target.data;
  if (!data) return null;
  const source = data.sourceLanguage;
  const mine = data.translations.filter((tr) => tr.language === reader);

  if (item.own) {
    return <SourceLanguageChoice target={item} sourceLanguage={source} toggle={mine.length > 0 && source !== reader ? <Toggle item={item} source={source} /> : null} />;
  }
  // In a group, the group's note speaks for this item.
  if (source === reader || data.fields.length === 0 || inGroup) return null;

  async function requestMachine() {
    setRequested("pending");
    setFailure(null);
    try {
      const result = await translationApi.requestMachine(item!, [reader]);
      // "refused" means the queue is full or the pair unsupported; the others arrive by translation.updated.
      if (result.jobs.length > 0 && result.jobs.every((job) => job.state === "refused")) {
        setRequested("failed");
        setFailure("translation_unavailable");
      } else target.reload();
    } catch (error) {
      setRequested("failed");
      setFailure(errorCodeOf(error));
    }
  }

  if (mine.length > 0) {
    return (
      <p className="translation-note" data-testid="translation-note" data-kind={summaryKind(mine)}>
        <span className={`translation-label${mine.some((tr) => tr.stale) ? " is-stale" : ""}`} data-testid="translation-label">
          {item.showOriginal ? t("translation:reader.originalShown", { language: languageName(source) }) : <TranslationSummary translations={mine} />}
        </span>{" "}
        <Toggle item={item} source={source} />
      </p>
    );
  }
  const coming = (data.queued?.length ?? 0) > 0 || requested === "pending";
  return (
    <p className="translation-note" data-testid="translation-note" data-kind="none">
      <span className="translation-label" data-testid="translation-label">
        {t("translation:reader.notTranslated", { language: inInterface(source) })}
      </span>{" "}
      {coming ? (
        <span className="muted" role="status">
          {t("translation:reader.translating")}
        </span>
      ) : (
        <button type="button" className="link-button" data-testid="translation-request" onClick={() => void requestMachine()}>
          {t("translation:reader.translateAutomatically")}
        </button>
      )}
      {failure && (
        <span className="translation-error" role="alert">
          {" "}
          {t(`errors:${failure}`)}
        </span>
      )}
    </p>
  );
}

function Toggle({ item, source }: { item: Pick<ItemState, "showOriginal" | "setShowOriginal">; source: string }) {
  const { t } = useTranslation("translation");
  return (
    <button type="button" className="link-button" data-testid="translation-toggle" aria-pressed={item.showOriginal} onClick={() => item.setShowOriginal(!item.showOriginal)}>
      {item.showOriginal ? t("translation:reader.showTranslation") : t("translation:reader.showOriginal", { language: languageName(source) })}
    </button>
  );
}

/** Several fields' translations said once: out of date if any is, then each kind present (machine, by whom, reviewed). */
function TranslationSummary({ translations }: { translations: Translation[] }) {
  const { t } = useTranslation("translation");
  const stale = translations.some((tr) => tr.stale);
  const machine = translations.find((tr) => tr.machine);
  const people = translations.filter((tr) => !tr.machine);
  const labels = new Map<string, Translation>();
  for (const tr of people) labels.set(`${tr.status}/${tr.translator?.id}/${tr.reviewedBy?.id}`, tr);
  const parts: ReactNode[] = [];
  if (stale) parts.push(<strong key="stale">{t("translation:label.stale")}</strong>);
  for (const [key, tr] of labels) parts.push(<TranslationLabel key={key} translation={{ ...tr, stale: false }} />);
  if (machine) parts.push(<TranslationLabel key="machine" translation={{ ...machine, stale: false }} />);
  return <>{parts.flatMap((part, index) => (index ? [" · ", part] : [part]))}</>;
}

const summaryKind = (translations: Translation[]) => {
  const kinds = new Set(translations.map(kindOf));
  return kinds.size === 1 ? [...kinds][0]! : "mixed";
};

/** What kind of translation is shown: machine, a person's draft, reviewed; and whether it is out of date. */
export function TranslationLabel({ translation }: { translation: Translation }) {
  const { t, i18n } = useTranslation("translation");
  const parts: ReactNode[] = [];
  if (translation.stale) parts.push(<strong key="stale">{t("translation:label.stale")}</strong>);
  if (translation.machine) parts.push(<span key="kind">{t("translation:label.machine", { provider: providerName(translation.provider, i18n.resolvedLanguage ?? "en", (language) => t("translation:label.via", { language })) })}</span>);
  else if (translation.status === "reviewed")
    parts.push(
      <span key="kind">
        {t("translation:label.reviewed", { name: translation.translator?.displayName ?? "?", reviewer: translation.reviewedBy?.displayName ?? "?" })}
      </span>,
    );
  else parts.push(<span key="kind">{t("translation:label.human", { name: translation.translator?.displayName ?? "?" })}</span>);
  return <>{parts.flatMap((part, index) => (index ? [" · ", part] : [part]))}</>;
}

export function kindOf(translation: Translation): "machine" | "human" | "reviewed" {
  return translation.machine ? "machine" : translation.status === "reviewed" ? "reviewed" : "human";
}

/** "apertium:fr>es>en" → "Apertium, via Spanish" in the reader's language. */
export function providerName(provider: string | null, uiLanguage: string, via: (language: string) => string): string {
  if (!provider) return "?";
  const [engine = provider, path] = provider.split(":");
  const name = engine === "libretranslate" ? "LibreTranslate" : engine.charAt(0).toUpperCase() + engine.slice(1);
  const hops = path?.split(">") ?? [];
  if (hops.length <= 2) return name;
  const display = new Intl.DisplayNames([uiLanguage], { type: "language" });
  return `${name}, ${hops
    .slice(1, -1)
    .map((code) => via(display.of(code) ?? code))
    .join(", ")}`;
}

/** A language in its own name ("Español"), as the language menus show it. */
export function languageName(code: string | undefined): string {
  return code ? (languageNames[code] ?? code) : "?";
}

function textOf(text: unknown): ReactNode {
  if (typeof text === "string") return <span className="translated-text">{text}</span>;
  return <RichText doc={text} />;
}
