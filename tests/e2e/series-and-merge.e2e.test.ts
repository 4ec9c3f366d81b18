// A facilitator links workshops into a series from the workshop page, and marks a
// proposal merged into the synthesis at the passage that took it in.
import { describe, expect, it } from "vitest";
import { skipWithoutBrowser } from "../helpers/browser.js";
import { apiFrom, browserSession } from "../helpers/e2e.js";

describe.skipIf(skipWithoutBrowser())("series and merged proposals", { timeout: 120_000 }, () => {
  const session = browserSession();

  it("starts a series from one workshop, adds another to it, and takes one out", async () => {
    const { page, errors } = await session.signedIn("camille@demo.navette");
    const api = apiFrom(page);
    const first = (await api("POST", "/api/workshops", { title: "Étape de Lille", languages: ["fr"] })).body.workshop.id;
    const second = (await api("POST", "/api/workshops", { title: "Étape de Gênes", languages: ["fr", "en"] })).body.workshop.id;

    await page.goto(`${session.server.url}/workshops/${first}`);
    const card = page.getByTestId("series-card");
    await card.locator("#series-new-title").fill("Démarche du littoral");
    await card.locator("#series-new-title").press("Enter");
    await card.locator(".series-stages li", { hasText: "Étape de Lille" }).waitFor();
    await card.locator("strong", { hasText: "Démarche du littoral" }).waitFor();

    await page.goto(`${session.server.url}/workshops/${second}`);
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
    expect((await api("GET", `/api/workshops/${second}`)).body.workshop.series).toBeNull();
    expect(errors).toEqual([]);
  });

  it("marks a proposal merged at a passage of the synthesis, which then names it as its source", async () => {
    const { page, errors } = await session.signedIn("camille@demo.navette");
    const api = apiFrom(page);
    const workshopId = (await api("GET", "/api/workshops")).body.workshops.find((w: { title: string }) => w.title.startsWith("Atelier")).id;
    const proposal = (await api("GET", `/api/workshops/${workshopId}/proposals?limit=10`)).body.items.find((p: { title: string }) => p.title.startsWith("Share"));

    await page.goto(`${session.server.url}/workshops/${workshopId}/propose/${proposal.id}`);
    await page.locator("#proposal-status").selectOption("merged");
    const passage = page.locator("#proposal-passage");
    await passage.locator("option").nth(1).waitFor({ state: "attached" });
    const chosen = await passage.locator("option").nth(1).getAttribute("value");
    await passage.selectOption(chosen!);
    await page.locator("#proposal-reason").fill("Repris dans la synthèse, section Europe");
    await page.locator("#proposal-reason").press("Enter");
    await page.locator('[data-testid="proposal-status"].status-merged').waitFor();
    // The proposal now shows the passage that took it in.
    await page.getByTestId("cited-in").getByTestId("cited-in-link").waitFor();

    const [, blockId] = chosen!.split("/");
    const citing = await api("GET", `/api/workshops/${workshopId}/synthesis/citations?kind=proposal&targetId=${proposal.id}`);
    expect(citing.body.passages).toMatchObject([{ blockId, via: "merged", documentKind: "main" }]);
    expect(errors).toEqual([]);
  });
});
