// A synthesis document read in one language, block by block: each block's translation where
// there is one, labelled when a machine made it or the original changed since; the original,
// flagged "not yet translated", where there is none. Follows translations and edits live.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { SynthesisTranslations } from "../../../shared/schemas/translations.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { Loading } from "../ui/Loading.js";
import { useResource } from "../ui/useResource.js";
import { languageName, TranslationLabel } from "./Translated.js";
import { BlockFrame, BlockText, useSynthesisTranslations, type SynthesisBlock } from "./synthesisBlocks.js";
import { translationApi } from "./translationApi.js";
import "./translation.css";

/**
 * Whether a reader of `language` should open the document in their language: it is written in
 * another one and at least one passage is translated into theirs. Undefined while unknown.
 */
export function useOpensInLanguage(workshopId: string, documentId: string, documentLanguage: string, language: string): boolean | undefined {
  const other = documentLanguage !== language;
  const translated = useResource(
    async () => (other ? (await translationApi.synthesis(workshopId, documentId, language)).blocks.some((block) => block.translation !== null) : false),
    [workshopId, documentId, language, other],
  );
  return other ? translated.data : false;
}

export function SynthesisInLanguage({ workshopId, documentId, language }: { workshopId: string; documentId: string; language: string }) {
  const { t } = useTranslation("translation");
  const resource = useSynthesisTranslations(workshopId, documentId, language);
  const data = resource.data;
  if (!data) return resource.error ? <ErrorNotice error={resource.error} /> : <Loading />;
  const own = data.sourceLanguage === language;

  return (
    <div className="synthesis-reader" data-testid="synthesis-in-language" data-language={language}>
      {!own && <ReaderSummary data={data} />}
      {resource.error ? <ErrorNotice error={resource.error} /> : null}
      {data.blocks.length === 0 ? (
        <p className="muted">{t("translation:synthesis.emptyDocument")}</p>
      ) : (
        data.blocks.map((block) => <ReaderBlock key={block.blockId} block={block} sourceLanguage={data.sourceLanguage} />)
      )}
    </div>
  );
}

function ReaderSummary({ data }: { data: SynthesisTranslations }) {
  const { t } = useTranslation("translation");
  const p = data.progress.find((entry) => entry.language === data.language);
  if (!p) return null;
  return (
    <p className="synthesis-reader-summary muted" data-testid="synthesis-reader-summary">
      {t("translation:reader.synthesisSummary", {
        language: languageName(data.language),
        people: p.draft + p.reviewed,
        total: p.total,
        machine: p.machine,
        missing: p.missing,
        stale: p.stale,
      })}
    </p>
  );
}

function ReaderBlock({ block, sourceLanguage }: { block: SynthesisBlock; sourceLanguage: string }) {
  const { t } = useTranslation("translation");
  const [showOriginal, setShowOriginal] = useState(false);
  const translation = block.translation;
  const shown = translation && !showOriginal ? translation : null;
  // A person's current translation reads as the text itself; anything else says what it is.
  const flagged = !translation || translation.machine || translation.stale;
  return (
    <div
      className={`sx-reader-block is-${block.state}${flagged && block.state !== "source" ? " is-flagged" : ""}`}
      data-testid="synthesis-reader-block"
      data-block-id={block.blockId}
      data-state={block.state}
      data-shown={shown ? "translation" : "original"}
    >
      <BlockFrame block={block} lang={shown ? shown.language : sourceLanguage}>
        <BlockText block={block} doc={shown ? shown.text : block.source} />
      </BlockFrame>
      {block.state !== "source" && (flagged || showOriginal) && (
        <p className="translation-note">
          {translation ? (
            <span className={`translation-label${translation.stale ? " is-stale" : ""}`} data-testid="translation-label">
              {shown ? <TranslationLabel translation={translation} /> : t("translation:reader.originalShown", { language: languageName(sourceLanguage) })}
            </span>
          ) : (
            <span className="translation-label is-untranslated" data-testid="translation-label">
              {t("translation:reader.notYetTranslated", { language: languageName(sourceLanguage) })}
            </span>
          )}
          {translation && (
            <>
              {" "}
              <button type="button" className="link-button" aria-pressed={showOriginal} onClick={() => setShowOriginal(!showOriginal)} data-testid="translation-toggle">
                {showOriginal ? t("translation:reader.showTranslation") : t("translation:reader.showOriginal", { language: languageName(sourceLanguage) })}
              </button>
            </>
          )}
        </p>
      )}
    </div>
  );
}
