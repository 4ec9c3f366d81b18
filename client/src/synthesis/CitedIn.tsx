// "Cited in the synthesis": the passages of the synthesis documents I may read that cite a
// fiche, post or proposal (or took in a proposal merged into the synthesis), each linking
// to the document opened at that passage. Shows nothing when no passage cites it.
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { CitationKind } from "../../../shared/editor.js";
import type { CitingPassage } from "../../../shared/schemas/synthesis.js";
import { useWorkshopEvents } from "../live/workshopEvents.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { useResource } from "../ui/useResource.js";
import { documentName } from "./documentNames.js";
import { passagePath, synthesisApi } from "./synthesisApi.js";
import "./synthesis.css";

type Props = { workshopId: string; kind: CitationKind; targetId: string };

/** The passages citing any of these contributions, fetched once and kept current. */
export function useCitingPassages(workshopId: string, kind: CitationKind, targetIds: readonly string[]) {
  const key = targetIds.join(",");
  const passages = useResource(() => (key ? synthesisApi.citing(workshopId, kind, targetIds) : Promise.resolve([])), [workshopId, kind, key]);
  // A new version means the text moved: the passages may have too. A proposal's decision may link it to a passage.
  useWorkshopEvents({
    "synthesis.versions.updated": () => passages.reload(),
    "proposal.updated": (event) => kind === "proposal" && targetIds.includes(event.proposal.id) && passages.reload(),
  });
  return passages;
}

export function CitedIn({ workshopId, kind, targetId }: Props) {
  const passages = useCitingPassages(workshopId, kind, [targetId]);
  if (passages.error) return <ErrorNotice error={passages.error} />;
  return <CitedInList workshopId={workshopId} kind={kind} targetId={targetId} passages={passages.data ?? []} />;
}

/** The passages among `passages` that cite this contribution; nothing when none does. */
export function CitedInList({ workshopId, kind, targetId, passages }: Props & { passages: readonly CitingPassage[] }) {
  const { t } = useTranslation("synthesis");
  const list = passages.filter((passage) => passage.targetId === targetId);
  if (list.length === 0) return null;
  const titleId = `cited-in-${kind}-${targetId}`;

  return (
    <section className="cited-in" aria-labelledby={titleId} data-testid="cited-in">
      <h2 id={titleId} className="small-heading">
        {t("synthesis:citedIn.title", { count: list.length })}
      </h2>
      <ul className="cited-in-list">
        {list.map((passage) => (
          <li key={`${passage.documentId}/${passage.blockId}/${passage.via}`}>
            <Link to={passagePath(workshopId, passage.documentId, passage.blockId)} data-testid="cited-in-link">
              {documentName({ kind: passage.documentKind, title: passage.title }, t)}
            </Link>
            {passage.via === "merged" && <span className="muted"> · {t("synthesis:citedIn.merged")}</span>}
            <blockquote className="cited-in-excerpt">{passage.excerpt}</blockquote>
          </li>
        ))}
      </ul>
    </section>
  );
}
