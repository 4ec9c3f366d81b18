// Creating and editing a workshop through its form, reading grid included.
import { describe, expect, it } from "vitest";
import type { Workshop } from "../../shared/schemas/workshops.js";
import { skipWithoutBrowser } from "../helpers/browser.js";
import { browserSession } from "../helpers/e2e.js";

// Browsers are slow on a busy two-core machine: allow more than the default minute.
describe.skipIf(skipWithoutBrowser())("the workshop form", { timeout: 120_000 }, () => {
  const session = browserSession();

  it("creates a workshop, then edits its grid while keeping the ids of reworded questions", async () => {
    const { context, page, errors } = await session.signedIn("grace@demo.navette");

    const form = page.locator(".create-workshop form");
    await form.getByLabel(/^Title$/).fill("Stage de Mulhouse");
    await form.getByLabel(/^Theme$/).fill("Illustrate, debate, propose");
    await form.getByLabel("Español").check();
    await form.getByLabel("Reading grid").fill("What economy did the action create?\nWhat lessons for the future?");
    await form.locator("button[type=submit]").click();

    await page.waitForURL(/\/workshops\/[^/]+$/);
    await page.getByTestId("open-synthesis").waitFor();
    await page.locator("h1", { hasText: "Stage de Mulhouse" }).waitFor();
    expect(await page.locator(".grid-questions li").allTextContents()).toEqual([
      "What economy did the action create?",
      "What lessons for the future?",
    ]);
    const workshopId = new URL(page.url()).pathname.split("/").pop()!;
    const gridNow = () =>
      page.evaluate(async (id) => {
        const response = await fetch(`/api/workshops/${id}`, { credentials: "same-origin" });
        return ((await response.json()) as { workshop: Workshop }).workshop.readingGrid.questions;
      }, workshopId);
    const before = await gridNow();

    await page.locator(".page-head .actions button").click();
    await page.locator("form.workshop-form").getByLabel("Reading grid").fill("What economy did the action create, or could it create?\nWhat lessons for the future?\nWhich cooperations did it rely on?");
    await page.locator("form.workshop-form button[type=submit]").click();
    await page.locator(".grid-questions li").nth(2).waitFor();

    const after = await gridNow();
    expect(after.map((q) => q.id).slice(0, 2)).toEqual(before.map((q) => q.id));
    expect(before.map((q) => q.id)).not.toContain(after[2]!.id);
    expect(errors).toEqual([]);
    await context.close();
  });
});
