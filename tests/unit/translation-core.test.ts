// The pure parts of translation: staleness, source hashes, language detection, the HTML
// round trip of rich text for machine translators, glossary protection and the queue.
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { isStale, machineMayWrite, translationState } from "../../shared/domain/translations.js";
import { Protector } from "../../server/translation/glossary.js";
import { toMachineText } from "../../server/translation/markup.js";
import { TranslationQueue, type MachineJob } from "../../server/translation/queue.js";
import type { TranslationProvider } from "../../server/translation/providers/provider.js";
import { detectLanguage, sourceHash } from "../../server/translation/source-text.js";

const doc = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Retour OBC" }] },
    {
      type: "paragraph",
      content: [
        { type: "text", text: "Voir " },
        { type: "text", text: "le rapport", marks: [{ type: "link", attrs: { href: "https://exemple.org/rapport?a=1&b=2" } }, { type: "bold" }] },
        { type: "citation", attrs: { kind: "fiche", targetId: "f123" } },
        { type: "text", text: " & la fiche navette" },
        { type: "hardBreak" },
        { type: "text", text: "npm test", marks: [{ type: "code" }] },
      ],
    },
    { type: "orderedList", attrs: { start: 3 }, content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Point <trois>" }] }] }] },
    { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "Citation", marks: [{ type: "italic" }] }] }] },
  ],
};

describe("staleness", () => {
  it("a translation is stale once the source hash moved on", () => {
    expect(isStale({ sourceHash: "a" }, "a")).toBe(false);
    expect(isStale({ sourceHash: "a" }, "b")).toBe(true);
    expect(translationState(null, "a")).toBe("missing");
    expect(translationState({ origin: "machine", status: "draft", sourceHash: "a" }, "a")).toBe("machine");
    expect(translationState({ origin: "human", status: "reviewed", sourceHash: "a" }, "b")).toBe("stale");
  });

  it("machine output may replace only unreviewed machine output", () => {
    expect(machineMayWrite(null)).toBe(true);
    expect(machineMayWrite({ origin: "machine", status: "draft" })).toBe(true);
    expect(machineMayWrite({ origin: "machine", status: "reviewed" })).toBe(false);
    expect(machineMayWrite({ origin: "human", status: "draft" })).toBe(false);
  });

  it("rich sources hash by their sanitized, canonical form", () => {
    const reordered = { content: [{ content: [{ text: "Bonjour", type: "text" }], type: "paragraph" }], type: "doc" };
    expect(sourceHash("rich", reordered as never)).toBe(sourceHash("rich", { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Bonjour" }] }] }));
    expect(sourceHash("plain", "Bonjour")).not.toBe(sourceHash("plain", "Bonjour."));
  });
});

describe("language detection", () => {
  it("tells French, English and Spanish apart, and gives up on short texts", () => {
    expect(detectLanguage("Les habitants ont créé un groupement d'employeurs pour l'emploi saisonnier.")).toBe("fr");
    expect(detectLanguage("Residents set up an employers' alliance so that seasonal workers find a job all year.")).toBe("en");
    expect(detectLanguage("Los habitantes crearon una agrupación de empleadores para el trabajo de temporada.")).toBe("es");
    expect(detectLanguage("Atelier test")).toBeNull();
  });
});

describe("rich text for machine translators", () => {
  it("survives a round trip: blocks, marks, links by index, code and citations untouched", () => {
    const machine = toMachineText("loose", doc, "fr", "es");
    expect(machine.html).not.toContain("exemple.org");
    expect(machine.html).not.toContain("npm test");
    expect(machine.html).toContain('<a href="#nvt-l0">');
    expect(machine.restore(machine.html)).toEqual(doc);
  });

  it("keeps what a translator returns safe: invented links and unknown tags are dropped", () => {
    const machine = toMachineText("rich", { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Bonjour" }] }] }, "fr", "es");
    const restored = machine.restore('<p>Hola <a href="javascript:alert(1)">aquí</a><script>x</script><span>!</span></p>');
    expect(restored).toEqual({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Hola " }, { type: "text", text: "aquí" }, { type: "text", text: "x" }, { type: "text", text: "!" }] }] });
  });

  it("plain text keeps its lines and characters", () => {
    const machine = toMachineText("plain", "Ligne <un> & deux\nLigne trois", "fr", "es");
    expect(machine.restore(machine.html)).toBe("Ligne <un> & deux\nLigne trois");
  });
});

describe("glossary protection", () => {
  it("swaps domain terms for tokens and renders them in the target language", () => {
    const protector = new Protector();
    const text = protector.protectTerms("Les fiches navettes et la Fiche navette de l'OBC (ESS, IAE, DTS), pas l'ess.", "fr", "en");
    expect(text).not.toMatch(/navette|OBC|ESS|IAE|DTS/);
    expect(text).toContain("l'ess");
    expect(protector.restore(text)).toBe("Les shuttle sheets et la Shuttle sheet de l'OBC (ESS, IAE, DTS), pas l'ess.");
    const toSpanish = new Protector();
    expect(toSpanish.restore(toSpanish.protectTerms("une fiche navette", "fr", "es"))).toBe("une fiche navette");
  });
});

describe("the machine translation queue", () => {
  const logger = pino({ level: "silent" });
  function recordingProvider() {
    const calls: { from: string; to: string; size: number }[] = [];
    let gate: Promise<void> = Promise.resolve();
    const provider: TranslationProvider = {
      name: "test",
      maxBatchChars: 1000,
      supports: () => true,
      label: () => "test",
      async translate(batch, from, to) {
        calls.push({ from, to, size: batch.length });
        await gate;
        return batch.map((s) => `${to}:${s.text}`);
      },
    };
    return { provider, calls, hold: () => { let open!: () => void; gate = new Promise((r) => (open = r)); return () => open(); } };
  }
  const job = (key: string, from: string, to: string, text: string, out: string[]): MachineJob => ({
    key,
    from,
    to,
    chars: text.length,
    segment: { text, format: "html" },
    complete: async (output) => void out.push(`${key}=${output}`),
  });

  it("batches jobs by language pair, deduplicates pending keys and refuses over its bound", async () => {
    const { provider, calls } = recordingProvider();
    const queue = new TranslationQueue(provider, { max: 3, logger });
    const out: string[] = [];
    expect(queue.enqueue(job("a", "fr", "es", "un", out))).toBe("queued");
    expect(queue.enqueue(job("b", "fr", "en", "deux", out))).toBe("queued");
    expect(queue.enqueue(job("a", "fr", "es", "un bis", out))).toBe("pending");
    expect(queue.enqueue(job("c", "fr", "es", "trois", out))).toBe("queued");
    expect(queue.enqueue(job("d", "fr", "es", "quatre", out))).toBe("refused");
    expect(queue.stats.refused).toBe(1);
    await queue.idle();
    expect(calls).toEqual([{ from: "fr", to: "es", size: 2 }, { from: "fr", to: "en", size: 1 }]);
    expect(out.sort()).toEqual(["a=es:un bis", "b=en:deux", "c=es:trois"]);
    expect(queue.stats).toMatchObject({ done: 3, batches: 2, pending: 0 });
  });

  it("runs one call at a time; jobs arriving meanwhile wait for the next batch", async () => {
    const { provider, calls, hold } = recordingProvider();
    const queue = new TranslationQueue(provider, { max: 10, logger, lingerMs: 0 });
    const out: string[] = [];
    const open = hold();
    queue.enqueue(job("a", "fr", "es", "un", out));
    await new Promise((r) => setTimeout(r, 20));
    queue.enqueue(job("b", "fr", "es", "deux", out));
    queue.enqueue(job("c", "fr", "es", "trois", out));
    expect(calls).toHaveLength(1);
    open();
    await queue.idle();
    expect(calls.map((c) => c.size)).toEqual([1, 2]);
  });
});
