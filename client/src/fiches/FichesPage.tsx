// The illustrate sequence: the fiches navettes of the workshop, and a new one for those who write them.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { ficheStatuses, type FicheStatus } from "../../../shared/domain/fiches.js";
import { can } from "../../../shared/permissions.js";
import { useWorkshopEvents } from "../live/workshopEvents.js";
import { useProcess, useSequenceShownAsRead } from "../sequences/ProcessLayout.js";
import { useSequenceForm } from "../sequences/sequenceState.js";
import { TranslatedTitle, useTranslatedTitles } from "../translation/TranslatedTitles.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { Loading } from "../ui/Loading.js";
import { usePageTitle } from "../ui/usePageTitle.js";
import { useResource } from "../ui/useResource.js";
import { fichesApi } from "./fichesApi.js";

export function FichesPage() {
  const { workshopId, role } = useProcess();
  const { t } = useTranslation(["fiches", "sequences"]);
  const navigate = useNavigate();
  const [status, setStatus] = useState<FicheStatus | "">("");
  const fiches = useResource(() => fichesApi.list(workshopId, { status: status || undefined }), [workshopId, status]);
  const titles = useTranslatedTitles(workshopId, "fiche", "rows.title", fiches.data?.items.map((f) => f.id) ?? []);
  const [failure, setFailure] = useState<unknown>(null);
  // New fiches start as drafts, which may be prepared before illustrate opens.
  const sequence = useSequenceForm("illustrate", { preparation: true });
  usePageTitle(t("sequences:kinds.illustrate"));
  useSequenceShownAsRead("illustrate", fiches.data);
  useWorkshopEvents({ "fiche.updated": fiches.reload });

  async function startFiche() {
    setFailure(null);
    try {
      const fiche = await fichesApi.create(workshopId);
      void navigate(`/workshops/${workshopId}/illustrate/fiches/${fiche.id}/edit`);
    } catch (error) {
      setFailure(error);
    }
  }

  return (
    <section aria-labelledby="fiches-title">
      <header className="page-head">
        <div>
          <h1 id="fiches-title">{t("fiches:list.title")}</h1>
          <p className="muted">{t("fiches:list.intro")}</p>
        </div>
        <div className="actions">
          <label className="inline-label">
            {t("fiches:list.filter")}{" "}
            <select value={status} onChange={(event) => setStatus(event.target.value as FicheStatus | "")}>
              <option value="">{t("fiches:list.all")}</option>
              {ficheStatuses.map((s) => (
                <option key={s} value={s}>
                  {t(`fiches:status.${s}`)}
                </option>
              ))}
            </select>
          </label>
          {can(role, "fiche.create") && (
            <button type="button" className="button primary" data-testid="new-fiche" disabled={!sequence.writable} onClick={() => void startFiche()}>
              {t("fiches:list.new")}
            </button>
          )}
        </div>
      </header>
      <ErrorNotice error={failure ?? fiches.error} />
      {fiches.loading && !fiches.data && <Loading />}
      {fiches.data && fiches.data.items.length === 0 && <p className="muted">{t("fiches:list.empty")}</p>}
      <ul className="item-list">
        {fiches.data?.items.map((fiche) => (
          <li key={fiche.id} className="card item" data-testid="fiche-item">
            <h2 className="card-title">
              <Link to={`/workshops/${workshopId}/illustrate/fiches/${fiche.id}`}>{fiche.title ? <TranslatedTitle original={fiche.title} translation={titles.get(fiche.id)} /> : t("fiches:untitled")}</Link>
            </h2>
            <p className="card-meta">
              <span className={`badge status-${fiche.status}`}>{t(`fiches:status.${fiche.status}`)}</span>
              <span>{t(`fiches:side.${fiche.authorSide}`)}</span>
              {fiche.place && <span>{fiche.place}</span>}
              {fiche.actionDate && <span>{fiche.actionDate}</span>}
              <span>{t("fiches:list.feedbackCount", { count: fiche.observerFeedbackCount })}</span>
              <span>{t("fiches:list.replyCount", { count: fiche.hostReplyCount })}</span>
            </p>
            <p className="muted">{fiche.authors.map((a) => a.displayName).join(", ")}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
