// "Cite a contribution": search the workshop's fiches, debate posts and proposals, and
// choose one to cite. Keyboard first: type, Down arrow into the results, Enter to cite, Esc to leave.
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type { CitationAttrs, CitationKind } from "../../../shared/editor.js";
import type { SearchHit } from "../../../shared/schemas/contributions.js";
import { debateApi } from "../debate/debateApi.js";
import { fichesApi } from "../fiches/fichesApi.js";
import { proposalsApi } from "../proposals/proposalsApi.js";
import { readingApi } from "../reading/readingApi.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { Dialog } from "./Dialog.js";

/** Something that can be cited; `threadId` marks a thread whose opening post is the one cited. */
type Candidate = { kind: CitationKind; targetId: string; title: string; excerpt: string; threadId?: string; author?: string };

const key = (c: Candidate) => `${c.kind}/${c.targetId}`;

/** Search hits as citable contributions: entries of a fiche cite the fiche, amendments their proposal. */
function candidatesOf(hits: SearchHit[]): Candidate[] {
  const found = new Map<string, Candidate>();
  for (const hit of hits) {
    let candidate: Candidate | null = null;
    if ((hit.kind === "fiche" || hit.kind === "ficheEntry") && (hit.ficheId ?? hit.id)) {
      candidate = { kind: "fiche", targetId: hit.kind === "fiche" ? hit.id : hit.ficheId!, title: hit.title, excerpt: hit.excerpt };
    } else if (hit.kind === "post") {
      candidate = { kind: "post", targetId: hit.id, title: hit.title, excerpt: hit.excerpt };
    } else if (hit.kind === "thread") {
      candidate = { kind: "post", targetId: `thread:${hit.id}`, threadId: hit.id, title: hit.title, excerpt: hit.excerpt };
    } else if ((hit.kind === "proposal" || hit.kind === "amendment") && (hit.proposalId ?? hit.id)) {
      candidate = { kind: "proposal", targetId: hit.kind === "proposal" ? hit.id : hit.proposalId!, title: hit.title, excerpt: hit.excerpt };
    }
    if (candidate && !found.has(key(candidate))) found.set(key(candidate), candidate);
  }
  return [...found.values()];
}

/** Before any search: the workshop's fiches and proposals. */
async function recentCandidates(workshopId: string): Promise<Candidate[]> {
  const [fiches, proposals] = await Promise.all([fichesApi.list(workshopId), proposalsApi.list(workshopId, { sort: "newest" })]);
  return [
    ...fiches.items.map((f): Candidate => ({ kind: "fiche", targetId: f.id, title: f.title, excerpt: f.place, author: f.authors.map((a) => a.displayName).join(", ") })),
    ...proposals.items.map((p): Candidate => ({ kind: "proposal", targetId: p.id, title: p.title, excerpt: "", author: p.author.displayName })),
  ];
}

/** The citation's attributes: the author's name and the title the citation shows. */
async function citationOf(workshopId: string, candidate: Candidate): Promise<CitationAttrs> {
  const base = { kind: candidate.kind, workshopId, label: candidate.title };
  if (candidate.kind === "fiche") {
    const fiche = candidate.author === undefined ? await fichesApi.get(workshopId, candidate.targetId) : null;
    const author = candidate.author ?? fiche!.authors.map((a) => a.displayName).join(", ");
    return { ...base, targetId: candidate.targetId, label: fiche?.rows.title || candidate.title, author };
  }
  if (candidate.kind === "proposal") {
    const proposal = candidate.author === undefined ? await proposalsApi.get(workshopId, candidate.targetId) : null;
    return { ...base, targetId: candidate.targetId, label: proposal?.title ?? candidate.title, author: candidate.author ?? proposal!.author.displayName };
  }
  // A post: the thread's title names it; a thread found by its title is cited by its opening post.
  const post = candidate.threadId
    ? (await debateApi.allPosts(workshopId, candidate.threadId)).find((p) => p.parentId === null)
    : await debateApi.post(workshopId, candidate.targetId);
  if (!post) throw new Error("the thread has no post");
  return { ...base, targetId: post.id, author: post.author.displayName };
}

type Props = {
  open: boolean;
  workshopId: string;
  onClose: () => void;
  /** A contribution was chosen: the dialog closes, then `onCite` runs (the text can take the focus back then). */
  onCite: (citation: CitationAttrs) => void;
};

export function CiteDialog({ open, workshopId, onClose, onCite }: Props) {
  const { t } = useTranslation("synthesis");
  const chosen = useRef<CitationAttrs | null>(null);
  return (
    <Dialog
      open={open}
      title={t("synthesis:cite.title")}
      onClose={onClose}
      afterClose={() => {
        const citation = chosen.current;
        chosen.current = null;
        if (citation) onCite(citation);
        return citation !== null;
      }}
      className="cite-dialog"
      testId="cite-dialog"
    >
      <CiteSearch
        workshopId={workshopId}
        onClose={onClose}
        onChosen={(citation) => {
          chosen.current = citation;
          onClose();
        }}
      />
    </Dialog>
  );
}

function CiteSearch({ workshopId, onClose, onChosen }: { workshopId: string; onClose: () => void; onChosen: (citation: CitationAttrs) => void }) {
  const { t } = useTranslation("synthesis");
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<Candidate[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [choosing, setChoosing] = useState<string | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const searching = query.trim().length >= 2;

  useEffect(() => {
    let cancelled = false;
    setFailure(null);
    // Wait for a pause in typing before asking the server.
    const timer = setTimeout(
      () => {
        const load = searching ? readingApi.search(workshopId, query.trim()).then((r) => candidatesOf(r.items)) : recentCandidates(workshopId);
        load.then(
          (found) => !cancelled && setResults(found),
          (error: unknown) => !cancelled && setFailure(error),
        );
      },
      searching ? 250 : 0,
    );
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [workshopId, query, searching]);

  async function choose(candidate: Candidate) {
    setChoosing(key(candidate));
    setFailure(null);
    try {
      onChosen(await citationOf(workshopId, candidate));
    } catch (error) {
      setFailure(error);
    } finally {
      setChoosing(null);
    }
  }

  const buttons = () => [...(list.current?.querySelectorAll<HTMLButtonElement>("button") ?? [])];
  function moveFocus(event: KeyboardEvent) {
    const all = buttons();
    const index = all.indexOf(document.activeElement as HTMLButtonElement);
    const next =
      event.key === "ArrowDown" ? Math.min(index + 1, all.length - 1)
      : event.key === "ArrowUp" ? index - 1
      : event.key === "Home" && index >= 0 ? 0
      : event.key === "End" && index >= 0 ? all.length - 1
      : null;
    if (next === null || all.length === 0) return;
    event.preventDefault();
    if (next < 0) input.current?.focus();
    else all[next]?.focus();
  }

  return (
    <div className="cite-search" onKeyDown={moveFocus}>
      <div className="field">
        <label htmlFor="cite-query">{t("synthesis:cite.search")}</label>
        <input
          id="cite-query"
          ref={input}
          type="search"
          data-autofocus
          autoComplete="off"
          aria-describedby="cite-hint"
          aria-controls="cite-results"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          data-testid="cite-query"
        />
        <p id="cite-hint" className="hint">
          {t("synthesis:cite.hint")}
        </p>
      </div>
      <p className="muted cite-count" role="status">
        {results === null ? t("synthesis:cite.loading") : searching ? t("synthesis:cite.found", { count: results.length }) : t("synthesis:cite.recent")}
      </p>
      <ErrorNotice error={failure} />
      <ul className="cite-results" id="cite-results" ref={list} aria-label={t("synthesis:cite.results")}>
        {results?.map((candidate) => (
          <li key={key(candidate)}>
            <button
              type="button"
              className="cite-result"
              disabled={choosing !== null}
              onClick={() => void choose(candidate)}
              data-testid="cite-result"
              data-kind={candidate.kind}
            >
              <span className="cite-kind">{t(`synthesis:cite.kinds.${candidate.threadId ? "thread" : candidate.kind}`)}</span>
              <span className="cite-title">{candidate.title || t("synthesis:cite.untitled")}</span>
              {candidate.excerpt && <span className="cite-excerpt">{candidate.excerpt}</span>}
            </button>
          </li>
        ))}
      </ul>
      <div className="actions dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          {t("synthesis:cite.cancel")}
        </button>
      </div>
    </div>
  );
}
