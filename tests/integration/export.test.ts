// Exporting a synthesis over the real HTTP route, each format read back by a real consumer:
// CommonMark for Markdown, mammoth and LibreOffice for DOCX, pdf-parse for PDF, Chromium for HTML.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { richTextFromPlain } from "../../shared/richtext.js";
import { launchBrowser, skipWithoutBrowser } from "../helpers/browser.js";
import { waitForSync, workshopWithMembers, type TestUser } from "../helpers/clients.js";
import { docxHtml, download, libreOfficeText, markdownBlocks, pdfText, sample, sampleBlockIds, skipWithoutLibreOffice, writeSample } from "../helpers/export.js";
import { doc, setSequences } from "../helpers/contributions.js";
import { eventually, mainDocument, synthesisSession } from "../helpers/synthesis.js";
import type { TestServer } from "../helpers/server.js";

const { boot, open } = synthesisSession();
const quick = { config: { translationProvider: "none" as const, synthesisTranslationDelayMs: 100 } };
const cited = { targetId: "fiche-marennes-01", label: "Conseil de développement de Marennes-Oléron", author: "Hélène Invitante" };

/** A workshop (fr, en, es) whose main synthesis holds the sample, stored on the server. */
async function sampleSynthesis(server: TestServer) {
  const members = await workshopWithMembers(server);
  const main = await mainDocument(members.facilitator, members.workshopId);
  const writer = open(members.host, members.workshopId);
  await waitForSync(writer.provider);
  const blocks = writeSample(writer.doc, members.workshopId, cited);
  const path = (query: string) => `/api/workshops/${members.workshopId}/synthesis/documents/${main.id}/export?${query}`;
  await eventually(async () => (await members.facilitator.get(`/api/workshops/${members.workshopId}/synthesis/documents/${main.id}/translations?language=en`)).body.blocks?.length === sampleBlockIds.length, "the sample is stored");
  return { ...members, documentId: main.id, doc: writer.doc, blocks, path };
}

const translate = (user: TestUser, workshopId: string, documentId: string, blockId: string, text: string) =>
  user.put(`/api/workshops/${workshopId}/translations/synthesis/${documentId}/block:${blockId}/en`, { text: richTextFromPlain(text) });

describe("exporting a synthesis", () => {
  it("Markdown reads back block by block through a CommonMark parser, with the citation as a footnote and the draft watermark", async () => {
    const server = await boot(quick);
    const { participant, path } = await sampleSynthesis(server);
    const res = await download(participant, path("format=md&lang=fr"));
    expect(res.status).toBe(200);
    expect(res.type).toContain("text/markdown");
    expect(res.disposition).toMatch(/^attachment; filename="synthese\.md"$/);
    const markdown = res.body.toString("utf8");
    const blocks = markdownBlocks(markdown);
    expect(blocks[0]).toEqual({ type: "block_quote" === blocks[0]!.type ? "block_quote" : "paragraph", text: "BROUILLON" });
    const title = blocks.findIndex((b) => b.type === "heading" && b.level === 1);
    expect(blocks[title]!.text).toBe("Synthèse");
    const text = blocks.slice(blocks.findIndex((b) => b.type === "thematic_break") + 1);
    expect(text.slice(0, 7)).toEqual([
      { type: "heading", level: 2, text: sample.heading },
      { type: "paragraph", text: `${sample.findings}[^1]` },
      ...sample.bullets.map((t) => ({ type: "paragraph", text: t })),
      ...sample.ordered.map((t) => ({ type: "paragraph", text: t })),
      { type: "paragraph", text: sample.lessons },
    ]);
    // Real lists, in order.
    expect(markdown).toContain(`- ${sample.bullets[0]}`);
    expect(markdown).toContain(`1. ${sample.ordered[0]}`);
    expect(markdown).toContain("**Les élus**");
    expect(markdown).toMatch(new RegExp(`\\[\\^1\\]: Fiche navette: ${cited.label} — ${cited.author}, \\[http://127\\.0\\.0\\.1:\\d+/workshops/`));
    expect(blocks.at(-1)).toEqual({ type: "paragraph", text: "BROUILLON" });
  });

  it("DOCX opens in mammoth with Word headings, real list items, the footnote, accents and the watermark", async () => {
    const server = await boot(quick);
    const { observer, path } = await sampleSynthesis(server);
    const res = await download(observer, path("format=docx&lang=fr"));
    expect(res.status).toBe(200);
    expect(res.type).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const html = await docxHtml(res.body);
    expect(html).toContain(`<h1>${sample.heading}</h1>`);
    expect(html).toContain("<strong>Les élus</strong>");
    expect(html).toMatch(new RegExp(`<ul><li>${sample.bullets[0]}</li><li>${sample.bullets[1]}</li></ul>`));
    expect(html).toMatch(new RegExp(`<ol><li>${sample.ordered[0]}</li><li>${sample.ordered[1]}</li></ol>`));
    expect(html).toContain("España et chez Müller");
    expect(html).toMatch(/<sup><a href="#footnote-1" id="footnote-ref-1">\[1\]<\/a><\/sup>/);
    expect(html).toContain(`Fiche navette: ${cited.label} — ${cited.author}`);
    expect(html).toContain("BROUILLON");
  });

  it("PDF text holds the headings, accents, line numbers and the watermark on every page", async () => {
    const server = await boot(quick);
    const { facilitator, path } = await sampleSynthesis(server);
    const res = await download(facilitator, path("format=pdf&lang=fr&lineNumbers=1"));
    expect(res.status).toBe(200);
    expect(res.type).toBe("application/pdf");
    const text = await pdfText(res.body);
    for (const expected of [sample.heading, "Les élus et les habitants", "Coopération entre acteurs", "España", "Müller", "Sommaire", "BROUILLON", "Notes"]) expect(text).toContain(expected);
    for (const char of ["é", "è", "ç", "ñ", "ü"]) expect(text).toContain(char);
    // Line numbers in the margin: 1 for the heading, then one per laid-out line.
    expect(text).toMatch(new RegExp(`1\\s+${sample.heading}`));
    expect(text).toMatch(/\b7\s/);
    const pages = text.split(/\f|-- \d+ of \d+ --/).filter((p) => p.trim());
    for (const page of pages) expect(page).toContain("BROUILLON");
  });

  it("side by side pairs every block with its translation, in order; missing ones show the original, and an edited source marks its translation out of date", async () => {
    const server = await boot(quick);
    const { translator, participant, workshopId, documentId, blocks, path } = await sampleSynthesis(server);
    expect((await translate(translator, workshopId, documentId, "b-heading", "Shared findings")).status).toBe(200);
    expect((await translate(translator, workshopId, documentId, "b-lessons", "Lessons: trust is built slowly.")).status).toBe(200);
    // The source of the lessons changes: its translation is now out of date.
    const run = blocks.lessons.get(0) as Y.XmlText;
    run.insert(run.length, " Et sur la durée.");
    await eventually(async () => (await download(participant, path("format=md&lang=fr"))).body.toString().includes("durée"), "the edit is stored");

    const markdown = (await download(participant, path("format=md&lang=fr,en"))).body.toString("utf8");
    const text = markdownBlocks(markdown);
    const from = text.findIndex((b) => b.text === `[fr] ${sample.heading}`);
    const pairs = text.slice(from, from + sampleBlockIds.length * 2);
    expect(pairs.map((b) => b.text)).toEqual([
      `[fr] ${sample.heading}`,
      "[en] Shared findings",
      `[fr] ${sample.findings}[^1]`,
      `[en] ${sample.findings}[^1] [not translated]`,
      ...[...sample.bullets, ...sample.ordered].flatMap((t) => [`[fr] ${t}`, `[en] ${t} [not translated]`]),
      `[fr] ${sample.lessons} Et sur la durée.`,
      "[en] Lessons: trust is built slowly. [translation out of date]",
    ]);

    // The same pairs are the rows of the DOCX table and the PDF's two columns.
    const html = await docxHtml((await download(participant, path("format=docx&lang=fr,en"))).body);
    expect(html).toMatch(/<table>.*<td><h1>Constats partagés<\/h1><\/td><td><h1>Shared findings<\/h1><\/td>/s);
    expect(html).toMatch(/Lessons: trust is built slowly\.\s*<em>\s*\[translation out of date\]<\/em>/);
    const pdf = await pdfText((await download(participant, path("format=pdf&lang=fr,en"))).body);
    expect(pdf).toMatch(/Constats partagés\s+Shared findings/);
    // The two columns share their lines: the note may wrap beside the French text.
    expect(pdf).toMatch(/Lessons: trust is built slowly\.\s+\[translation/);
  });

  it("a machine draft is marked as machine translation, and its engine is named among the translators", async () => {
    const server = await boot(quick);
    const { participant, workshopId, documentId, path } = await sampleSynthesis(server);
    const blocks = (await participant.get(`/api/workshops/${workshopId}/synthesis/documents/${documentId}/translations?language=en`)).body.blocks;
    const lessons = blocks.find((b: { blockId: string }) => b.blockId === "b-lessons");
    const now = new Date().toISOString();
    // What the Apertium queue stores for a block: written here so the test needs no Apertium.
    const stored = await server.app.storage.translations.saveMachine({
      workshopId, targetKind: "synthesis", targetId: documentId, field: lessons.field, language: "en", format: "rich",
      text: JSON.stringify(richTextFromPlain("Lessons: trust builds slowly.")), origin: "machine", provider: "apertium:fr>es>en", translatorId: null,
      status: "draft", sourceHash: lessons.sourceHash, sourceLanguage: "fr", reviewedBy: null, reviewedAt: null, createdAt: now, updatedAt: now,
    });
    expect(stored).toBe(true);
    const markdown = (await download(participant, path("format=md&lang=en"))).body.toString("utf8");
    expect(markdown).toContain("Lessons: trust builds slowly. *\\[machine translation\\]*");
    expect(markdown).toContain("- Translators: machine translation (apertium:fr>es>en)");
    expect(markdown).toContain(`${sample.heading} *\\[not translated\\]*`);
  });

  it("a named version exports as it was, with its status; an agreed text says so on its first page and has no watermark", async () => {
    const server = await boot(quick);
    const { facilitator, participant, documentId, blocks, path } = await sampleSynthesis(server);
    const versioned = await facilitator.post(`/api/synthesis/documents/${documentId}/versions`, { name: "Avant amendement" });
    expect(versioned.status).toBe(201);
    const run = blocks.lessons.get(0) as Y.XmlText;
    run.insert(run.length, " Amendement adopté.");
    await eventually(async () => (await download(participant, path("format=md&lang=fr"))).body.toString().includes("Amendement adopté"), "the edit is stored");
    const old = (await download(participant, path(`format=md&lang=fr&version=${versioned.body.version.id}`))).body.toString("utf8");
    expect(old).not.toContain("Amendement adopté");
    expect(old).toContain("Avant amendement");
    expect(old).toContain("BROUILLON");

    for (const status of ["submitted", "agreed"]) expect((await facilitator.post(`/api/synthesis/documents/${documentId}/status`, { status })).status).toBe(200);
    const agreed = await pdfText((await download(participant, path("format=pdf&lang=fr"))).body);
    expect(agreed).toContain("Texte adopté, version du");
    expect(agreed).toContain("Contributeurs et contributrices: Fatou Facilitatrice");
    expect(agreed).not.toContain("BROUILLON");
    // The version recorded when the text was submitted carries that status.
    const statusVersions = (await facilitator.get(`/api/synthesis/documents/${documentId}/versions`)).body.versions
      .filter((v: { kind: string }) => v.kind === "status")
      .sort((a: { createdAt: string }, b: { createdAt: string }) => a.createdAt.localeCompare(b.createdAt));
    expect(statusVersions).toHaveLength(2);
    const submitted = (await download(participant, path(`format=html&lang=fr&version=${statusVersions[0].id}`))).body.toString("utf8");
    expect(submitted).toContain('<div class="watermark" aria-hidden="true">SOUMIS À VOTRE LECTURE</div>');
    expect(submitted).toContain("Amendement adopté");
  });

  it("works with a read-only API token; strangers get 404, bad formats and languages 400", async () => {
    const server = await boot(quick);
    const { translator, outsider, path } = await sampleSynthesis(server);
    const created = await translator.post("/api/me/tokens", { name: "export script", scope: "read" });
    expect(created.status).toBe(201);
    const withToken = await fetch(server.url + path("format=docx&lang=en"), { headers: { authorization: `Bearer ${created.body.token.token}` } });
    expect(withToken.status).toBe(200);
    expect((await docxHtml(Buffer.from(await withToken.arrayBuffer())))).toContain("[not translated]");

    expect((await download(outsider, path("format=pdf&lang=fr"))).status).toBe(404);
    const anonymous = await fetch(server.url + path("format=pdf&lang=fr"));
    expect(anonymous.status).toBe(401);
    for (const query of ["format=odt&lang=fr", "format=pdf&lang=xx", "format=pdf&lang=fr,en,es", "format=pdf"]) {
      const res = await translator.get(path(query));
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
    }
    expect((await translator.get(path("format=pdf&lang=fr&version=nosuchversion1"))).status).toBe(404);
    const spec = (await translator.get("/api/openapi.json")).body;
    const route = spec.paths["/api/workshops/{workshopId}/synthesis/documents/{documentId}/export"].get;
    expect(Object.keys(route.responses[200].content)).toEqual(["text/markdown", "text/html", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/pdf"]);
    expect(route.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["format", "lang", "version", "lineNumbers"]));
  });

  // Six processes that each load the app: slow on two busy cores, hence the longer limit.
  it("the CLI exports from the data folder, and exits 1 with a clear message on a bad id, language or format", { timeout: 240_000 }, async () => {
    const server = await boot(quick);
    const { workshopId, documentId } = await sampleSynthesis(server);
    await server.close();
    const out = join(server.dataDir, "out.docx");
    const cli = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "server/export/cli.ts", ...args], { env: { ...process.env, DATA_DIR: server.dataDir }, encoding: "utf8" });
    const ok = cli("--workshop", workshopId, "--document", documentId, "--format", "docx", "--lang", "fr,en", "--line-numbers", "--out", out);
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    const html = await docxHtml(readFileSync(out));
    expect(html).toContain("<table>");
    expect(html).toContain(sample.heading);
    for (const [args, message] of [
      [["--workshop", "nosuchworkshop1", "--format", "md", "--lang", "fr", "--out", out], "no workshop nosuchworkshop1"],
      // Ids may begin with a dash: the CLI must still read it as the option's value.
      [["--workshop", "-nosuchworkshop", "--format", "md", "--lang", "fr", "--out", out], "no workshop -nosuchworkshop"],
      [["--workshop", workshopId, "--document", "nosuchdocument", "--format", "md", "--lang", "fr", "--out", out], "synthesis document not found"],
      [["--workshop", workshopId, "--format", "odt", "--lang", "fr", "--out", out], '--format must be one of md, html, docx, pdf, not "odt"'],
      [["--workshop", workshopId, "--format", "md", "--lang", "fr,xx", "--out", out], "unknown language xx"],
      [["--workshop", workshopId, "--format", "md", "--lang", "fr", "--version", "nosuchversion1", "--out", out], "version not found"],
    ] as const) {
      const run = cli(...args);
      expect(run.status, args.join(" ")).toBe(1);
      expect(run.stderr).toContain(message);
    }
  });

  it("a workshop pack holds the fiches consented for its audience, never one without consent, and the proposals with their outcome", async () => {
    const server = await boot(quick);
    const { host, facilitator, participant, workshopId, path } = await sampleSynthesis(server);
    await setSequences(facilitator, workshopId, [["illustrate", "open"], ["debate", "open"], ["propose", "open"]]);
    const fiches = `/api/workshops/${workshopId}/fiches`;
    const fiche = async (title: string, consent: { toParticipants: string; asWorkingDocument: string } | null) => {
      const created = await host.post(fiches, { rows: { title, descriptive: doc(`Description de ${title}.`) } });
      expect(created.status).toBe(201);
      expect((await host.post(`${fiches}/${created.body.fiche.id}/status`, { status: "submitted" })).status).toBe(200);
      if (consent) expect((await host.put(`${fiches}/${created.body.fiche.id}/consent`, { ...consent, conditions: "" })).status).toBe(200);
    };
    await fiche("Fiche partout", { toParticipants: "yes", asWorkingDocument: "yes" });
    await fiche("Fiche sans accord", null);
    await fiche("Fiche refusée", { toParticipants: "no", asWorkingDocument: "no" });
    await fiche("Fiche pour la salle", { toParticipants: "yes", asWorkingDocument: "no" });
    expect((await participant.post(`/api/workshops/${workshopId}/proposals`, { title: "Créer un fonds territorial", body: doc("Un fonds géré avec les habitants.") })).status).toBe(201);

    const forParticipants = (await download(participant, path("format=md&lang=fr&pack=participants"))).body.toString("utf8");
    expect(forParticipants).toContain("## Fiches navettes");
    expect(forParticipants).toContain("### Fiche partout");
    expect(forParticipants).toContain("Description de Fiche pour la salle.");
    expect(forParticipants).not.toContain("Fiche sans accord");
    expect(forParticipants).not.toContain("Fiche refusée");
    expect(forParticipants).toContain("### Créer un fonds territorial");
    expect(forParticipants).toMatch(/Issue : ouverte · 0 soutiens/);
    expect(forParticipants).toContain("Un fonds géré avec les habitants.");

    const asWorkingDocument = (await download(participant, path("format=docx&lang=fr,en&pack=workingDocument"))).body;
    const html = await docxHtml(asWorkingDocument);
    expect(html).toContain("Fiche partout");
    expect(html).not.toContain("Fiche pour la salle");
    expect(html).not.toContain("Fiche sans accord");
    expect(html).toMatch(/Description de Fiche partout\.\s*<em>\s*\[not translated\]/);
  });

  it("a Spanish pack of a French workshop shows the fiches and proposals in Spanish from their stored translations, marking machine drafts and what nobody translated", async () => {
    const server = await boot(quick);
    const { host, facilitator, translator, participant, workshopId, path } = await sampleSynthesis(server);
    await setSequences(facilitator, workshopId, [["illustrate", "open"], ["debate", "open"], ["propose", "open"]]);
    const questionId: string = (await facilitator.get(`/api/workshops/${workshopId}`)).body.workshop.readingGrid.questions[0].id;
    const fiches = `/api/workshops/${workshopId}/fiches`;
    const created = await host.post(fiches, {
      rows: {
        title: "La coopérative des producteurs de Marennes",
        descriptive: doc("Les ostréiculteurs et les agriculteurs du bassin partagent l'eau et les décisions depuis dix ans."),
        gridAnswers: { [questionId]: doc("Une économie de l'eau partagée entre les ostréiculteurs et les agriculteurs.") },
      },
    });
    expect(created.status).toBe(201);
    const ficheId: string = created.body.fiche.id;
    expect((await host.post(`${fiches}/${ficheId}/status`, { status: "submitted" })).status).toBe(200);
    expect((await host.put(`${fiches}/${ficheId}/consent`, { toParticipants: "yes", asWorkingDocument: "yes", conditions: "" })).status).toBe(200);
    const proposal = await participant.post(`/api/workshops/${workshopId}/proposals`, { title: "Créer un fonds territorial pour l'eau", body: doc("Un fonds géré avec les habitants et les producteurs du territoire.") });
    expect(proposal.status).toBe(201);
    const proposalId: string = proposal.body.proposal.id;

    // A translator's Spanish for the fiche's title and description, and for the grid question.
    const put = (kind: string, targetId: string, field: string, text: unknown) => translator.put(`/api/workshops/${workshopId}/translations/${kind}/${targetId}/${field}/es`, { text });
    expect((await put("fiche", ficheId, "rows.title", "La cooperativa de productores de Marennes")).status).toBe(200);
    expect((await put("fiche", ficheId, "rows.descriptive", doc("Los ostricultores y los agricultores de la cuenca comparten el agua y las decisiones desde hace diez años."))).status).toBe(200);
    expect((await put("workshop", workshopId, `question:${questionId}`, "¿Qué economía?")).status).toBe(200);
    // A machine draft of the proposal's body, stored as the Apertium queue stores one.
    const target = await server.app.translation.service.resolve({ workshopId, targetKind: "proposal", targetId: proposalId }, null);
    expect(target.sourceLanguage).toBe("fr");
    const body = target.fields.find((f) => f.field === "body")!;
    const now = new Date().toISOString();
    expect(
      await server.app.storage.translations.saveMachine({
        workshopId, targetKind: "proposal", targetId: proposalId, field: "body", language: "es", format: "rich",
        text: JSON.stringify(doc("Un fondo gestionado con los habitantes y los productores del territorio.")), origin: "machine", provider: "apertium:fr>es", translatorId: null,
        status: "draft", sourceHash: body.sourceHash, sourceLanguage: "fr", reviewedBy: null, reviewedAt: null, createdAt: now, updatedAt: now,
      }),
    ).toBe(true);

    const markdown = (await download(participant, path("format=md&lang=es&pack=participants"))).body.toString("utf8");
    const blocks = markdownBlocks(markdown);
    const texts = blocks.map((b) => b.text);
    // Markdown's level 1 is the title: the pack's parts are level 2, a fiche level 3, its rows level 4.
    expect(blocks).toContainEqual({ type: "heading", level: 3, text: "La cooperativa de productores de Marennes" });
    expect(texts).toContain("Los ostricultores y los agricultores de la cuenca comparten el agua y las decisiones desde hace diez años.");
    expect(blocks).toContainEqual({ type: "heading", level: 4, text: "¿Qué economía?" });
    // Nobody translated the answer: the original, marked in Spanish, never silently filled.
    expect(texts).toContain("Une économie de l'eau partagée entre les ostréiculteurs et les agriculteurs. [sin traducir]");
    expect(texts).toContain("Un fondo gestionado con los habitantes y los productores del territorio. [traducción automática]");
    expect(texts).toContain("Créer un fonds territorial pour l'eau [sin traducir]");
    expect(markdown).not.toContain("Les ostréiculteurs et les agriculteurs du bassin");
    expect(markdown).toMatch(/apertium:fr>es/);

    // Side by side, each block of the fiche beside its Spanish, in order.
    const pairs = markdownBlocks((await download(participant, path("format=md&lang=fr,es&pack=participants"))).body.toString("utf8")).map((b) => b.text);
    const at = pairs.indexOf("[fr] La coopérative des producteurs de Marennes");
    expect(pairs.slice(at, at + 2)).toEqual(["[fr] La coopérative des producteurs de Marennes", "[es] La cooperativa de productores de Marennes"]);
    const machine = pairs.indexOf("[fr] Un fonds géré avec les habitants et les producteurs du territoire.");
    expect(pairs[machine + 1]).toBe("[es] Un fondo gestionado con los habitantes y los productores del territorio. [traducción automática]");
    // The translation goes out of date when the fiche's description changes.
    const version: number = (await host.get(`${fiches}/${ficheId}`)).body.fiche.version;
    expect((await host.patch(`${fiches}/${ficheId}`, { baseVersion: version, rows: { descriptive: doc("Les ostréiculteurs et les agriculteurs du bassin partagent l'eau depuis dix ans, et les décisions.") } })).status).toBe(200);
    const stale = (await download(participant, path("format=md&lang=es&pack=participants"))).body.toString("utf8");
    expect(stale).toContain("Los ostricultores y los agricultores de la cuenca comparten el agua y las decisiones desde hace diez años. *\\[traducción desactualizada\\]*");
  });

  it.skipIf(skipWithoutLibreOffice())("DOCX opens in LibreOffice with its headings, list items, footnote, accents and the watermark in every page's header", async () => {
    const server = await boot(quick);
    const { participant, path } = await sampleSynthesis(server);
    const text = await libreOfficeText((await download(participant, path("format=docx&lang=fr&lineNumbers=1"))).body);
    for (const expected of [sample.heading, "Coopération entre acteurs", "Deuxième étape : décider", "España", "Müller", cited.label, "BROUILLON"]) expect(text).toContain(expected);
    expect(text).toMatch(/•\s*Coopération entre acteurs/);
    expect(text).toMatch(/2\.\s*Deuxième étape/);
  });

  it.skipIf(skipWithoutBrowser())("HTML loads in Chromium; its print stylesheet prints the watermark on every page", async () => {
    const server = await boot(quick);
    const { participant, path } = await sampleSynthesis(server);
    const html = (await download(participant, path("format=html&lang=fr,en"))).body.toString("utf8");
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
      // Enough text to fill several printed pages.
      await page.setContent(html.replace("</main>", `${"<p>Suite du texte, pour remplir les pages.</p>".repeat(120)}</main>`));
      expect(await page.locator("h1").first().textContent()).toBe("Synthèse");
      expect(await page.locator("table.side-by-side tbody tr").count()).toBe(sampleBlockIds.length);
      expect(await page.locator("table.side-by-side tbody tr").first().locator("td").allTextContents()).toEqual([sample.heading, `${sample.heading} [not translated]`]);
      await page.screenshot({ path: "screenshots/export-html.png", fullPage: false });
      const printed = await pdfText(await page.pdf({ format: "A4" }));
      const pages = printed.split(/-- \d+ of \d+ --/).filter((p) => p.trim());
      expect(pages.length).toBeGreaterThan(1);
      for (const p of pages) expect(p).toContain("BROUILLON");
      expect(printed).not.toContain("Suite du texte, pour remplir les pages.BROUILLON BROUILLON");
    } finally {
      await browser.close();
    }
  });
});
