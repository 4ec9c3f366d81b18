// The workshop's programme: timed slots by day, with places, presenters and framing questions.
import { useTranslation } from "react-i18next";
import { useWorkshopEvents } from "../live/workshopEvents.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { localParts } from "../ui/format.js";
import { Loading } from "../ui/Loading.js";
import { useResource } from "../ui/useResource.js";
import { sequencesApi } from "./sequencesApi.js";

export function AgendaCard({ workshopId }: { workshopId: string }) {
  const { t } = useTranslation("sequences");
  const agenda = useResource(() => sequencesApi.agenda(workshopId), [workshopId]);
  useWorkshopEvents({ "agenda.updated": (event) => agenda.replace(event.slots) });

  const days = new Map<string, typeof slots>();
  const slots = agenda.data ?? [];
  for (const slot of slots) {
    const day = localParts(slot.startsAt).day;
    days.set(day, [...(days.get(day) ?? []), slot]);
  }

  return (
    <section className="card" aria-labelledby="agenda-title">
      <h2 id="agenda-title">{t("sequences:agenda.title")}</h2>
      {agenda.loading && !agenda.data && <Loading />}
      <ErrorNotice error={agenda.error} />
      {agenda.data && slots.length === 0 && <p className="muted">{t("sequences:agenda.empty")}</p>}
      {[...days].map(([day, daySlots]) => (
        <div key={day} className="agenda-day">
          <h3>{day}</h3>
          <ol className="agenda">
            {daySlots.map((slot) => (
              <li key={slot.id} className="agenda-slot">
                <span className="agenda-time">
                  {localParts(slot.startsAt).time}–{localParts(slot.endsAt).time}
                </span>
                <div className="agenda-body">
                  <strong>{slot.title}</strong>
                  <span className="muted">
                    {slot.place}
                    {slot.sequence && <span className="tag agenda-sequence">{t(`sequences:kinds.${slot.sequence}`)}</span>}
                  </span>
                  {slot.presenters.length > 0 && <span>{t("sequences:agenda.presenters", { names: slot.presenters.join(", ") })}</span>}
                  {slot.framingQuestions.length > 0 && (
                    <ul className="framing">
                      {slot.framingQuestions.map((question) => (
                        <li key={question}>{question}</li>
                      ))}
                    </ul>
                  )}
                </div>
              </li>
            ))}
          </ol>
        </div>
      ))}
    </section>
  );
}
