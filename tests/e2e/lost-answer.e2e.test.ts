// The venue's wifi loses the answer to a reply after the server stored it: the page sends
// the reply again with the same Idempotency-Key, and the thread holds it once.
import { describe, expect, it, onTestFailed } from "vitest";
import { skipWithoutBrowser } from "../helpers/browser.js";
import { apiFrom, browserSession } from "../helpers/e2e.js";

describe.skipIf(skipWithoutBrowser())("an answer lost on the way", { timeout: 120_000 }, () => {
  const session = browserSession();

  it("posts a reply once when the server's answer never reaches the page", async () => {
    const { page, errors } = await session.signedIn("joao@demo.navette");
    onTestFailed(async () => {
      await page.screenshot({ path: "screenshots/failed-lost-answer.png", fullPage: true }).catch(() => {});
      console.error(errors);
    });
    const api = apiFrom(page);
    const { workshops } = (await api<{ workshops: { id: string; title: string }[] }>("GET", "/api/workshops")).body;
    const workshopId = workshops.find((w) => w.title.startsWith("Atelier"))!.id;
    const thread = (await api<{ items: { id: string }[] }>("GET", `/api/workshops/${workshopId}/threads`)).body.items[0]!;
    const postsPath = `/api/workshops/${workshopId}/threads/${thread.id}/posts`;
    await page.goto(`${session.server.url}/workshops/${workshopId}/debate/threads/${thread.id}`);
    await page.locator('[data-testid="live-status"][data-status="joined"]').waitFor({ state: "attached" });

    // The first copy reaches the server, which stores the reply; its answer is then cut off.
    const keys: string[] = [];
    await page.route(`**${postsPath}`, async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      keys.push((await route.request().headerValue("idempotency-key")) ?? "");
      if (keys.length > 1) return route.continue();
      await route.fetch();
      await route.abort("connectionreset");
    });
    const text = "Una sola vez, aunque la respuesta se pierda.";
    const answer = page.getByTestId("post-form-answer");
    await answer.locator(".rich-field-text").click();
    await page.keyboard.type(text);
    await answer.locator("button[type=submit]").click();

    // The reply shows at once (the room hears of it); the form empties once its own answer came.
    await page.getByTestId("posts").getByText(text).waitFor({ timeout: 15_000 });
    await expect.poll(() => answer.locator(".rich-field-text").textContent(), { timeout: 15_000 }).not.toContain(text);
    expect(await answer.locator("[data-code]").count()).toBe(0);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    const stored = (await api<{ items: { body: unknown }[] }>("GET", `${postsPath}?limit=100`)).body.items.filter((p) => JSON.stringify(p.body).includes(text));
    expect(stored).toHaveLength(1);
    expect(await page.getByTestId("posts").getByText(text).count()).toBe(1);
    // The browser reports the cut connection itself; nothing else went wrong on the page.
    expect(errors.filter((e) => !e.includes("ERR_CONNECTION_RESET"))).toEqual([]);
  });
});
