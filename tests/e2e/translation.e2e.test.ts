// Reading in my language: a Spanish-speaking participant reads a French fiche through a
// machine translation without asking for it, clearly marked once for the sheet, and can look
// at the original; a translator then
// corrects it in the translation workspace, and the participant sees the person's
// translation arrive live, signed with her name. Runs where Apertium is installed.
import type { Page } from "playwright-core";
import { describe, expect, it, onTestFailed } from "vitest";
import type { FicheSummary } from "../../shared/schemas/contributions.js";
import type { Workshop } from "../../shared/schemas/workshops.js";
import { skipWithoutApertium } from "../helpers/apertium.js";
import { skipWithoutBrowser } from "../helpers/browser.js";
import { apiFrom, browserSession } from "../helpers/e2e.js";

const apiGet = <T,>(page: Page, path: string) => apiFrom(page)<T>("GET", path);

describe.skipIf(skipWithoutBrowser() || skipWithoutApertium())("reading a contribution in my language", { timeout: 180_000 }, () => {
  const session = browserSession({ demo: true, config: { translationProvider: "apertium" } });
  // Both read in Spanish: their profiles say so, and so does the browser.
  const signedIn = (email: string) => session.signedIn(email, { locale: "es-ES" });

  it("a participant reads a French fiche machine-translated into Spanish, then the translator's correction, signed", async () => {
    const joao = await signedIn("joao@demo.navette");
    const lucia = await signedIn("lucia@demo.navette");
    onTestFailed(async () => {
      for (const [name, tp] of Object.entries({ joao, lucia })) {
        await tp.page.screenshot({ path: `screenshots/failed-translation-${name}.png`, fullPage: true }).catch(() => {});
        console.error(name, tp.errors);
      }
    });
    await joao.page.waitForFunction(() => document.documentElement.lang === "es");

    const { body } = await apiGet<{ workshops: Workshop[] }>(joao.page, "/api/workshops");
    const workshop = body.workshops.find((w) => w.title.startsWith("Atelier"))!;
    const base = `${session.server.url}/workshops/${workshop.id}`;
    const fiches = await apiGet<{ items: FicheSummary[] }>(joao.page, `/api/workshops/${workshop.id}/fiches`);
    const fiche = fiches.body.items.find((f) => f.title.startsWith("Un plan pour l'eau"))!;
    expect(fiche).toBeDefined();
    const target = await apiGet<{ sourceLanguage: string; fields: { field: string }[] }>(
      joao.page,
      `/api/workshops/${workshop.id}/translations?targetKind=fiche&targetId=${fiche.id}`,
    );
    expect(target.status).toBe(200);
    expect(target.body.sourceLanguage).toBe("fr");
    const titleField = target.body.fields.find((f) => /title$/.test(f.field))!.field;

    // 1. João opens the fiche: written in French, it arrives machine-translated without a click.
    await joao.page.goto(`${base}/illustrate/fiches/${fiche.id}`);
    const heading = joao.page.locator(`[data-testid="translated"][data-field="${titleField}"]`);
    await heading.waitFor();
    await joao.page.locator('[data-testid="live-status"][data-status="joined"]').waitFor({ state: "attached" });
    await joao.page.locator(`[data-testid="translated"][data-field="${titleField}"][data-kind="machine"][data-shown="translation"]`).waitFor({ timeout: 60_000 });
    // The sheet's one note says what its translation is.
    const note = joao.page.locator(".page-head").getByTestId("translation-note");
    const label = note.getByTestId("translation-label");
    await expect.poll(() => label.textContent()).toMatch(/^Traducción automática \(Apertium/);
    const machineTitle = (await joao.page.getByTestId("fiche-heading").textContent())!.trim();
    expect(machineTitle).not.toBe(fiche.title);
    expect(machineTitle.length).toBeGreaterThan(10);
    expect(await joao.page.getByTestId("fiche-heading").getAttribute("lang")).toBe("es");
    await joao.page.screenshot({ path: "screenshots/fiche-machine-translated-es-1280.png", fullPage: true });

    // 2. He looks at the original, then goes back to the translation, from the keyboard.
    const toggle = note.getByTestId("translation-toggle");
    await expect.poll(() => toggle.textContent()).toBe("Ver el original (Français)");
    await toggle.focus();
    await joao.page.keyboard.press("Enter");
    await expect.poll(() => joao.page.getByTestId("fiche-heading").textContent()).toBe(fiche.title);
    expect(await joao.page.getByTestId("fiche-heading").getAttribute("lang")).toBe("fr");
    await expect.poll(() => toggle.textContent()).toBe("Ver la traducción");
    await joao.page.keyboard.press("Enter");
    await expect.poll(() => joao.page.getByTestId("fiche-heading").textContent()).toBe(machineTitle);

    // 3. Lucía opens the workspace from the workshop home and picks the machine-only title.
    await lucia.page.goto(base);
    await lucia.page.getByTestId("translate-link").click();
    await lucia.page.waitForURL(/\/translate/);
    await expect.poll(() => lucia.page.getByTestId("translate-language").inputValue()).toBe("es");
    await lucia.page.locator("#translate-state").selectOption("machine");
    const item = lucia.page.locator(`[data-testid="queue-item"][data-target-id="${fiche.id}"][data-field="${titleField}"]`);
    await item.waitFor();
    expect(await item.getAttribute("data-state")).toBe("machine");
    await item.click();
    const editor = lucia.page.getByTestId("translation-editor");
    await expect.poll(() => editor.getByTestId("translation-source").textContent()).toBe(fiche.title);
    // The machine draft is there to start from.
    const text = editor.getByTestId("translation-text");
    await expect.poll(() => text.inputValue()).toBe(machineTitle);
    const corrected = "Un plan para el agua construido en veladas ciudadanas";
    await text.fill(corrected);
    // Kept on her device as she types: a reload brings back her words, not the machine's.
    await editor.getByTestId("draft-saved").waitFor();
    await lucia.page.reload();
    await expect.poll(() => text.inputValue()).toBe(corrected);
    await editor.getByTestId("draft-saved").waitFor();
    await editor.getByTestId("translation-save").click();
    await editor.getByTestId("translation-done").waitFor();
    await editor.getByTestId("draft-saved").waitFor({ state: "detached" });
    await expect.poll(() => editor.getByTestId("translation-status").textContent()).toBe("Traducido por Lucía Fernández");
    // She cannot review her own work: the button is for a second translator.
    expect(await editor.getByTestId("translation-review").count()).toBe(0);

    // 4. João sees the correction arrive without reloading, signed by Lucía.
    await expect.poll(() => joao.page.getByTestId("fiche-heading").textContent(), { timeout: 15_000 }).toBe(corrected);
    // The title is hers, the other rows still the machine's: the note says both, once.
    await expect.poll(() => label.textContent()).toBe("Traducido por Lucía Fernández · Traducción automática (Apertium)");
    expect(await heading.getAttribute("data-kind")).toBe("human");
    await joao.page.screenshot({ path: "screenshots/fiche-translated-by-person-es-1280.png" });
    await lucia.page.screenshot({ path: "screenshots/translate-saved-es-1280.png", fullPage: true });

    expect(joao.errors).toEqual([]);
    expect(lucia.errors).toEqual([]);
  });
});
