// The series (démarche) a workshop belongs to: its stages, and for facilitators the way
// to start a series from this workshop, add it to a series they facilitate, or leave it.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Workshop } from "../../../shared/schemas/workshops.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { useResource } from "../ui/useResource.js";
import { workshopsApi } from "./workshopsApi.js";

type Props = { workshop: Workshop; isFacilitator: boolean; onChanged: () => void };

export function SeriesCard({ workshop, isFacilitator, onChanged }: Props) {
  const { t } = useTranslation("workshops");
  const seriesId = workshop.series?.id ?? null;
  const series = useResource(() => (seriesId ? workshopsApi.series(seriesId) : Promise.resolve(null)), [seriesId]);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function act(action: () => Promise<unknown>) {
    setBusy(true);
    setFailure(null);
    try {
      await action();
      onChanged();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  // Members who are not facilitators only see a series when there is one.
  if (!seriesId && !isFacilitator) return null;
  return (
    <section className="card" aria-labelledby="series-title" data-testid="series-card">
      <h2 id="series-title">{t("workshops:series.title")}</h2>
      {seriesId ? (
        <>
          <p>
            <strong>{workshop.series?.title}</strong>
          </p>
          {series.data && (
            <ol className="series-stages" aria-label={t("workshops:series.stages")}>
              {series.data.stages.map((stage) => (
                <li key={stage.workshopId} aria-current={stage.workshopId === workshop.id ? "page" : undefined}>
                  {stage.myRole && stage.workshopId !== workshop.id ? <Link to={`/workshops/${stage.workshopId}`}>{stage.title}</Link> : stage.title}
                </li>
              ))}
            </ol>
          )}
          <p className="hint">{t("workshops:series.sharedSynthesis")}</p>
          {isFacilitator && (
            <button
              type="button"
              className="button"
              disabled={busy}
              data-testid="series-leave"
              onClick={() => window.confirm(t("workshops:series.leaveConfirm")) && void act(() => workshopsApi.leaveSeries(workshop.id))}
            >
              {t("workshops:series.leave")}
            </button>
          )}
        </>
      ) : (
        <>
          <p className="muted">{t("workshops:series.none")}</p>
          <StartSeries onStart={(title) => act(() => workshopsApi.startSeries(workshop.id, { title }))} busy={busy} />
          <JoinSeries onJoin={(id) => act(() => workshopsApi.joinSeries(workshop.id, id))} busy={busy} />
        </>
      )}
      <ErrorNotice error={failure ?? series.error} />
    </section>
  );
}

function StartSeries({ onStart, busy }: { onStart: (title: string) => Promise<void>; busy: boolean }) {
  const { t } = useTranslation("workshops");
  const [title, setTitle] = useState("");
  function submit(event: FormEvent) {
    event.preventDefault();
    void onStart(title.trim());
  }
  return (
    <form className="form inline-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor="series-new-title">{t("workshops:series.newTitle")}</label>
        <input id="series-new-title" required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={busy || !title.trim()}>
          {t("workshops:series.start")}
        </button>
      </div>
    </form>
  );
}

/** Offered only when I facilitate a workshop of some series already. */
function JoinSeries({ onJoin, busy }: { onJoin: (seriesId: string) => Promise<void>; busy: boolean }) {
  const { t } = useTranslation("workshops");
  const mine = useResource(() => workshopsApi.seriesIFacilitate(), []);
  const [chosen, setChosen] = useState("");
  if (!mine.data || mine.data.length === 0) return null;
  return (
    <form
      className="form inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen) void onJoin(chosen);
      }}
    >
      <div className="field">
        <label htmlFor="series-join">{t("workshops:series.joinLabel")}</label>
        <select id="series-join" value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">{t("workshops:series.choose")}</option>
          {mine.data.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={busy || !chosen} data-testid="series-join-submit">
          {t("workshops:series.join")}
        </button>
      </div>
    </form>
  );
}
