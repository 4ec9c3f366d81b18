// Live translated notes: each paragraph of the meeting's notes is a translation source, so the
// translation capability drafts it into the workshop's languages by machine (marked as such)
// and a translator's correction replaces the draft for every reader, as for any contribution.
import type { Translation } from "../translation/index.js";
import type { LiveSessionService } from "./service.js";

export function translateNotes(service: LiveSessionService, translation: Pick<Translation, "registerSource" | "sourceChanged">): void {
  translation.registerSource({
    kind: "liveNote",
    async load(workshopId, noteId) {
      const note = await service.note(workshopId, noteId);
      return note && { label: note.text.slice(0, 80), fields: [{ field: "text", format: "plain", value: note.text }], language: note.language, authorIds: [note.authorId] };
    },
  });
  service.onNote((workshopId, noteId) => translation.sourceChanged({ workshopId, targetKind: "liveNote", targetId: noteId }));
}
