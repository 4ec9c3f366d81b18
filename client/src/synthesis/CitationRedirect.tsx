// /workshops/:id/cite/:kind/:targetId, where every citation in a synthesis links: resolves
// to the contribution's own page (a post opens in its thread, at the post), replacing
// this address in the history so Back returns to the synthesis.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { citationKinds, type CitationKind } from "../../../shared/editor.js";
import { debateApi } from "../debate/debateApi.js";
import { useProcess } from "../sequences/ProcessLayout.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { Loading } from "../ui/Loading.js";

/** The page a cited contribution opens on. */
export async function citedPath(workshopId: string, kind: CitationKind, targetId: string): Promise<string> {
  const base = `/workshops/${encodeURIComponent(workshopId)}`;
  const id = encodeURIComponent(targetId);
  if (kind === "fiche") return `${base}/illustrate/fiches/${id}`;
  if (kind === "proposal") return `${base}/propose/${id}`;
  const post = await debateApi.post(workshopId, targetId);
  return `${base}/debate/threads/${encodeURIComponent(post.threadId)}#post-${id}`;
}

export function CitationRedirect() {
  const { workshopId } = useProcess();
  const { kind = "", targetId = "" } = useParams();
  const { t } = useTranslation("synthesis");
  const navigate = useNavigate();
  const [failure, setFailure] = useState<unknown>(null);
  const known = (citationKinds as readonly string[]).includes(kind);

  useEffect(() => {
    if (!known) return;
    let cancelled = false;
    citedPath(workshopId, kind as CitationKind, targetId).then(
      (path) => !cancelled && navigate(path, { replace: true }),
      (error: unknown) => !cancelled && setFailure(error),
    );
    return () => {
      cancelled = true;
    };
  }, [workshopId, kind, targetId, known, navigate]);

  if (known && !failure) return <Loading />;
  return (
    <section className="synthesis-page" aria-labelledby="citation-missing">
      <h1 id="citation-missing">{t("synthesis:cite.missingTitle")}</h1>
      <p>{t("synthesis:cite.missing")}</p>
      {failure !== null && <ErrorNotice error={failure} />}
      <p>
        <Link to={`/workshops/${encodeURIComponent(workshopId)}/synthesis`}>{t("synthesis:documents.all")}</Link>
      </p>
    </section>
  );
}
