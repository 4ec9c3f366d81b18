// The meeting's notes as they are written, a paragraph at a time, each in the reader's language:
// a machine draft marked as such, replaced by a translator's version when one is written.
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { LiveSession } from "../../../shared/schemas/live-session.js";
import type { WorkshopRoom } from "../live/useWorkshopRoom.js";
import { Translated } from "../translation/Translated.js";

export function LiveNotes({ workshopId, notes, mayWrite, send }: { workshopId: string; notes: LiveSession["notes"]; mayWrite: boolean; send: WorkshopRoom["sendLive"] }) {
  const { t } = useTranslation("liveSession");
  const id = useId();
  const [text, setText] = useState("");

  async function submit(event: FormEvent) {
    event.preventDefault();
    if ((await send("liveSession.note.add", { text })).ok) setText("");
  }

  return (
    <section className="card live-notes" aria-labelledby="live-notes-title" data-testid="live-notes">
      <h2 id="live-notes-title" className="live-section-title">{t("liveSession:notes.title")}</h2>
      {notes.length === 0 && <p className="muted">{t("liveSession:notes.empty")}</p>}
      {notes.map((note) => (
        <Translated key={note.id} workshopId={workshopId} targetKind="liveNote" targetId={note.id} field="text" original={note.text} className="live-note" />
      ))}
      {mayWrite && (
        <form className="live-note-form" onSubmit={(e) => void submit(e)}>
          <label htmlFor={`${id}-note`}>{t("liveSession:notes.write")}</label>
          <textarea id={`${id}-note`} rows={3} maxLength={4000} required value={text} data-testid="note-text" onChange={(e) => setText(e.target.value)} />
          <div className="actions">
            <button type="submit" className="button primary" data-testid="note-add">
              {t("liveSession:notes.add")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
