// Contributions written while the connection is down (replies, threads, supports, feedback,
// amendments, fiche edits) are kept on the device, shown as not yet sent, and sent once when
// the connection returns; one the server refuses meanwhile (the debate closed) stays with its
// text and the reason; signing out asks about it first.
import { readFileSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it, onTestFailed } from "vitest";
import { skipWithoutBrowser } from "../helpers/browser.js";
import { TestUser } from "../helpers/clients.js";
import { apiFrom, browserSession } from "../helpers/e2e.js";
import { setSequences } from "../helpers/contributions.js";

const joined = (page: Page) => page.locator('[data-testid="live-status"][data-status="joined"]').waitFor({ state: "attached" });

/** The page's errors, but the browser's own report of requests made while offline. */
const besidesGoingOffline = (errors: string[]) => errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED"));

/** Types into the rich-text field within `form` once it takes text, and waits until it shows it. */
async function typeIn(form: Locator, text: string): Promise<void> {
  const field = form.locator('.rich-field-text[contenteditable="true"]');
  await field.click();
  await form.page().keyboard.type(text);
  await form.locator(".rich-field-text", { hasText: text }).waitFor();
}

// João reads in Spanish.
const spanish = JSON.parse(readFileSync("locales/es/common.json", "utf8")) as { signOut: { writes_one: string } };

describe.skipIf(skipWithoutBrowser())("contributions written offline", { timeout: 180_000 }, () => {
  const session = browserSession();

  /** A demo account over HTTP, and the demo workshop's id. */
  async function demoWorkshop(email: string): Promise<{ user: TestUser; workshopId: string }> {
    const user = await new TestUser(session.server, email, "navette-demo").login();
    const { workshops } = (await user.get("/api/workshops")).body as { workshops: { id: string; title: string }[] };
    return { user, workshopId: workshops.find((w) => w.title.startsWith("Atelier"))!.id };
  }

  it("sends a reply kept offline once the connection returns, and keeps a refused one with its reason", async () => {
    const writer = await session.signedIn("joao@demo.navette", { width: 360 });
    const { page, context, errors } = writer;
    onTestFailed(async () => {
      await page.screenshot({ path: "screenshots/failed-offline-contributions.png", fullPage: true }).catch(() => {});
      console.error(errors);
    });
    const { user: facilitator, workshopId } = await demoWorkshop("camille@demo.navette");
    const thread = (await facilitator.get(`/api/workshops/${workshopId}/threads`)).body.items[0] as { id: string };
    const postsPath = `/api/workshops/${workshopId}/threads/${thread.id}/posts?limit=100`;
    const storedWith = async (text: string) => ((await facilitator.get(postsPath)).body.items as { body: unknown }[]).filter((p) => JSON.stringify(p.body).includes(text)).length;
    await page.goto(`${session.server.url}/workshops/${workshopId}/debate/threads/${thread.id}`);
    await joined(page);
    const answer = page.getByTestId("post-form-answer");
    const write = async (text: string) => {
      await typeIn(answer, text);
      await answer.locator("button[type=submit]").click();
    };

    await context.setOffline(true);
    const first = "Escrito en el tren, sin conexión.";
    await write(first);
    const kept = page.getByTestId("kept-write").filter({ hasText: first });
    await kept.waitFor();
    expect(await kept.getAttribute("data-state")).toBe("waiting");
    await page.screenshot({ path: "/tmp/shots/offline-reply-kept-360.png", fullPage: true });
    expect(await storedWith(first)).toBe(0);

    await context.setOffline(false);
    await kept.waitFor({ state: "detached", timeout: 20_000 });
    await page.getByTestId("posts").getByText(first).waitFor();
    expect(await storedWith(first)).toBe(1);

    // Written offline again; meanwhile the debate closes.
    await context.setOffline(true);
    const second = "Una segunda idea, también sin conexión.";
    await write(second);
    const refused = page.getByTestId("kept-write").filter({ hasText: second });
    await refused.waitFor();
    await setSequences(facilitator, workshopId, [["debate", "closed"]]);
    await context.setOffline(false);
    await page.locator('[data-testid="kept-write"][data-state="refused"]').filter({ hasText: second }).waitFor({ timeout: 20_000 });
    expect(await refused.locator('[data-code="sequence_closed"]').count()).toBe(1);
    await page.screenshot({ path: "/tmp/shots/offline-reply-refused-360.png", fullPage: true });
    expect(await storedWith(second)).toBe(0);
    expect(await storedWith(first)).toBe(1);

    // Signing out asks first, then leaves nothing of it on the device.
    await page.getByTestId("log-out").click();
    const dialog = page.getByTestId("confirm-sign-out");
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(spanish.signOut.writes_one.replace("{{count}}", "1"));
    await dialog.getByTestId("confirm-yes").click();
    await page.waitForURL(/\/login$/);
    await expect.poll(() => page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name).filter((name) => name?.startsWith("navette-outbox:")))).toEqual([]);
    expect(await apiFrom(page)("GET", "/api/me").then((r) => r.status)).toBe(401);
    await setSequences(facilitator, workshopId, [["debate", "open"]]);
    expect(besidesGoingOffline(errors)).toEqual([]);
  });

  it("sends a support given offline once the connection returns", async () => {
    const { page, context, errors } = await session.signedIn("grace@demo.navette");
    const { user: facilitator, workshopId } = await demoWorkshop("camille@demo.navette");
    const proposals = async () => (await facilitator.get(`/api/workshops/${workshopId}/proposals?limit=100`)).body.items as { id: string; title: string; supportCount: number }[];
    await page.goto(`${session.server.url}/workshops/${workshopId}/propose`);
    await joined(page);
    const unsupported = page.locator('[data-testid="proposal-item"]').filter({ has: page.locator('[data-testid="support-button"][aria-pressed="false"]:not([disabled])') }).first();
    await unsupported.waitFor();
    const proposalId = (await unsupported.getAttribute("data-proposal-id"))!;
    const item = page.locator(`[data-testid="proposal-item"][data-proposal-id="${proposalId}"]`);
    const before = (await proposals()).find((p) => p.id === proposalId)!;

    await context.setOffline(true);
    await item.getByTestId("support-button").click();
    const kept = item.getByTestId("kept-write");
    await kept.waitFor();
    expect(await kept.textContent()).toContain(before.title);
    // While it waits, the button cannot cross it with a second toggle.
    expect(await item.getByTestId("support-button").isDisabled()).toBe(true);
    expect((await proposals()).find((p) => p.id === proposalId)!.supportCount).toBe(before.supportCount);

    await context.setOffline(false);
    await kept.waitFor({ state: "detached", timeout: 20_000 });
    await expect.poll(async () => (await proposals()).find((p) => p.id === proposalId)!.supportCount, { timeout: 15_000 }).toBe(before.supportCount + 1);
    await item.getByTestId("support-count").filter({ hasText: String(before.supportCount + 1) }).waitFor();
    await item.locator('[data-testid="support-button"][aria-pressed="true"]').waitFor();
    expect(besidesGoingOffline(errors)).toEqual([]);
  });

  it("saves a fiche edited offline once the connection returns, without another keystroke", async () => {
    const { page, context, errors } = await session.signedIn("helene@demo.navette");
    const { user: host, workshopId } = await demoWorkshop("helene@demo.navette");
    const fiche = (await host.post(`/api/workshops/${workshopId}/fiches`, { rows: { title: "Recyclerie de Chauvigny" } })).body.fiche as { id: string };
    const placeOf = async () => ((await host.get(`/api/workshops/${workshopId}/fiches/${fiche.id}`)).body.fiche as { rows: Record<string, unknown> }).rows;
    await page.goto(`${session.server.url}/workshops/${workshopId}/illustrate/fiches/${fiche.id}/edit`);
    await joined(page);
    await page.locator("#fiche-place").waitFor();

    await context.setOffline(true);
    await page.locator("#fiche-place").fill("Chauvigny, Vienne");
    await page.locator('[data-testid="save-state"][data-state="error"]').waitFor({ timeout: 15_000 });
    expect(JSON.stringify(await placeOf())).not.toContain("Chauvigny, Vienne");

    await context.setOffline(false);
    await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor({ timeout: 15_000 });
    expect(JSON.stringify(await placeOf())).toContain("Chauvigny, Vienne");
    expect(besidesGoingOffline(errors)).toEqual([]);
  });

  it("sends an observer's feedback and a participant's amendment written offline once the connection returns", async () => {
    const observer = await session.signedIn("amadou@demo.navette");
    const participant = await session.signedIn("grace@demo.navette");
    onTestFailed(async () => {
      for (const [name, tp] of Object.entries({ observer, participant })) {
        await tp.page.screenshot({ path: `screenshots/failed-offline-${name}.png`, fullPage: true }).catch(() => {});
        console.error(name, tp.errors);
      }
    });
    const { user: host, workshopId } = await demoWorkshop("helene@demo.navette");
    const base = `/api/workshops/${workshopId}`;
    const fiche = (await host.get(`${base}/fiches?status=submitted`)).body.items[0] as { id: string };
    const proposal = (await host.get(`${base}/proposals?status=open`)).body.items[0] as { id: string };
    await observer.page.goto(`${session.server.url}/workshops/${workshopId}/illustrate/fiches/${fiche.id}`);
    await participant.page.goto(`${session.server.url}/workshops/${workshopId}/propose/${proposal.id}`);
    for (const { page } of [observer, participant]) await joined(page);

    await observer.context.setOffline(true);
    await participant.context.setOffline(true);
    const feedbackText = "Combien de ces emplois tiennent au-delà de trois ans ?";
    const feedback = observer.page.getByTestId("observer-feedback");
    await typeIn(feedback, feedbackText);
    await feedback.locator("button[type=submit]").click();
    await feedback.getByTestId("kept-write").filter({ hasText: feedbackText }).waitFor();

    const rationale = "Dire qui décide, et quand.";
    await participant.page.getByTestId("suggest-amendment").click();
    await participant.page.locator("#amendment-rationale").fill(rationale);
    await participant.page.getByTestId("amendment-form").locator("button[type=submit]").click();
    await participant.page.getByTestId("kept-write").filter({ hasText: rationale }).waitFor();

    await observer.context.setOffline(false);
    await participant.context.setOffline(false);
    await feedback.locator(".entry").filter({ hasText: feedbackText }).waitFor({ timeout: 20_000 });
    await participant.page.getByTestId("kept-write").waitFor({ state: "detached", timeout: 20_000 });
    const amendments = (await host.get(`${base}/proposals/${proposal.id}/amendments?limit=100`)).body.items as { rationale: string }[];
    expect(amendments.filter((a) => a.rationale === rationale)).toHaveLength(1);
    const stored = (await host.get(`${base}/fiches/${fiche.id}`)).body.fiche as { observerFeedback: { body: unknown }[] };
    expect(stored.observerFeedback.filter((f) => JSON.stringify(f.body).includes(feedbackText))).toHaveLength(1);
    for (const { errors } of [observer, participant]) expect(besidesGoingOffline(errors)).toEqual([]);
  });

  it("opens a thread started offline once the connection returns", async () => {
    const { page, context, errors } = await session.signedIn("grace@demo.navette");
    const { user: host, workshopId } = await demoWorkshop("helene@demo.navette");
    await page.goto(`${session.server.url}/workshops/${workshopId}/debate`);
    await joined(page);
    const form = page.locator("form", { has: page.locator("#thread-title") });
    await form.waitFor();

    await context.setOffline(true);
    const title = "Who pays for the evening meetings?";
    await page.locator("#thread-title").fill(title);
    await typeIn(form, "Volunteers cannot carry the cost forever.");
    await form.locator("button[type=submit]").click();
    const kept = page.getByTestId("kept-write").filter({ hasText: title });
    await kept.waitFor();
    expect(page.url()).toMatch(/\/debate$/);

    await context.setOffline(false);
    await kept.waitFor({ state: "detached", timeout: 20_000 });
    await page.getByTestId("thread-item").filter({ hasText: title }).waitFor();
    const threads = (await host.get(`/api/workshops/${workshopId}/threads`)).body.items as { title: string }[];
    expect(threads.filter((t) => t.title === title)).toHaveLength(1);
    expect(besidesGoingOffline(errors)).toEqual([]);
  });
});
