// Keyboard only: log in, open the workshop and its synthesis, write and format in it,
// and leave the editor again, without touching the mouse.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import {
  demoPassword,
  ensureClientBuilt,
  launchBrowser,
  newPage,
  skipWithoutBrowser,
  waitForCaretAtEndOfSynthesis,
  waitForSyncedSynthesis,
} from "../helpers/browser.js";
import { startServer, type TestServer } from "../helpers/server.js";

/** Presses Tab until the focused element matches `selector`; fails if it never does. */
async function tabTo(page: Page, selector: string, maxPresses = 60) {
  for (let press = 0; press < maxPresses; press++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${selector}`);
}

const focusedMatches = (page: Page, selector: string) => page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);

// Browsers are slow on a busy two-core machine: allow more than the default minute.
describe.skipIf(skipWithoutBrowser())("the app by keyboard", { timeout: 120_000 }, () => {
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

  it("lets someone log in, write a formatted line and leave the editor with keys alone", async () => {
    const { context, page, errors } = await newPage(browser);
    onTestFailed(async () => {
      await page.screenshot({ path: "screenshots/failed-keyboard.png", fullPage: true }).catch(() => {});
      const editorHtml = await page.getByTestId("synthesis-editor").innerHTML().catch(() => "");
      console.error("browser errors:", errors, "\nsynthesis HTML:", editorHtml.slice(-600));
    });
    await page.goto(`${server.url}/login`);
    await page.locator("#login-email").waitFor();

    // The skip link comes first and lands on the main content.
    await page.keyboard.press("Tab");
    expect(await focusedMatches(page, "a.skip-link")).toBe(true);

    await tabTo(page, "#login-email");
    await page.keyboard.type("helene@demo.navette");
    await page.keyboard.press("Tab");
    await page.keyboard.type(demoPassword);
    await page.keyboard.press("Enter");
    await page.getByTestId("current-user").waitFor();

    await tabTo(page, ".workshop-card a");
    await page.keyboard.press("Enter");
    await page.getByTestId("open-synthesis").waitFor();
    await tabTo(page, '[data-testid="open-synthesis"]');
    await page.keyboard.press("Enter");
    await waitForSyncedSynthesis(page);

    // The toolbar is one Tab stop; arrows move inside it; Enter presses a button.
    await tabTo(page, ".toolbar button");
    expect(await focusedMatches(page, ".tool-bold")).toBe(true);
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    expect(await focusedMatches(page, ".tool-heading")).toBe(true);

    await page.keyboard.press("Tab");
    expect(await focusedMatches(page, '[data-testid="synthesis-editor"]')).toBe(true);
    await page.keyboard.press("Control+End");
    await waitForCaretAtEndOfSynthesis(page);
    await page.keyboard.press("Enter");
    await page.keyboard.type("Pistes pour la suite");
    await page.getByTestId("synthesis-editor").locator("p", { hasText: "Pistes pour la suite" }).waitFor();
    await page.keyboard.press("Shift+Home");
    await page.keyboard.press("Shift+Tab");
    expect(await focusedMatches(page, ".tool-heading")).toBe(true);
    await page.keyboard.press("Enter");
    await page.getByTestId("synthesis-editor").locator("h2", { hasText: "Pistes pour la suite" }).waitFor();

    // Esc leaves the editor; the next Tab goes on to the rest of the page.
    expect(await focusedMatches(page, '[data-testid="synthesis-editor"]')).toBe(true);
    await page.keyboard.press("Escape");
    // At once, not on the next animation frame: the very next key already goes elsewhere.
    expect(await focusedMatches(page, '[data-testid="synthesis-editor"]')).toBe(false);

    expect(errors).toEqual([]);
    await context.close();
  });
});
