// Typed calls to the stored translations of a workshop's content and the translator's queue.
import type { TranslationTargetKind } from "../../../shared/domain/translations.js";
import type { RichTextDoc } from "../../../shared/richtext.js";
import type { SynthesisDocument } from "../../../shared/schemas/synthesis.js";
import type { fieldTranslations, SynthesisTranslations, TargetTranslations, Translation, TranslatorQueue } from "../../../shared/schemas/translations.js";
import type { machineRequestResult } from "../../../shared/schemas/translations.js";
import type { z } from "zod";
import { api, queryString } from "../api.js";
import { workshopBase } from "../sequences/sequencesApi.js";

export type TargetRef = { workshopId: string; targetKind: TranslationTargetKind; targetId: string };
export type FieldRef = TargetRef & { field: string; language: string };

const base = (workshopId: string) => `${workshopBase(workshopId)}/translations`;
const one = ({ workshopId, targetKind, targetId, field, language }: FieldRef) =>
  `${base(workshopId)}/${targetKind}/${encodeURIComponent(targetId)}/${encodeURIComponent(field)}/${language}`;

export const translationApi = {
  target: ({ workshopId, targetKind, targetId }: TargetRef, language?: string) =>
    api.get<TargetTranslations>(`${base(workshopId)}${queryString({ targetKind, targetId, language })}`),
  queue: (workshopId: string, language?: string) => api.get<TranslatorQueue>(`${base(workshopId)}/queue${queryString({ language })}`),
  requestMachine: ({ workshopId, targetKind, targetId }: TargetRef, languages: string[], fields?: string[]) =>
    api.post<z.infer<typeof machineRequestResult>>(`${base(workshopId)}/machine`, { targetKind, targetId, languages, ...(fields ? { fields } : {}) }),
  write: (ref: FieldRef, text: string | RichTextDoc) => api.put<{ translation: Translation }>(one(ref), { text }).then((r) => r.translation),
  review: (ref: FieldRef) => api.post<{ translation: Translation }>(`${one(ref)}/review`).then((r) => r.translation),
  confirm: (ref: FieldRef) => api.post<{ translation: Translation }>(`${one(ref)}/confirm`).then((r) => r.translation),
  /** Corrects the language a target's source is written in; answers the target as it now stands. */
  setSourceLanguage: ({ workshopId, targetKind, targetId }: TargetRef, language: string) =>
    api.put<TargetTranslations>(`${workshopBase(workshopId)}/source-language/${targetKind}/${encodeURIComponent(targetId)}`, { language }),
  /** One field (a title) of many targets in one language: a list's titles in one request. */
  field: (workshopId: string, targetKind: TranslationTargetKind, field: string, language: string, targetIds: readonly string[]) =>
    api
      .get<z.infer<typeof fieldTranslations>>(`${base(workshopId)}/field${queryString({ targetKind, field, language, targetIds: targetIds.join(",") })}`)
      .then((r) => r.items),
  /** A synthesis document block by block in one language, with progress per working language. */
  synthesis: (workshopId: string, documentId: string, language: string) =>
    api.get<SynthesisTranslations>(`${workshopBase(workshopId)}/synthesis/documents/${encodeURIComponent(documentId)}/translations${queryString({ language })}`),
  /** The synthesis documents the workshop's members read (its own and its series'). */
  synthesisDocuments: (workshopId: string) => api.get<{ documents: SynthesisDocument[] }>(`${workshopBase(workshopId)}/synthesis/documents`).then((r) => r.documents),
};
