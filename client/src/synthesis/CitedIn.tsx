// "Cited in the synthesis": the passages of the synthesis documents I may read that cite a
// fiche, post or proposal (or took in a proposal merged into the synthesis), each linking
// to the document opened at that passage. Shows nothing when no passage cites it.
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { CitationKind } from "../../../shared/editor.js";
import { useWorkshopEvents } from "../live/workshopEvents.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { useResource } from "../ui/useResource.js";
import { documentName } from "./documentNames.js";
import { passagePath, synthesisApi } from "./synthesisApi.js";
import "./synthesis.css";

type Props = { workshopId: string; kind: CitationKind; targetId: string };

export function CitedIn({ workshopId, kind, targetId }: Props) {
  const { t } = useTranslation("synthesis");
  const passages = useResource(() => synthesisApi.citing(workshopId, kind, targetId), [workshopId, kind, targetId]);
  // A new version means the text moved: the passages may have too.
  useWorkshopEvents({ "synthesis.versions.updated": () => passages.reload() });

  if (passages.error) return <ErrorNotice error={passages.error} />;
  const list = passages.data ?? [];
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
