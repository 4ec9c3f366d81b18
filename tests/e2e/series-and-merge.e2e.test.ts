// A facilitator links workshops into a series from the workshop page, and marks a
// proposal merged into the synthesis at the passage that took it in.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureClientBuilt, launchBrowser, logIn, newPage, skipWithoutBrowser } from "../helpers/browser.js";
import { startServer, type TestServer } from "../helpers/server.js";

/** Calls the API with the page's session, as the app itself does. */
function apiFrom(page: Page) {
  return <T = any>(method: string, path: string, body?: unknown): Promise<T> =>
    page.evaluate(
      async ({ method, path, body }) => {
        const response = await fetch(path, { method, credentials: "same-origin", headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
        return response.json();
      },
      { method, path, body },
    );
}

describe.skipIf(skipWithoutBrowser())("series and merged proposals", { timeout: 120_000 }, () => {
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

  it("starts a series from one workshop, adds another to it, and takes one out", async () => {
    const { context, page, errors } = await newPage(browser);
    await logIn(page, server.url, "camille@demo.navette");
    const api = apiFrom(page);
    const first = (await api("POST", "/api/workshops", { title: "Étape de Lille", languages: ["fr"] })).workshop.id;
    const second = (await api("POST", "/api/workshops", { title: "Étape de Gênes", languages: ["fr", "en"] })).workshop.id;

    await page.goto(`${server.url}/workshops/${first}`);
    const card = page.getByTestId("series-card");
    await card.locator("#series-new-title").fill("Démarche du littoral");
    await card.locator("#series-new-title").press("Enter");
    await card.locator(".series-stages li", { hasText: "Étape de Lille" }).waitFor();
    await card.locator("strong", { hasText: "Démarche du littoral" }).waitFor();

    await page.goto(`${server.url}/workshops/${second}`);
    // Keyboard only: choose the series in the select, then submit.
    await card.locator("#series-join").focus();
    await card.locator("#series-join").selectOption({ label: "Démarche du littoral" });
    await card.getByTestId("series-join-submit").press("Enter");
    await card.locator(".series-stages li").nth(1).waitFor();
    expect(await card.locator(".series-stages li").allTextContents()).toEqual(["Étape de Lille", "Étape de Gênes"]);
    await card.getByRole("link", { name: "Étape de Lille" }).waitFor();

    page.once("dialog", (dialog) => void dialog.accept());
    await card.getByTestId("series-leave").click();
    await card.locator("#series-new-title").waitFor();
    expect((await api("GET", `/api/workshops/${second}`)).workshop.series).toBeNull();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("marks a proposal merged at a passage of the synthesis, which then names it as its source", async () => {
    const { context, page, errors } = await newPage(browser);
    await logIn(page, server.url, "camille@demo.navette");
    const api = apiFrom(page);
    const workshopId = (await api("GET", "/api/workshops")).workshops.find((w: { title: string }) => w.title.startsWith("Atelier")).id;
    const proposal = (await api("GET", `/api/workshops/${workshopId}/proposals?limit=10`)).items.find((p: { title: string }) => p.title.startsWith("Share"));

    await page.goto(`${server.url}/workshops/${workshopId}/propose/${proposal.id}`);
    await page.locator("#proposal-status").selectOption("merged");
    const passage = page.locator("#proposal-passage");
    await passage.locator("option").nth(1).waitFor({ state: "attached" });
    const chosen = await passage.locator("option").nth(1).getAttribute("value");
    await passage.selectOption(chosen!);
    await page.locator("#proposal-reason").fill("Repris dans la synthèse, section Europe");
    await page.locator("#proposal-reason").press("Enter");
    await page.locator('[data-testid="proposal-status"].status-merged').waitFor();

    const [, blockId] = chosen!.split("/");
    const citing = await api("GET", `/api/workshops/${workshopId}/synthesis/citations?kind=proposal&targetId=${proposal.id}`);
    expect(citing.passages).toMatchObject([{ blockId, via: "merged", documentKind: "main" }]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
