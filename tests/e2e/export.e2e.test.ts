// Exporting the demo synthesis from its page by keyboard only: the dialog opens from the
// keyboard, the choices are made with it, and the downloaded PDF is opened and read.
import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureClientBuilt, launchBrowser, logIn, newPage, openDemoSynthesis, openDemoWorkshop, skipWithoutBrowser, waitForSyncedSynthesis } from "../helpers/browser.js";
import { docxHtml, pdfText } from "../helpers/export.js";
import { startServer, type TestServer } from "../helpers/server.js";

describe.skipIf(skipWithoutBrowser())("the export dialog", { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    await ensureClientBuilt();
    server = await startServer({ demo: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close({ wipe: true });
  });

  it("exports the synthesis by keyboard, side by side as a PDF, and the download opens", async () => {
    const { page, errors } = await newPage(browser);
    await logIn(page, server.url, "camille@demo.navette");
    await openDemoSynthesis(page);
    await waitForSyncedSynthesis(page);

    const open = page.getByTestId("export-open");
    await open.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByTestId("export-dialog");
    await dialog.waitFor();
    // The first control has the focus: the format. Arrow keys move between formats.
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("export-format");
    await page.getByTestId("export-format-pdf").focus();
    await page.keyboard.press("Tab");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("export-language");
    await page.keyboard.press("Tab");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("export-second-language");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("export-pack");
    await page.keyboard.press("Tab");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("export-line-numbers");
    await page.keyboard.press("Space");
    await page.screenshot({ path: "screenshots/export-dialog.png" });
    await page.keyboard.press("Tab");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("export-submit");
    const downloading = page.waitForEvent("download");
    await page.keyboard.press("Enter");
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const text = await pdfText(readFileSync((await download.path())!));
    expect(text).toContain("BROUILLON");
    expect(text).toMatch(/\bEN\b/);
    // The dialog closes and focus returns to the button that opened it.
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("export-open");
    expect(errors).toEqual([]);
  });

  it("fits a 360 px screen and exports the workshop pack as a Word file from the workshop page", async () => {
    const { page } = await newPage(browser, { width: 360 });
    await logIn(page, server.url, "grace@demo.navette");
    await openDemoWorkshop(page);
    await page.getByTestId("synthesis-card").getByTestId("export-open").click();
    await page.getByTestId("export-format-docx").check();
    await page.getByTestId("export-pack").selectOption("participants");
    await page.screenshot({ path: "screenshots/export-dialog-360.png" });
    const width = await page.getByTestId("export-dialog").evaluate((el) => el.getBoundingClientRect().right);
    expect(width).toBeLessThanOrEqual(360);
    const downloading = page.waitForEvent("download");
    await page.getByTestId("export-submit").click();
    const html = await docxHtml(readFileSync((await (await downloading).path())!));
    expect(html).toMatch(/<h[1-4]>/);
    expect(html).toContain("DRAFT");
    // The demo's fiches consented to participants come after the synthesis.
    expect(html).toContain("Fiches navettes");
  });
});
