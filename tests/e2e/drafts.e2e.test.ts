// Long texts are kept on the device while they are written: a debate answer, an observer's
// feedback and an amendment come back after a reload, say when they were saved, are gone once sent, and signing out
// asks about them before deleting them.
import type { Page } from "playwright-core";
import { describe, expect, it, onTestFailed } from "vitest";
import { skipWithoutBrowser, type TestPage } from "../helpers/browser.js";
import { apiFrom, browserSession } from "../helpers/e2e.js";

const joined = (page: Page) => page.locator('[data-testid="live-status"][data-status="joined"]').waitFor({ state: "attached" });
const drafts = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("navette-draft:")));

describe.skipIf(skipWithoutBrowser())("drafts kept on the device", { timeout: 180_000 }, () => {
  const session = browserSession();

  async function signedIn(email: string): Promise<TestPage & { base: string }> {
    const tp = await session.signedIn(email);
    onTestFailed(async () => {
      await tp.page.screenshot({ path: `/tmp/shots/failed-drafts-${email}.png`, fullPage: true }).catch(() => {});
      console.error(`${email}:`, tp.errors);
    });
    const { workshops } = (await apiFrom(tp.page)<{ workshops: { id: string; title: string }[] }>("GET", "/api/workshops")).body;
    return { ...tp, base: `${session.server.url}/workshops/${workshops.find((w) => w.title.startsWith("Atelier"))!.id}` };
  }

  it("keeps a debate answer through a reload, says when it was saved, and forgets it once sent", async () => {
    const { page, base, errors } = await signedIn("joao@demo.navette");
    const workshopId = base.split("/").pop()!;
    const thread = (await apiFrom(page)<{ items: { id: string }[] }>("GET", `/api/workshops/${workshopId}/threads`)).body.items[0]!;
    await page.goto(`${base}/debate/threads/${thread.id}`);
    await joined(page);
    const answer = page.getByTestId("post-form-answer");
    await answer.locator(".rich-field-text").click();
    const text = "Hace falta un presupuesto plurianual para los consejos.";
    await page.keyboard.type(text);
    await answer.getByTestId("draft-saved").waitFor();
    await answer.screenshot({ path: "/tmp/shots/draft-answer-1280.png" });

    await page.reload();
    await joined(page);
    await answer.locator(".rich-field-text", { hasText: text }).waitFor();
    await answer.getByTestId("draft-saved").waitFor();

    await answer.locator("button[type=submit]").click();
    await page.getByTestId("posts").getByText(text).waitFor();
    await answer.getByTestId("draft-saved").waitFor({ state: "detached" });
    expect(await drafts(page)).toEqual([]);
    await page.reload();
    await joined(page);
    expect(await answer.locator(".rich-field-text").textContent()).not.toContain(text);
    expect(errors).toEqual([]);
  });

  it("keeps an observer's feedback on a fiche through a reload", async () => {
    const { page, base, errors } = await signedIn("amadou@demo.navette");
    const workshopId = base.split("/").pop()!;
    const fiche = (await apiFrom(page)<{ items: { id: string }[] }>("GET", `/api/workshops/${workshopId}/fiches?status=submitted`)).body.items[0]!;
    await page.goto(`${base}/illustrate/fiches/${fiche.id}`);
    await joined(page);
    const feedback = page.getByTestId("observer-feedback");
    await feedback.locator(".rich-field-text").click();
    await page.keyboard.type("Retour OBC : préciser qui finance.");
    await feedback.getByTestId("draft-saved").waitFor();

    await page.reload();
    await joined(page);
    await feedback.locator(".rich-field-text", { hasText: "préciser qui finance" }).waitFor();
    expect(errors).toEqual([]);
  });

  it("reopens an amendment being written after a reload, and signing out asks before deleting it", async () => {
    const { page, base, errors } = await signedIn("grace@demo.navette");
    const workshopId = base.split("/").pop()!;
    const { items } = (await apiFrom(page)<{ items: { id: string; status: string }[] }>("GET", `/api/workshops/${workshopId}/proposals`)).body;
    await page.goto(`${base}/propose/${items.find((p) => p.status === "open")!.id}`);
    await joined(page);
    await page.getByTestId("suggest-amendment").click();
    const amendment = page.getByTestId("amendment-form");
    await amendment.locator("#amendment-rationale").fill("Clearer for small associations.");
    await amendment.getByTestId("draft-saved").waitFor();

    await page.reload();
    await joined(page);
    await expect.poll(() => amendment.locator("#amendment-rationale").inputValue()).toBe("Clearer for small associations.");

    await page.getByTestId("log-out").click();
    const question = page.getByTestId("confirm-sign-out");
    await question.waitFor();
    expect(await question.textContent()).toMatch(/1 form draft/);
    await question.getByTestId("confirm-yes").click();
    await page.waitForURL(/\/login$/);
    expect(await drafts(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
