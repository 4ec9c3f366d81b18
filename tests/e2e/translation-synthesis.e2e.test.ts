// Translating the synthesis passage by passage: a Spanish-speaking participant reads the French
// synthesis in Spanish, untranslated passages flagged; the translator opens the synthesis
// workspace from the translation workspace, asks for machine drafts, corrects one from the
// keyboard and saves it as hers; the participant sees the drafts, then her translation, arrive
// without reloading. Screenshots at 1280 and 360 px, and no sideways scrolling on a phone.
// Runs where Apertium is installed.
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it, onTestFailed } from "vitest";
import type { Workshop } from "../../shared/schemas/workshops.js";
import { skipWithoutApertium } from "../helpers/apertium.js";
import { moveCaretToEndOfSynthesis, skipWithoutBrowser, waitForSyncedSynthesis } from "../helpers/browser.js";
import { apiFrom, browserSession } from "../helpers/e2e.js";

const shots = process.env.SHOTS_DIR ?? "/tmp/shots";
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe.skipIf(skipWithoutBrowser() || skipWithoutApertium())("translating the synthesis passage by passage", { timeout: 240_000 }, () => {
  // Drafts come only when asked for here: no pause after an edit triggers them during the test.
  const session = browserSession({ demo: true, config: { translationProvider: "apertium", synthesisTranslationDelayMs: 600_000 } });
  const signedIn = (email: string, width = 1280) => session.signedIn(email, { locale: "es-ES", width });

  it("a translator corrects a machine draft of a passage; a Spanish reader sees it arrive in the synthesis", async () => {
    mkdirSync(shots, { recursive: true });
    const joao = await signedIn("joao@demo.navette");
    const lucia = await signedIn("lucia@demo.navette");
    onTestFailed(async () => {
      for (const [name, tp] of Object.entries({ joao, lucia })) {
        await tp.page.screenshot({ path: `${shots}/failed-synthesis-translation-${name}.png`, fullPage: true }).catch(() => {});
        console.error(name, tp.errors);
      }
    });
    const { body } = await apiFrom(joao.page)<{ workshops: Workshop[] }>("GET", "/api/workshops");
    const workshop = body.workshops.find((w) => w.title.startsWith("Atelier"))!;
    const base = `${session.server.url}/workshops/${workshop.id}`;
    const documents = await apiFrom(joao.page)<{ documents: { id: string; kind: string }[] }>("GET", `/api/workshops/${workshop.id}/synthesis/documents`);
    const main = documents.body.documents.find((d) => d.kind === "main")!;

    // 1. João reads the French synthesis in Spanish: nothing is translated yet, and each passage says so.
    await joao.page.goto(`${base}/synthesis/${main.id}`);
    await joao.page.getByTestId("view-read").click();
    const reader = joao.page.getByTestId("synthesis-read-view");
    const readerBlock = (text: string) => reader.locator('[data-testid="synthesis-reader-block"]', { hasText: text });
    await readerBlock("Quand le problème").waitFor();
    expect(await readerBlock("Quand le problème").getAttribute("data-state")).toBe("missing");
    await expect.poll(() => readerBlock("Quand le problème").getByTestId("translation-label").textContent()).toBe("Aún sin traducir: original (Français).");
    expect(await readerBlock("Quand le problème").locator("[lang]").first().getAttribute("lang")).toBe("fr");
    await joao.page.locator('[data-testid="live-status"][data-status="joined"]').waitFor({ state: "attached" });
    await joao.page.screenshot({ path: `${shots}/synthesis-read-missing-es-1280.png`, fullPage: true });

    // 2. Lucía goes from the translation workspace to the synthesis' own workspace.
    await lucia.page.goto(`${base}/translate`);
    await lucia.page.getByTestId("synthesis-translate-link").first().waitFor();
    await lucia.page.locator(".sx-documents-card").screenshot({ path: `${shots}/translate-synthesis-section-es-1280.png` });
    await lucia.page.getByTestId("synthesis-translate-link").first().click();
    await lucia.page.waitForURL(/\/translate\/synthesis\//);
    await expect.poll(() => lucia.page.getByTestId("synthesis-language").inputValue()).toBe("es");
    const row = lucia.page.locator('[data-testid="synthesis-block"]', { hasText: "Quand le problème" });
    await row.waitFor();
    expect(await row.getAttribute("data-state")).toBe("missing");
    const blockId = (await row.getAttribute("data-block-id"))!;
    await lucia.page.screenshot({ path: `${shots}/synthesis-translate-missing-es-1280.png`, fullPage: true });

    // 3. She asks for machine drafts of every passage waiting; they arrive labelled, for her and for João.
    await lucia.page.getByTestId("synthesis-machine-all").click();
    await lucia.page.locator(`[data-testid="synthesis-block"][data-block-id="${blockId}"][data-state="machine"]`).waitFor({ timeout: 60_000 });
    await expect.poll(() => row.getByTestId("translation-label").textContent()).toMatch(/^Traducción automática \(Apertium\)/);
    const machineText = (await row.getByTestId("synthesis-block-translation").textContent())!.trim();
    expect(machineText).not.toContain("Quand le problème");
    expect(machineText.length).toBeGreaterThan(40);
    const joaoBlock = reader.locator(`[data-testid="synthesis-reader-block"][data-block-id="${blockId}"]`);
    await reader.locator(`[data-testid="synthesis-reader-block"][data-block-id="${blockId}"][data-state="machine"]`).waitFor({ timeout: 30_000 });
    await expect.poll(() => joaoBlock.getByTestId("translation-label").textContent()).toMatch(/^Traducción automática \(Apertium\)/);
    await expect.poll(() => joaoBlock.locator(".sx-body").textContent()).toBe(machineText);

    // 4. From the keyboard: she opens the draft, finds it pre-filled, rewrites it and saves it as hers.
    await row.getByTestId("synthesis-block-edit").focus();
    await lucia.page.keyboard.press("Enter");
    const editor = row.getByTestId("synthesis-block-text");
    await editor.waitFor();
    await expect.poll(() => editor.textContent()).toBe(machineText);
    await expect.poll(() => lucia.page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("synthesis-block-text");
    const corrected = "Cuando el problema que hay que resolver elige a los socios, y no el procedimiento, los actores de un territorio encuentran respuestas que nadie habría encontrado solo.";
    await lucia.page.keyboard.press("Control+A");
    await lucia.page.keyboard.type(corrected);
    await lucia.page.screenshot({ path: `${shots}/synthesis-translate-editing-es-1280.png`, fullPage: true });
    await lucia.page.keyboard.press("Tab");
    await expect.poll(() => lucia.page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("synthesis-block-save");
    await lucia.page.keyboard.press("Enter");
    await lucia.page.locator(`[data-testid="synthesis-block"][data-block-id="${blockId}"][data-state="draft"]`).waitFor();
    await expect.poll(() => row.getByTestId("translation-label").textContent()).toBe("Traducido por Lucía Fernández");
    expect((await row.getByTestId("synthesis-block-translation").textContent())!.trim()).toBe(corrected);
    // Focus comes back to the passage's button; she cannot review her own work.
    await expect.poll(() => lucia.page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("synthesis-block-edit");
    expect(await row.getByTestId("synthesis-block-review").count()).toBe(0);

    // 5. João sees her translation replace the machine draft, unlabelled as a person's current work.
    await reader.locator(`[data-testid="synthesis-reader-block"][data-block-id="${blockId}"][data-state="draft"]`).waitFor({ timeout: 15_000 });
    await expect.poll(() => joaoBlock.locator(".sx-body").textContent()).toBe(corrected);
    expect(await joaoBlock.locator("[lang]").first().getAttribute("lang")).toBe("es");
    expect(await joaoBlock.getByTestId("translation-label").count()).toBe(0);
    // Another passage still says a machine made it.
    expect(await reader.locator('[data-testid="synthesis-reader-block"][data-state="machine"]').count()).toBeGreaterThan(0);
    await joao.page.screenshot({ path: `${shots}/synthesis-read-es-1280.png`, fullPage: true });

    // 6. The filters: "machine only" leaves out her passage.
    await lucia.page.getByTestId("synthesis-filter").selectOption("machine");
    await expect.poll(() => lucia.page.locator(`[data-testid="synthesis-block"][data-block-id="${blockId}"]`).count()).toBe(0);
    expect(await lucia.page.locator('[data-testid="synthesis-block"]').count()).toBeGreaterThan(0);
    await lucia.page.getByTestId("synthesis-filter").selectOption("all");
    await lucia.page.screenshot({ path: `${shots}/synthesis-translate-saved-es-1280.png`, fullPage: true });

    // 7. The synthesis is agreed, reopened and amended: "changed since agreed" shows only the new passage.
    const camille = await session.signedIn("camille@demo.navette", { locale: "fr-FR" });
    for (const status of ["submitted", "agreed", "draft"]) {
      expect((await apiFrom(camille.page)("POST", `/api/synthesis/documents/${main.id}/status`, { status })).status).toBe(200);
    }
    await camille.page.goto(`${base}/synthesis/${main.id}`);
    await waitForSyncedSynthesis(camille.page);
    await moveCaretToEndOfSynthesis(camille.page);
    await camille.page.keyboard.press("Enter");
    const added = "Les réseaux régionaux relaient désormais les fiches navettes entre deux étapes.";
    await camille.page.keyboard.type(added);
    await expect
      .poll(async () => (await apiFrom(lucia.page)<{ blocks: { text: string }[] }>("GET", `/api/workshops/${workshop.id}/synthesis/documents/${main.id}/translations?language=es`)).body.blocks.some((b) => b.text === added), { timeout: 20_000 })
      .toBe(true);
    await lucia.page.reload();
    await lucia.page.getByTestId("synthesis-filter").selectOption("changed");
    const changed = lucia.page.locator('[data-testid="synthesis-block"]');
    await expect.poll(() => changed.count()).toBe(1);
    expect(await changed.getAttribute("data-changed")).toBe("true");
    expect(await changed.getAttribute("data-state")).toBe("missing");
    expect(await changed.getByTestId("synthesis-block-source").textContent()).toContain(added);
    await lucia.page.screenshot({ path: `${shots}/synthesis-translate-changed-es-1280.png`, fullPage: true });
    await lucia.page.getByTestId("synthesis-filter").selectOption("all");

    // 8. On a phone: both pages fit the screen.
    const luciaPhone = await signedIn("lucia@demo.navette", 360);
    await luciaPhone.page.goto(lucia.page.url());
    await luciaPhone.page.locator(`[data-testid="synthesis-block"][data-block-id="${blockId}"]`).waitFor();
    expect(await fitsWidth(luciaPhone.page)).toBe(true);
    await luciaPhone.page.screenshot({ path: `${shots}/synthesis-translate-es-360.png`, fullPage: true });
    await luciaPhone.page.getByTestId("synthesis-language").scrollIntoViewIfNeeded();
    await luciaPhone.page.screenshot({ path: `${shots}/synthesis-translate-es-360-view.png` });
    await luciaPhone.page.locator(`[data-testid="synthesis-block"][data-block-id="${blockId}"]`).getByTestId("synthesis-block-edit").click();
    await luciaPhone.page.getByTestId("synthesis-block-text").waitFor();
    expect(await fitsWidth(luciaPhone.page)).toBe(true);
    await luciaPhone.page.screenshot({ path: `${shots}/synthesis-translate-editing-es-360.png` });

    const joaoPhone = await signedIn("joao@demo.navette", 360);
    // Now that passages are translated, the French document opens in João's language by itself.
    await joaoPhone.page.goto(`${base}/synthesis/${main.id}`);
    await expect.poll(() => joaoPhone.page.getByTestId("view-read").getAttribute("aria-pressed")).toBe("true");
    await joaoPhone.page.locator(`[data-testid="synthesis-reader-block"][data-block-id="${blockId}"][data-state="draft"]`).waitFor();
    expect(await fitsWidth(joaoPhone.page)).toBe(true);
    await joaoPhone.page.screenshot({ path: `${shots}/synthesis-read-es-360.png`, fullPage: true });

    for (const tp of [joao, lucia, camille, luciaPhone, joaoPhone]) expect(tp.errors).toEqual([]);
  });
});
