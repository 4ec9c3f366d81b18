// The workshop's programme: timed slots by day, with places, presenters and framing
// questions. Facilitators add, change and remove slots here; every member sees it live.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { can, type Role } from "../../../shared/permissions.js";
import type { AgendaSlot, CreateAgendaSlotBody } from "../../../shared/schemas/contributions.js";
import { useWorkshopEvents } from "../live/workshopEvents.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { localParts } from "../ui/format.js";
import { Loading } from "../ui/Loading.js";
import { useResource } from "../ui/useResource.js";
import { GroupTranslationNote, Translated, TranslatedGroup, TranslatedItem } from "../translation/Translated.js";
import { AgendaSlotForm } from "./AgendaSlotForm.js";
import { sequencesApi } from "./sequencesApi.js";

/** What the card is doing: showing, adding a slot, editing or confirming the removal of one. */
type Mode = { kind: "view" } | { kind: "add" } | { kind: "edit"; slotId: string } | { kind: "delete"; slotId: string };

export function AgendaCard({ workshopId, role }: { workshopId: string; role: Role }) {
  const { t } = useTranslation(["sequences", "common"]);
  const agenda = useResource(() => sequencesApi.agenda(workshopId), [workshopId]);
  const [mode, setMode] = useState<Mode>({ kind: "view" });
  const [failure, setFailure] = useState<unknown>(null);
  useWorkshopEvents({ "agenda.updated": (event) => agenda.replace(event.slots) });
  const manages = can(role, "agenda.manage");
  const slotRef = (slotId: string) => ({ workshopId, targetKind: "agendaItem", targetId: slotId }) as const;

  const slots = agenda.data ?? [];
  const days = new Map<string, AgendaSlot[]>();
  for (const slot of slots) {
    const day = localParts(slot.startsAt).day;
    days.set(day, [...(days.get(day) ?? []), slot]);
  }

  async function add(fields: CreateAgendaSlotBody) {
    agenda.replace(await sequencesApi.addSlot(workshopId, fields));
    setMode({ kind: "view" });
  }

  async function update(slotId: string, fields: CreateAgendaSlotBody) {
    agenda.replace(await sequencesApi.updateSlot(workshopId, slotId, fields));
    setMode({ kind: "view" });
  }

  async function remove(slotId: string) {
    setFailure(null);
    try {
      agenda.replace(await sequencesApi.deleteSlot(workshopId, slotId));
      setMode({ kind: "view" });
    } catch (error) {
      setFailure(error);
    }
  }

  return (
    <TranslatedGroup>
    <section className="card" aria-labelledby="agenda-title" data-testid="agenda">
      <div className="card-head">
        <h2 id="agenda-title">{t("sequences:agenda.title")}</h2>
        {manages && mode.kind !== "add" && (
          <button type="button" className="button small" data-testid="agenda-add" onClick={() => setMode({ kind: "add" })}>
            {t("sequences:agenda.add")}
          </button>
        )}
      </div>
      {/* One note for the whole programme: its slots are translated together. */}
      <GroupTranslationNote />
      {agenda.loading && !agenda.data && <Loading />}
      <ErrorNotice error={failure ?? agenda.error} />
      {mode.kind === "add" && <AgendaSlotForm slots={slots} onSubmit={add} onCancel={() => setMode({ kind: "view" })} />}
      {agenda.data && slots.length === 0 && mode.kind !== "add" && <p className="muted">{t("sequences:agenda.empty")}</p>}
      {[...days].map(([day, daySlots]) => (
        <div key={day} className="agenda-day">
          <h3>{day}</h3>
          <ol className="agenda">
            {daySlots.map((slot) =>
              mode.kind === "edit" && mode.slotId === slot.id ? (
                <li key={slot.id} className="agenda-slot agenda-slot-editing">
                  <AgendaSlotForm slot={slot} slots={slots} onSubmit={(fields) => update(slot.id, fields)} onCancel={() => setMode({ kind: "view" })} />
                </li>
              ) : (
                <li key={slot.id} className="agenda-slot" data-testid="agenda-slot" data-slot-id={slot.id}>
                  <span className="agenda-time">
                    {localParts(slot.startsAt).time}–{localParts(slot.endsAt).time}
                  </span>
                  <div className="agenda-body">
                    <TranslatedItem {...slotRef(slot.id)}>
                    <Translated {...slotRef(slot.id)} field="title" original={slot.title} render={(title, lang) => <strong lang={lang}>{title}</strong>} />
                    <span className="muted">
                      {slot.place && <Translated {...slotRef(slot.id)} field="place" original={slot.place} render={(place, lang) => <span lang={lang}>{place}</span>} />}
                      {slot.sequence && <span className="tag agenda-sequence">{t(`sequences:kinds.${slot.sequence}`)}</span>}
                    </span>
                    {slot.presenters.length > 0 && <span>{t("sequences:agenda.presenters", { names: slot.presenters.join(", ") })}</span>}
                    {slot.framingQuestions.length > 0 && (
                      <ul className="framing">
                        {slot.framingQuestions.map((question, index) => (
                          <li key={index}>
                            <Translated {...slotRef(slot.id)} field={`framingQuestion:${index}`} original={question} render={(text, lang) => <span lang={lang}>{text}</span>} />
                          </li>
                        ))}
                      </ul>
                    )}
                    </TranslatedItem>
                    {manages && mode.kind === "delete" && mode.slotId === slot.id ? (
                      <div className="actions agenda-actions" role="group" aria-label={t("sequences:agenda.deleteConfirm", { title: slot.title })}>
                        <span>{t("sequences:agenda.deleteConfirm", { title: slot.title })}</span>
                        <button type="button" className="button small danger" data-testid="agenda-delete-confirm" onClick={() => void remove(slot.id)}>
                          {t("sequences:agenda.delete")}
                        </button>
                        <button type="button" className="button small" onClick={() => setMode({ kind: "view" })}>
                          {t("common:cancel")}
                        </button>
                      </div>
                    ) : (
                      manages && (
                        <div className="actions agenda-actions">
                          <button
                            type="button"
                            className="button small"
                            data-testid="agenda-edit"
                            aria-label={t("sequences:agenda.editNamed", { title: slot.title })}
                            onClick={() => setMode({ kind: "edit", slotId: slot.id })}
                          >
                            {t("sequences:agenda.edit")}
                          </button>
                          <button
                            type="button"
                            className="button small danger"
                            data-testid="agenda-delete"
                            aria-label={t("sequences:agenda.deleteNamed", { title: slot.title })}
                            onClick={() => setMode({ kind: "delete", slotId: slot.id })}
                          >
                            {t("sequences:agenda.delete")}
                          </button>
                        </div>
                      )
                    )}
                  </div>
                </li>
              ),
            )}
          </ol>
        </div>
      ))}
    </section>
    </TranslatedGroup>
  );
}
