// The synthesis on the workshop's home: the main synthesis's status, kept live, a way in,
// how many other documents there are, and its export (or the workshop pack's).
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ExportButton } from "../export/ExportDialog.js";
import { useWorkshopEvents } from "../live/workshopEvents.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { formatDateTime } from "../ui/format.js";
import { Loading } from "../ui/Loading.js";
import { useResource } from "../ui/useResource.js";
import { StatusBadge } from "./StatusPanel.js";
import { passagePath, synthesisApi } from "./synthesisApi.js";
import "./synthesis.css";

export function SynthesisCard({ workshopId, languages, readerLanguage }: { workshopId: string; languages: string[]; readerLanguage: string }) {
  const { t } = useTranslation("synthesis");
  const documents = useResource(() => synthesisApi.documents(workshopId), [workshopId]);
  useWorkshopEvents({
    "synthesis.documents.updated": () => documents.reload(),
    "synthesis.status": (event) =>
      documents.update((list) => list?.map((d) => (d.id === event.documentId ? { ...d, status: event.status, statusChangedAt: event.changedAt } : d))),
  });

  const list = documents.data ?? [];
  const main = list.find((d) => d.kind === "main");
  const others = list.length - (main ? 1 : 0);

  return (
    <section className="card synthesis-card" aria-labelledby="synthesis-card-title" data-testid="synthesis-card">
      <h2 id="synthesis-card-title">{t("synthesis:card.title")}</h2>
      {documents.loading && !documents.data && <Loading />}
      <ErrorNotice error={documents.error} />
      {main && (
        <>
          <p className="synthesis-card-status">
            <StatusBadge status={main.status} />
            {main.statusChangedAt && <span className="muted">{t("synthesis:card.since", { date: formatDateTime(main.statusChangedAt) })}</span>}
          </p>
          <p className="muted">{t(`synthesis:card.explain.${main.status}`)}</p>
          <div className="actions">
            <Link className="button primary" to={passagePath(workshopId, main.id)} data-testid="open-synthesis">
              {t("synthesis:card.open")}
            </Link>
            <Link to={`/workshops/${encodeURIComponent(workshopId)}/synthesis`} data-testid="all-synthesis-documents">
              {others > 0 ? t("synthesis:card.others", { count: others }) : t("synthesis:documents.all")}
            </Link>
            {/* Every member may export; the pack (with consented fiches and the proposals) is one of the dialog's choices. */}
            <ExportButton workshopId={workshopId} document={main} languages={languages} readerLanguage={readerLanguage} />
          </div>
        </>
      )}
    </section>
  );
}
