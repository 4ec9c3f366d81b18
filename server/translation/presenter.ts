// The public shape of stored translations: machine output is always labelled as such.
import type { Translation } from "../../shared/schemas/translations.js";
import type { PersonRef, Storage, TranslationRecord } from "../storage/port.js";
import type { ResolvedTarget } from "./service.js";

/** Looks people up once per response. */
export function peopleOf(storage: Storage) {
  const cache = new Map<string, Promise<PersonRef | null>>();
  return (id: string | null): Promise<PersonRef | null> => {
    if (!id) return Promise.resolve(null);
    let found = cache.get(id);
    if (!found) {
      found = storage.users.byId(id).then((u) => (u ? { id: u.id, displayName: u.displayName } : null));
      cache.set(id, found);
    }
    return found;
  };
}

export async function presentTranslation(entry: { record: TranslationRecord; stale: boolean }, person: ReturnType<typeof peopleOf>): Promise<Translation> {
  const r = entry.record;
  return {
    targetKind: r.targetKind,
    targetId: r.targetId,
    field: r.field,
    language: r.language,
    format: r.format,
    text: r.format === "rich" ? JSON.parse(r.text) : r.text,
    origin: r.origin,
    provider: r.provider,
    machine: r.origin === "machine",
    translator: await person(r.translatorId),
    status: r.status,
    reviewedBy: await person(r.reviewedBy),
    reviewedAt: r.reviewedAt,
    sourceHash: r.sourceHash,
    sourceLanguage: r.sourceLanguage,
    stale: entry.stale,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export const presentTarget = (target: ResolvedTarget, translations: Translation[]) => ({
  targetKind: target.targetKind,
  targetId: target.targetId,
  sourceLanguage: target.sourceLanguage,
  sourceLanguageCorrected: target.sourceLanguageCorrected,
  fields: target.fields.map((f) => ({ field: f.field, format: f.format, sourceHash: f.sourceHash })),
  translations,
});
