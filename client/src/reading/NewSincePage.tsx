// What others changed since my last visit, most recent first.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useProcess } from "../sequences/ProcessLayout.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { formatDateTime } from "../ui/format.js";
import { Loading } from "../ui/Loading.js";
import { usePageTitle } from "../ui/usePageTitle.js";
import { contributionPath } from "./hitLinks.js";
import { readingApi } from "./readingApi.js";
import { useResource } from "../ui/useResource.js";

export function NewSincePage() {
  const { workshopId } = useProcess();
  const { t } = useTranslation(["reading", "sequences"]);
  // Asking records a visit: load once per page view, not on every live event.
  const [key] = useState(() => Date.now());
  const changes = useResource(() => readingApi.sinceLastVisit(workshopId), [workshopId, key]);
  usePageTitle(t("reading:new.title"));

  return (
    <section aria-labelledby="new-title">
      <h1 id="new-title">{t("reading:new.title")}</h1>
      <ErrorNotice error={changes.error} />
      {changes.loading && !changes.data && <Loading />}
      {changes.data && (
        <>
          <p className="muted">{changes.data.since ? t("reading:new.since", { date: formatDateTime(changes.data.since) }) : t("reading:new.firstVisit")}</p>
          {changes.data.items.length === 0 && <p>{t("reading:new.nothing")}</p>}
          <ul className="item-list">
            {changes.data.items.map((change) => (
              <li key={`${change.kind}-${change.id}`} className="card item" data-testid="change">
                <p className="card-meta">
                  <span className="badge">{t(`reading:kinds.${change.kind}`)}</span>
                  <span>{t(`sequences:kinds.${change.sequence}`)}</span>
                  <span>{formatDateTime(change.changedAt)}</span>
                  {change.newPosts !== null && change.newPosts > 0 && <span className="unread-badge">{t("reading:new.newPosts", { count: change.newPosts })}</span>}
                </p>
                <h2 className="card-title">
                  <Link to={contributionPath(workshopId, change)}>{change.title}</Link>
                </h2>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
