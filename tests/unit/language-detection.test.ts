// Language detection errs on the side of the author: on short or unclear texts, and on texts
// whose only "foreign" words are addresses or code, the author's writing language wins; the
// detector decides only long texts it is sure of. Real-looking forum texts in fr, en and es.
import { describe, expect, it } from "vitest";
import { detectionThreshold, detectLanguage, evidenceOf, languageEvidence } from "../../server/translation/source-text.js";
import { languageCases as cases } from "../helpers/language-cases.js";

// The whole rule (the author's language when the detector says nothing) is tested through the
// translation service in tests/integration/translations-reading.test.ts; here, the detector alone.

describe("language detection that errs on the side of the author", () => {
  it("holds at least 30 cases in fr, en and es", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    for (const language of ["fr", "en", "es"]) expect(cases.filter((c) => c.expected === language).length).toBeGreaterThanOrEqual(8);
  });

  it.each(cases)("the detector alone: $why", ({ text, author, expected }) => {
    const detected = detectLanguage(text, ["fr", "en", "es"]);
    // Against the author's usual language it must be sure; otherwise it may say nothing.
    if (expected !== author) expect(detected).toBe(expected);
    else expect([null, expected]).toContain(detected);
  });

  it("says nothing on a text under the length threshold", () => {
    const short = cases.filter((c) => (languageEvidence(c.text).match(/\p{L}/gu)?.length ?? 0) < detectionThreshold.minLetters);
    expect(short.length).toBeGreaterThanOrEqual(12);
    for (const c of short) expect(detectLanguage(c.text, ["fr", "en", "es"])).toBeNull();
  });

  it("takes URLs, emails and code out of the evidence", () => {
    expect(languageEvidence("Voir https://example.org/a?b=c, écrire à a.b@exemple.fr, lancer `npm test` ou www.site.fr/x")).toBe("Voir , écrire à , lancer ou");
    expect(languageEvidence("```\nconst plan = 'eau';\n``` fin")).toBe("fin");
  });

  it("reads rich text without its code marks and citations", () => {
    const doc = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Lire " },
            { type: "text", text: "npm run build", marks: [{ type: "code" }] },
            { type: "citation", attrs: { kind: "fiche", targetId: "f1", workshopId: "w1", label: "A water plan", author: "Grace" } },
            { type: "text", text: " avant jeudi." },
          ],
        },
        { type: "paragraph", content: [{ type: "text", text: "Merci." }] },
      ],
    };
    expect(evidenceOf("rich", doc as never)).toBe("Lire avant jeudi. Merci.");
  });
});
