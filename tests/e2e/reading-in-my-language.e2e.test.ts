// My language by default, in Chromium with Apertium: a Spanish reader opens a French fiche
// written before he came and reads it in Spanish, grid questions included, without a click,
// the machine marked once for the whole sheet; an author corrects the language her post was
// taken to be in; and a search in Spanish finds the French fiche and a passage of the synthesis by their translations.
import type { Page } from "playwright-core";
import { describe, expect, it, onTestFailed } from "vitest";
import type { FicheSummary } from "../../shared/schemas/contributions.js";
import type { Workshop } from "../../shared/schemas/workshops.js";
import { skipWithoutApertium } from "../helpers/apertium.js";
import { skipWithoutBrowser } from "../helpers/browser.js";
import { apiFrom, browserSession } from "../helpers/e2e.js";

const apiGet = <T,>(page: Page, path: string) => apiFrom(page)<T>("GET", path);

describe.skipIf(skipWithoutBrowser() || skipWithoutApertium())("reading in my language by default", { timeout: 180_000 }, () => {
  const session = browserSession({ demo: true, config: { translationProvider: "apertium" } });
  let base = "";
  let workshop: Workshop;
  let fiche: FicheSummary;

  async function demo(page: Page) {
    const { body } = await apiGet<{ workshops: Workshop[] }>(page, "/api/workshops");
    workshop = body.workshops.find((w) => w.title.startsWith("Atelier"))!;
    base = `${session.server.url}/workshops/${workshop.id}`;
    const fiches = await apiGet<{ items: FicheSummary[] }>(page, `/api/workshops/${workshop.id}/fiches`);
    fiche = fiches.body.items.find((f) => f.title.startsWith("Un plan pour l'eau"))!;
  }

  it("a Spanish reader sees a French fiche and its grid questions in Spanish without a click, marked once, the original one click away", async () => {
    const joao = await session.signedIn("joao@demo.navette", { locale: "es-ES" });
    onTestFailed(async () => {
      await joao.page.screenshot({ path: "screenshots/failed-reading-es.png", fullPage: true }).catch(() => {});
      console.error(joao.errors);
    });
    await joao.page.waitForFunction(() => document.documentElement.lang === "es");
    await demo(joao.page);
    // Written by the demo before João ever came: no machine draft exists yet.
    const before = await apiGet<{ translations: unknown[] }>(joao.page, `/api/workshops/${workshop.id}/translations?targetKind=fiche&targetId=${fiche.id}&language=en`);
    expect(before.body.translations).toEqual([]);

    await joao.page.goto(`${base}/illustrate/fiches/${fiche.id}`);
    const heading = joao.page.getByTestId("fiche-heading");
    await expect.poll(() => heading.getAttribute("lang"), { timeout: 60_000 }).toBe("es");
    const title = (await heading.textContent())!.trim();
    expect(title).not.toBe(fiche.title);
    expect(title).toMatch(/agua/);
    // The rows follow, and the reading grid's questions read in Spanish too.
    const rows = joao.page.locator(".fiche-rows");
    await expect.poll(() => rows.locator('[data-testid="translated"][data-shown="translation"]').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(6);
    const labels = rows.locator("dt");
    await expect.poll(async () => (await labels.allTextContents()).some((label) => /^1\. ¿?Qu[eé] econom[ií]a/i.test(label)), { timeout: 60_000 }).toBe(true);
    expect(await joao.page.locator("button", { hasText: "Traducir automáticamente" }).count()).toBe(0);
    // The consent conditions and the keywords too.
    await expect.poll(() => joao.page.locator('[data-field="consent.conditions"]').getAttribute("data-shown"), { timeout: 60_000 }).toBe("translation");
    await expect.poll(() => joao.page.locator(".facet .tags[lang=es]").count(), { timeout: 60_000 }).toBeGreaterThan(0);

    // One note for the whole sheet, none in its rows.
    const note = joao.page.locator(".page-head").getByTestId("translation-note");
    await expect.poll(() => note.getByTestId("translation-label").textContent()).toMatch(/^Traducción automática \(Apertium\)$/);
    expect(await rows.getByTestId("translation-note").count()).toBe(0);
    expect(await rows.getByText("Traducción automática").count()).toBe(0);

    await joao.page.screenshot({ path: "screenshots/fiche-reader-es-1280.png", fullPage: true });
    await joao.page.setViewportSize({ width: 360, height: 800 });
    await joao.page.screenshot({ path: "screenshots/fiche-reader-es-360.png", fullPage: true });
    await joao.page.screenshot({ path: "screenshots/fiche-reader-es-360-top.png" });
    expect(await joao.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await joao.page.setViewportSize({ width: 1280, height: 800 });

    // The original, from the keyboard, for every row at once; then back.
    const toggle = note.getByTestId("translation-toggle");
    expect(await toggle.textContent()).toBe("Ver el original (Français)");
    await toggle.focus();
    await joao.page.keyboard.press("Enter");
    await expect.poll(() => heading.textContent()).toBe(fiche.title);
    expect(await rows.locator('[data-testid="translated"][data-shown="translation"]').count()).toBe(0);
    await joao.page.keyboard.press("Enter");
    await expect.poll(() => heading.textContent()).toBe(title);
    expect(joao.errors).toEqual([]);
  });

  it("a Spanish-speaking author editing a French fiche reads the grid questions in Spanish, marked once, the original one click away", async () => {
    const amadou = await session.signedIn("amadou@demo.navette", { locale: "es-ES" });
    onTestFailed(async () => {
      await amadou.page.screenshot({ path: "screenshots/failed-fiche-edit-es.png", fullPage: true }).catch(() => {});
      console.error(amadou.errors);
    });
    expect((await apiFrom(amadou.page)("PATCH", "/api/me", { language: "es" })).status).toBe(200);
    await demo(amadou.page);
    const fiches = await apiGet<{ items: FicheSummary[] }>(amadou.page, `/api/workshops/${workshop.id}/fiches`);
    const own = fiches.body.items.find((f) => f.title.startsWith("Partager des emplois"))!;
    await amadou.page.goto(`${base}/illustrate/fiches/${own.id}/edit`);
    const grid = amadou.page.getByTestId("grid-questions");
    const labels = grid.locator(".field-label");
    await expect.poll(async () => (await labels.allTextContents()).some((label) => /^¿?Qu[eé] econom[ií]a/i.test(label)), { timeout: 60_000 }).toBe(true);
    // One note for the questions, and the original from it.
    const note = grid.getByTestId("translation-note");
    expect(await note.count()).toBe(1);
    await expect.poll(() => note.getByTestId("translation-label").textContent()).toMatch(/Traducción automática/);
    await note.getByTestId("translation-toggle").click();
    await expect.poll(async () => (await labels.allTextContents()).some((label) => /^Quelle économie/i.test(label))).toBe(true);
    await note.getByTestId("translation-toggle").click();
    await amadou.page.screenshot({ path: "/tmp/fiche-edit-es-1280.png", fullPage: true });
    await amadou.page.setViewportSize({ width: 360, height: 800 });
    await amadou.page.screenshot({ path: "/tmp/fiche-edit-es-360.png", fullPage: true });
    expect(await amadou.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(amadou.errors).toEqual([]);
  });

  it("the author corrects the language her post was taken to be in, in one step from the keyboard; readers get translations from the right one, and her writing language follows", async () => {
    const grace = await session.signedIn("grace@demo.navette", { locale: "en-GB" });
    onTestFailed(async () => {
      await grace.page.screenshot({ path: "screenshots/failed-source-language.png", fullPage: true }).catch(() => {});
      console.error(grace.errors);
    });
    await demo(grace.page);
    const api = apiFrom(grace.page);
    const thread = (await api("GET", `/api/workshops/${workshop.id}/threads`)).body.items[0];
    // Short, and Grace reads and writes English: taken as English.
    const posted = await api("POST", `/api/workshops/${workshop.id}/threads/${thread.id}/posts`, {
      body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Sin versión en español" }] }] },
    });
    expect(posted.status).toBe(201);
    const postId = posted.body.post.id;

    await grace.page.goto(`${base}/debate/threads/${thread.id}`);
    const item = grace.page.locator(`[data-testid="post"][data-post-id="${postId}"]`);
    const note = item.getByTestId("source-language");
    await note.waitFor();
    expect(await note.textContent()).toMatch(/^Written in English — change/);

    const change = note.getByTestId("source-language-change");
    await change.focus();
    await grace.page.keyboard.press("Enter");
    const select = item.getByTestId("source-language-select");
    await expect.poll(() => grace.page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("source-language-select");
    await select.selectOption("es");
    await grace.page.setViewportSize({ width: 360, height: 800 });
    await item.scrollIntoViewIfNeeded();
    await grace.page.screenshot({ path: "screenshots/source-language-choosing-en-360.png" });
    await grace.page.setViewportSize({ width: 1280, height: 800 });
    // She also says she usually writes Spanish, so her next short texts are taken as such.
    await grace.page.keyboard.press("Tab");
    await grace.page.keyboard.press("Space");
    expect(await item.getByTestId("source-language-remember").isChecked()).toBe(true);
    await grace.page.keyboard.press("Tab");
    await grace.page.keyboard.press("Enter");
    const corrected = item.locator('[data-testid="source-language"][data-language="es"]');
    await corrected.waitFor();
    expect(await corrected.textContent()).toMatch(/^Written in Spanish — change/);
    // Focus is back on "change", for another correction.
    await expect.poll(() => grace.page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("source-language-change");
    await grace.page.screenshot({ path: "screenshots/source-language-corrected-en-1280.png" });

    // The machine drafts are redone from Spanish.
    const path = `/api/workshops/${workshop.id}/translations?targetKind=post&targetId=${postId}`;
    await expect
      .poll(async () => ((await api("GET", path)).body.translations as { language: string; sourceLanguage: string }[]).map((t) => `${t.language}<${t.sourceLanguage}`).sort(), { timeout: 60_000 })
      .toEqual(["en<es", "fr<es"]);
    expect((await api("GET", "/api/me")).body.user).toMatchObject({ language: "en", writingLanguage: "es" });
    const next = await api("POST", `/api/workshops/${workshop.id}/threads/${thread.id}/posts`, {
      body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Gracias a todos" }] }] },
    });
    expect((await api("GET", `/api/workshops/${workshop.id}/translations?targetKind=post&targetId=${next.body.post.id}`)).body.sourceLanguage).toBe("es");
    expect(grace.errors).toEqual([]);
  });

  it("a search in Spanish finds the French fiche by the words of its Spanish translation, and a synthesis passage", async () => {
    const joao = await session.signedIn("joao@demo.navette", { locale: "es-ES" });
    await demo(joao.page);
    await joao.page.goto(`${base}/search`);
    await joao.page.locator("#search-q").fill("agua");
    await joao.page.locator("#search-q").press("Enter");
    const hit = joao.page.getByTestId("search-hit").filter({ has: joao.page.locator(`a[href$="/illustrate/fiches/${fiche.id}"]`) });
    await hit.first().waitFor();
    expect(await hit.first().locator(".excerpt").textContent()).toMatch(/agua/);
    // Its title reads in Spanish too, the original on hover.
    const title = hit.first().getByTestId("translated-title");
    await expect.poll(() => title.textContent()).toMatch(/agua/);
    expect(await title.getAttribute("title")).toBe(fiche.title);
    await joao.page.screenshot({ path: "screenshots/search-translation-es-1280.png" });

    // The synthesis too, by its machine draft in Spanish ("reconnaissance" in the French), and the hit opens it at the passage.
    // Its drafts are made in the background after the server starts: search again until they are there.
    const passage = joao.page.getByTestId("search-hit").filter({ has: joao.page.locator('a[href*="/synthesis/"][href*="#block-"]') });
    await expect
      .poll(
        async () => {
          await joao.page.goto(`${base}/search?q=reconocimiento`);
          await joao.page.locator('#search-title + form ~ p[role="status"]').waitFor();
          return passage.count();
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBeGreaterThan(0);
    expect(await passage.first().locator(".excerpt").textContent()).toMatch(/reconocimiento/);
    // The workshop's own title reads in Spanish in the breadcrumb, the original on hover.
    const crumb = joao.page.locator('.breadcrumb [data-testid="translated-title"]');
    await crumb.waitFor({ timeout: 30_000 });
    expect(await crumb.getAttribute("title")).toBe(workshop.title);
    expect(await crumb.getAttribute("lang")).toBe("es");
    await joao.page.screenshot({ path: "screenshots/search-synthesis-es-1280.png" });
    const href = (await passage.first().locator("a").first().getAttribute("href"))!;
    const blockId = decodeURIComponent(href.split("#block-")[1]!);
    await passage.first().locator("a").first().click();
    await joao.page.waitForURL(/\/synthesis\/[^/#]+#block-/);
    const shown = joao.page.locator(`.synthesis-view:not([hidden]) [data-block-id="${blockId}"]`);
    await shown.waitFor();
    // Marked as the passage asked for.
    await expect.poll(() => shown.evaluate((element) => getComputedStyle(element).outlineStyle)).toBe("solid");
    expect(joao.errors).toEqual([]);
  });
});
