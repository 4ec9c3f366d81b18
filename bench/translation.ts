// Machine translation throughput through the queue (jobs batched into one Apertium call per
// language pair) against the peer "one apertium process per segment", in the same run.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { pino } from "pino";
import { richTextFromPlain } from "../shared/richtext.js";
import { newId, nowIso } from "../server/ids.js";
import { openSqliteStorage } from "../server/storage/sqlite/adapter.js";
import { createApertiumProvider, createTranslation } from "../server/translation/index.js";

const PARAGRAPHS = 240;
const PEER_SAMPLE = 24;

// Our own words about the kind of actions a fiche navette describes.
const sentences = [
  "Le conseil de développement réunit chaque mois des habitants, des élus et des associations autour des projets du territoire.",
  "Les ostréiculteurs et les agriculteurs ont partagé leurs salariés saisonniers grâce à un groupement d'employeurs.",
  "Cette coopération a permis de proposer des emplois à l'année à des personnes qui enchaînaient les contrats courts.",
  "La commune a mis à disposition un local, tandis que la région finançait la formation des animateurs.",
  "Les observateurs ont noté que la confiance entre les acteurs s'était construite lentement, au fil des rencontres.",
  "Une partie des décisions reste prise par les élus, ce qui limite le pouvoir d'agir des habitants.",
  "Pour durer, la démarche s'appuie sur une charte signée par toutes les structures et revue chaque année.",
  "Les participants proposent de démultiplier l'expérience dans d'autres bassins d'emploi de la région.",
  "Le dialogue social territorial associe les syndicats, les employeurs et les collectivités locales.",
  "L'économie solidaire crée ici des activités que le marché seul n'aurait pas développées.",
];

function paragraph(i: number): string {
  return Array.from({ length: 4 }, (_, k) => sentences[(i * 3 + k * 7) % sentences.length]!).join(" ");
}

export async function run(): Promise<void> {
  const apertium = createApertiumProvider();
  if (!apertium) {
    console.log("apertium is not installed: translation bench skipped");
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "navette-bench-translation-"));
  const storage = openSqliteStorage(join(dir, "bench.sqlite"), { durable: false });
  try {
    const userId = newId();
    await storage.users.create({ id: userId, email: "bench@translation.navette", displayName: "Banc", language: "fr", writingLanguage: null, passwordHash: "x", createdAt: nowIso() });
    const workshopId = newId();
    await storage.workshops.create({ id: workshopId, seriesId: null, title: "Atelier banc d'essai", description: "", theme: "", languages: ["fr", "es", "en"], readingGrid: { version: 1, questions: [] }, createdBy: userId, createdAt: nowIso(), updatedAt: nowIso() }, "facilitator");

    const translation = createTranslation({
      storage,
      logger: pino({ level: "warn" }),
      emit: () => {},
      provider: apertium,
      config: { translationProvider: "apertium", libreTranslateUrl: "", libreTranslateKey: "", translationQueueMax: 10_000 },
    });
    // Rich paragraphs, as posts would be once contributions register their source.
    const texts = Array.from({ length: PARAGRAPHS }, (_, i) => paragraph(i));
    translation.registerSource({
      kind: "post",
      load: async (_w, targetId) => ({ label: targetId, language: "fr", fields: [{ field: "body", format: "rich", value: richTextFromPlain(texts[Number(targetId.slice(1))]!) }] }),
    });
    const chars = texts.reduce((sum, t) => sum + t.length, 0);
    const reader = { userId, role: "facilitator" as const };

    for (const language of ["es", "en"]) {
      const started = performance.now();
      for (let i = 0; i < PARAGRAPHS; i++) await translation.service.requestMachine({ workshopId, targetKind: "post", targetId: `p${i}` }, reader, undefined, [language]);
      await translation.queue.idle();
      const seconds = (performance.now() - started) / 1000;
      const stored = (await storage.translations.listForLanguage(workshopId, language)).length;
      console.log(
        `queue fr→${language}${language === "en" ? " (pivot through es)" : ""}: ${PARAGRAPHS} paragraphs, ${chars} chars in ${seconds.toFixed(2)} s = ${Math.round(chars / seconds)} chars/s (${stored} stored)`,
      );
    }
    console.log(`  batches: ${translation.queue.stats.batches}, failed: ${translation.queue.stats.failed}`);

    // The peer: one process per segment, same segments (a sample, extrapolated).
    for (const language of ["es", "en"]) {
      const sample = texts.slice(0, PEER_SAMPLE);
      const started = performance.now();
      for (const text of sample) await apertium.translate([{ text, format: "plain" }], "fr", language);
      const seconds = (performance.now() - started) / 1000;
      const sampleChars = sample.reduce((sum, t) => sum + t.length, 0);
      console.log(`peer fr→${language}, one apertium process per segment: ${PEER_SAMPLE} paragraphs, ${sampleChars} chars in ${seconds.toFixed(2)} s = ${Math.round(sampleChars / seconds)} chars/s`);
    }
    await translation.close();
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await run();
