// The storage contract of translations; storageContract in contract.ts runs it against every adapter.
import { expect, it } from "vitest";
import type { Storage, TranslationRecord, UserRecord, WorkshopRecord } from "./port.js";

type WithStorage = (test: (storage: Storage) => Promise<void>) => () => Promise<void>;

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 9, minute)).toISOString();

export function translationContract(withStorage: WithStorage, build: { user: () => UserRecord; workshop: (createdBy: string) => WorkshopRecord }) {
  async function setUp(s: Storage) {
    const translator = build.user();
    const reviewer = build.user();
    await s.users.create(translator);
    await s.users.create(reviewer);
    const w = build.workshop(translator.id);
    await s.workshops.create(w, "facilitator");
    return { w, translator, reviewer };
  }

  const record = (workshopId: string, changes: Partial<TranslationRecord> = {}): TranslationRecord => ({
    workshopId,
    targetKind: "workshop",
    targetId: workshopId,
    field: "description",
    language: "es",
    format: "plain",
    text: "Un taller",
    origin: "machine",
    provider: "apertium",
    translatorId: null,
    status: "draft",
    sourceHash: "h1",
    sourceLanguage: "fr",
    reviewedBy: null,
    reviewedAt: null,
    createdAt: at(0),
    updatedAt: at(0),
    ...changes,
  });

  it("stores one translation per target, field and language, and lists them by target and by language", withStorage(async (s) => {
    const { w, translator } = await setUp(s);
    await s.translations.saveMachine(record(w.id));
    await s.translations.saveHuman(record(w.id, { language: "en", text: "A workshop", origin: "human", provider: null, translatorId: translator.id }));
    await s.translations.saveMachine(record(w.id, { field: "question:economy", text: "¿Qué economía?" }));
    const key = { workshopId: w.id, targetKind: "workshop" as const, targetId: w.id, field: "description", language: "es" };
    expect(await s.translations.get(key)).toEqual(record(w.id));
    expect(await s.translations.get({ ...key, language: "pt" })).toBeNull();
    expect((await s.translations.listForTarget(w.id, "workshop", w.id)).map((t) => `${t.field}/${t.language}`)).toEqual(["description/en", "description/es", "question:economy/es"]);
    expect((await s.translations.listForTarget(w.id, "workshop", w.id, "en")).map((t) => t.text)).toEqual(["A workshop"]);
    expect(await s.translations.listForLanguage(w.id, "es")).toHaveLength(2);
  }));

  it("lets machine output replace unreviewed machine output but never a human or reviewed record", withStorage(async (s) => {
    const { w, translator, reviewer } = await setUp(s);
    const key = { workshopId: w.id, targetKind: "workshop" as const, targetId: w.id, field: "description", language: "es" };
    expect(await s.translations.saveMachine(record(w.id))).toBe(true);
    expect(await s.translations.saveMachine(record(w.id, { text: "Otro taller", sourceHash: "h2", updatedAt: at(1) }))).toBe(true);
    expect((await s.translations.get(key))?.text).toBe("Otro taller");

    await s.translations.saveHuman(record(w.id, { text: "Un taller humano", origin: "human", provider: null, translatorId: translator.id, updatedAt: at(2) }));
    expect(await s.translations.saveMachine(record(w.id, { text: "Máquina", sourceHash: "h3", updatedAt: at(3) }))).toBe(false);
    expect(await s.translations.get(key)).toMatchObject({ text: "Un taller humano", origin: "human", translatorId: translator.id });

    // Reviewed machine output is vouched for by a person: machine jobs leave it alone too.
    const other = { ...key, language: "en" };
    await s.translations.saveMachine(record(w.id, { language: "en", text: "A workshop" }));
    expect(await s.translations.markReviewed(other, reviewer.id, at(4), at(0))).toBe(true);
    expect(await s.translations.saveMachine(record(w.id, { language: "en", text: "Workshop", sourceHash: "h9" }))).toBe(false);
    expect(await s.translations.get(other)).toMatchObject({ text: "A workshop", status: "reviewed", reviewedBy: reviewer.id, reviewedAt: at(4) });
  }));

  it("marks reviewed only the version the reviewer read, and confirms a record against a new source", withStorage(async (s) => {
    const { w, translator, reviewer } = await setUp(s);
    const key = { workshopId: w.id, targetKind: "workshop" as const, targetId: w.id, field: "title", language: "en" };
    await s.translations.saveHuman(record(w.id, { ...key, origin: "human", provider: null, translatorId: translator.id, updatedAt: at(5) }));
    expect(await s.translations.markReviewed(key, reviewer.id, at(6), at(4))).toBe(false);
    expect(await s.translations.markReviewed(key, reviewer.id, at(6), at(5))).toBe(true);
    expect(await s.translations.confirm(key, "h2", at(7))).toBe(true);
    expect(await s.translations.get(key)).toMatchObject({ sourceHash: "h2", updatedAt: at(7), status: "reviewed" });
    expect(await s.translations.confirm({ ...key, field: "missing" }, "h2", at(7))).toBe(false);
  }));

  it("keeps an author's correction of a target's source language", withStorage(async (s) => {
    const { w, translator } = await setUp(s);
    expect(await s.translations.sourceLanguage(w.id, "workshop", w.id)).toBeNull();
    await s.translations.setSourceLanguage({ workshopId: w.id, targetKind: "workshop", targetId: w.id, language: "es", setBy: translator.id, setAt: at(1) });
    await s.translations.setSourceLanguage({ workshopId: w.id, targetKind: "workshop", targetId: w.id, language: "en", setBy: translator.id, setAt: at(2) });
    expect(await s.translations.sourceLanguage(w.id, "workshop", w.id)).toBe("en");
  }));
}
