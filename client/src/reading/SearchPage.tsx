// Searching everything written in the workshop, the synthesis included, and its stored
// translations (the server ignores case and accents); each hit's title reads in my language.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { SearchHit } from "../../../shared/schemas/contributions.js";
import { useProcess } from "../sequences/ProcessLayout.js";
import { TranslatedTitle, useTranslatedTitles } from "../translation/TranslatedTitles.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { formatDateTime } from "../ui/format.js";
import { Loading } from "../ui/Loading.js";
import { usePageTitle } from "../ui/usePageTitle.js";
import { useResource } from "../ui/useResource.js";
import { documentName } from "../synthesis/documentNames.js";
import { contributionPath } from "./hitLinks.js";
import { readingApi } from "./readingApi.js";

export function SearchPage() {
  const { workshopId } = useProcess();
  const { t } = useTranslation(["reading", "sequences", "synthesis"]);
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const [text, setText] = useState(q);
  const hits = useResource(() => (q.trim().length >= 2 ? readingApi.search(workshopId, q.trim()) : Promise.resolve(undefined)), [workshopId, q]);
  usePageTitle(t("reading:search.title"));
  const titles = useHitTitles(workshopId, hits.data?.items ?? []);

  function submit(event: FormEvent) {
    event.preventDefault();
    setParams(text.trim() ? { q: text.trim() } : {});
  }

  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">{t("reading:search.title")}</h1>
      <form className="search-form" role="search" onSubmit={submit}>
        <label htmlFor="search-q">{t("reading:search.label")}</label>
        <div className="copy-row">
          <input id="search-q" type="search" minLength={2} maxLength={200} value={text} onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="button primary">
            {t("reading:search.submit")}
          </button>
        </div>
        <p className="hint">{t("reading:search.hint")}</p>
      </form>
      <ErrorNotice error={hits.error} />
      {q && hits.loading && <Loading />}
      {hits.data && (
        <>
          <p role="status">{t("reading:search.count", { count: hits.data.items.length, q })}</p>
          <ul className="item-list">
            {hits.data.items.map((hit) => (
              <li key={`${hit.kind}-${hit.id}`} className="card item" data-testid="search-hit">
                <p className="card-meta">
                  <span className="badge">{t(`reading:kinds.${hit.kind}`)}</span>
                  {hit.sequence && <span>{t(`sequences:kinds.${hit.sequence}`)}</span>}
                  <span>{formatDateTime(hit.at)}</span>
                </p>
                <h2 className="card-title">
                  <Link to={contributionPath(workshopId, hit)}>
                    {hit.synthesis ? documentName({ kind: hit.synthesis.documentKind, title: hit.title }, t) : <TranslatedTitle original={hit.title} translation={titles(hit)} />}
                  </Link>
                </h2>
                {/* Plain text from the server: React escapes it. */}
                <p className="excerpt">{hit.excerpt}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** A hit shows the title of the fiche, thread or proposal it belongs to: in my language, one request per kind. */
function useHitTitles(workshopId: string, allHits: SearchHit[]) {
  // A synthesis passage shows its document's name, which the reader's language gives.
  const hits = allHits.filter((hit) => !hit.synthesis);
  const parentOf = (hit: SearchHit) =>
    hit.kind.startsWith("fiche") ? { kind: "fiche" as const, id: hit.ficheId ?? hit.id } : hit.kind === "thread" || hit.kind === "post" ? { kind: "thread" as const, id: hit.threadId ?? hit.id } : { kind: "proposal" as const, id: hit.proposalId ?? hit.id };
  const idsOf = (kind: string) => [...new Set(hits.map(parentOf).filter((p) => p.kind === kind).map((p) => p.id))];
  const byKind = {
    fiche: useTranslatedTitles(workshopId, "fiche", "rows.title", idsOf("fiche")),
    thread: useTranslatedTitles(workshopId, "thread", "title", idsOf("thread")),
    proposal: useTranslatedTitles(workshopId, "proposal", "title", idsOf("proposal")),
  };
  return (hit: SearchHit) => {
    const parent = parentOf(hit);
    return byKind[parent.kind].get(parent.id);
  };
}
