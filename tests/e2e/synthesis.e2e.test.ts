// Two people co-edit the demo workshop's synthesis from two browsers: each sees
// the other's sentence, and both appear among the people in the document.
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import {
  ensureClientBuilt,
  launchBrowser,
  logIn,
  moveCaretToEndOfSynthesis,
  newPage,
  openDemoSynthesis,
  skipWithoutBrowser,
} from "../helpers/browser.js";
import { startServer, type TestServer } from "../helpers/server.js";

async function typeAtEndOfSynthesis(page: Page, sentence: string) {
  await moveCaretToEndOfSynthesis(page);
  await page.keyboard.press("Enter");
  await page.keyboard.type(sentence);
}

function synthesisContaining(page: Page, text: string) {
  return page.getByTestId("synthesis-editor").filter({ hasText: text });
}

// Browsers are slow on a busy two-core machine: allow more than the default minute.
describe.skipIf(skipWithoutBrowser())("the synthesis in two browsers", { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync("screenshots", { recursive: true });
    await ensureClientBuilt();
    server = await startServer({ demo: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close({ wipe: true });
  });

  it("shows each person's typing to the other, and both in the document", async () => {
    const a = await newPage(browser);
    const b = await newPage(browser);
    onTestFailed(async () => {
      // Leave evidence: what each browser showed, and what it complained about.
      await a.page.screenshot({ path: "screenshots/failed-synthesis-a.png", fullPage: true }).catch(() => {});
      await b.page.screenshot({ path: "screenshots/failed-synthesis-b.png", fullPage: true }).catch(() => {});
      console.error("browser A errors:", a.errors, "\nbrowser B errors:", b.errors);
    });
    const camille = await logIn(a.page, server.url, "camille@demo.navette");
    const joao = await logIn(b.page, server.url, "joao@demo.navette");
    expect(camille).toMatch(/Camille/);
    expect(joao).toMatch(/João/);

    await openDemoSynthesis(a.page);
    const fromCamille = "Les soirées citoyennes ont fait émerger un plan commun pour l'eau.";
    await typeAtEndOfSynthesis(a.page, fromCamille);
    await synthesisContaining(a.page, fromCamille).waitFor();

    await openDemoSynthesis(b.page);
    await synthesisContaining(b.page, fromCamille).waitFor();

    const fromJoao = "Los grupos de empleadores comparten empleos estables.";
    await typeAtEndOfSynthesis(b.page, fromJoao);
    await synthesisContaining(a.page, fromJoao).waitFor();
    await synthesisContaining(b.page, fromCamille).waitFor();

    for (const page of [a.page, b.page]) {
      for (const name of [camille, joao]) {
        await page.getByTestId("document-people").filter({ hasText: name }).waitFor();
      }
    }

    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it("acts at the caret the keyboard moved, even before the browser reports the move (a busy computer's late selectionchange)", async () => {
    const { context, page, errors } = await newPage(browser);
    await logIn(page, server.url, "camille@demo.navette");
    await openDemoSynthesis(page);
    const editor = page.getByTestId("synthesis-editor");
    await editor.locator("li").first().waitFor();
    const firstHeading = (await editor.locator("h2").first().textContent()) ?? "";
    const blocksBefore = await editor.locator(":scope > *").count();
    // On a loaded machine Chrome delivered selectionchange after the next key: hold it back entirely.
    await page.evaluate(() => window.addEventListener("selectionchange", (event) => event.stopImmediatePropagation(), true));
    await editor.focus();
    await page.keyboard.press("Control+End");
    await page.keyboard.press("Enter");
    await page.locator(".tool-heading").click();
    await page.keyboard.type("Suite à donner");
    await editor.locator("h2", { hasText: "Suite à donner" }).waitFor();
    // The new heading comes after what was there, and the first heading is as it was.
    const blocks = await editor.locator(":scope > *").allTextContents();
    expect(blocks.indexOf("Suite à donner")).toBeGreaterThanOrEqual(blocksBefore - 1);
    expect(await editor.locator("h2").first().textContent()).toBe(firstHeading);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("gives an observer a read-only editor", async () => {
    const { context, page, errors } = await newPage(browser);
    await logIn(page, server.url, "amadou@demo.navette");
    await openDemoSynthesis(page);
    await page.locator('[data-testid="synthesis-editor"][contenteditable="false"]').waitFor();
    expect(await page.locator(".toolbar").count()).toBe(0);
    await page.screenshot({ path: "screenshots/workshop-observer-1280.png", fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
