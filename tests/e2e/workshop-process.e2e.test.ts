// The workshop process end to end: a host writes a fiche through the form (autosaved,
// then submitted), an observer adds feedback, a participant debates it and supports a
// proposal, and another member sees each step arrive live, without reloading.
import type { Page } from "playwright-core";
import { describe, expect, it, onTestFailed } from "vitest";
import type { Fiche, ProposalForReader } from "../../shared/schemas/contributions.js";
import type { Workshop } from "../../shared/schemas/workshops.js";
import { skipWithoutBrowser } from "../helpers/browser.js";
import { apiFrom, browserSession } from "../helpers/e2e.js";

const apiGet = async <T,>(page: Page, path: string): Promise<T> => (await apiFrom(page)<T>("GET", path)).body;

async function typeInto(page: Page, editor: ReturnType<Page["locator"]>, text: string) {
  await editor.click();
  await page.keyboard.type(text);
}

describe.skipIf(skipWithoutBrowser())("the workshop process, live", { timeout: 180_000 }, () => {
  const session = browserSession({ demo: true, config: { translationProvider: "none" } });
  const { signedIn } = session;

  it("a fiche written, fed back, debated and a proposal supported reach another member without reload", async () => {
    const host = await signedIn("helene@demo.navette");
    const observer = await signedIn("amadou@demo.navette");
    const participant = await signedIn("joao@demo.navette");
    const watcher = await signedIn("grace@demo.navette");
    onTestFailed(async () => {
      for (const [name, tp] of Object.entries({ host, observer, participant, watcher })) {
        await tp.page.screenshot({ path: `screenshots/failed-process-${name}.png`, fullPage: true }).catch(() => {});
        console.error(name, tp.errors);
      }
    });

    const { workshops } = await apiGet<{ workshops: Workshop[] }>(host.page, "/api/workshops");
    const workshop = workshops.find((w) => w.title.startsWith("Atelier"))!;
    const base = `${session.server.url}/workshops/${workshop.id}`;
    const question = workshop.readingGrid.questions[0]!;

    // The sequences are open in the demo; check it the way a facilitator would see it.
    const sequences = await apiGet<{ sequences: { kind: string; status: string }[] }>(host.page, `/api/workshops/${workshop.id}/sequences`);
    expect(sequences.sequences.map((s) => s.status)).toEqual(["open", "open", "open"]);

    // The watcher opens the illustrate page once, and from then on only follows links.
    await watcher.page.goto(`${base}/illustrate`);
    await watcher.page.locator('[data-testid="live-status"][data-status="joined"]').waitFor({ state: "attached" });
    await watcher.page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    // 1. The host writes a fiche through the form; it saves itself as she types.
    await host.page.goto(`${base}/illustrate`);
    await host.page.getByTestId("new-fiche").click();
    await host.page.waitForURL(/\/illustrate\/fiches\/[^/]+\/edit$/);
    const ficheId = host.page.url().split("/").at(-2)!;
    const title = "Jardins partagés du quartier des Couronneries";
    await host.page.locator("#fiche-title").fill(title);
    await host.page.locator("#fiche-place").fill("Poitiers");
    await typeInto(host.page, host.page.getByTestId(`grid-answer-${question.id}`), "Des emplois aidés devenus des postes durables.");
    await host.page.locator("#fiche-kw-geographic").fill("Poitiers, Vienne");

    await expect
      .poll(async () => {
        const { fiche } = await apiGet<{ fiche: Fiche }>(host.page, `/api/workshops/${workshop.id}/fiches/${ficheId}`);
        return JSON.stringify(fiche.rows.gridAnswers[question.id] ?? null).includes("postes durables") && fiche.rows.title === title && fiche.rows.keywords.geographic.length === 2;
      }, { timeout: 15_000 })
      .toBe(true);
    await host.page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();

    await host.page.getByTestId("fiche-submit").click();
    await host.page.waitForURL(new RegExp(`/illustrate/fiches/${ficheId}$`));
    await host.page.locator('[data-testid="fiche-status"]').waitFor();

    // The watcher sees the submitted fiche appear, then opens it by its link.
    const ficheLink = watcher.page.locator(`a[href$="/illustrate/fiches/${ficheId}"]`);
    await ficheLink.waitFor({ timeout: 15_000 });
    await ficheLink.click();
    await watcher.page.getByTestId("fiche-heading").filter({ hasText: title }).waitFor();
    await watcher.page.getByText("postes durables").waitFor();

    // 2. The observer adds feedback through the form on the fiche.
    await observer.page.goto(`${base}/illustrate/fiches/${ficheId}`);
    const feedback = observer.page.getByTestId("observer-feedback");
    await typeInto(observer.page, feedback.locator(".rich-field-text"), "Comment mesurer la durabilité de ces postes ?");
    await feedback.locator("button[type=submit]").click();
    // Scoped to the entries: the editor is emptied by an effect just after the entry shows.
    await feedback.locator(".entries").getByText("Comment mesurer").waitFor();
    await watcher.page.getByTestId("observer-feedback").getByText("Comment mesurer la durabilité").waitFor({ timeout: 15_000 });

    // 3. A participant opens a thread on the fiche and replies in it.
    await participant.page.goto(`${base}/debate?ficheId=${ficheId}`);
    await participant.page.locator("#thread-title").fill("¿Qué empleos duran?");
    await participant.page.locator(`#thread-fiche option[value="${ficheId}"]`).waitFor({ state: "attached" });
    expect(await participant.page.locator("#thread-fiche").inputValue()).toBe(ficheId);
    await typeInto(participant.page, participant.page.locator("form .rich-field-text").first(), "Abro el debate sobre esta ficha.");
    await participant.page.locator("form button[type=submit]").last().click();
    await participant.page.waitForURL(/\/debate\/threads\/[^/]+$/);
    const threadId = participant.page.url().split("/").at(-1)!;

    const threadLink = watcher.page.locator(`a[href$="/debate/threads/${threadId}"]`);
    await threadLink.waitFor({ timeout: 15_000 });
    await threadLink.click();
    await watcher.page.getByTestId("post").first().waitFor();

    await participant.page.getByTestId("reply-button").first().click();
    const replyForm = participant.page.getByTestId("post-form-reply");
    await typeInto(participant.page, replyForm.locator(".rich-field-text"), "Los que nacen de una necesidad compartida.");
    await replyForm.locator('input[type=radio][value="agree"]').check();
    await replyForm.locator("button[type=submit]").click();
    await participant.page.locator(".replies [data-testid=post]").first().waitFor();

    const liveReply = watcher.page.locator(".replies [data-testid=post]", { hasText: "necesidad compartida" });
    await liveReply.waitFor({ timeout: 15_000 });
    await expect(liveReply.locator(".stance-agree").count()).resolves.toBe(1);

    // 4. The host supports a proposal; the watcher sees the count move.
    await watcher.page.locator('a[data-sequence="propose"]').click();
    await watcher.page.getByTestId("proposal-item").first().waitFor();
    const { items } = await apiGet<{ items: ProposalForReader[] }>(host.page, `/api/workshops/${workshop.id}/proposals?sort=newest`);
    const target = items.find((p) => p.status === "open" && !p.supportedByMe)!;
    const watched = watcher.page.locator(`[data-proposal-id="${target.id}"] [data-testid="support-count"]`);
    const before = await watched.textContent();

    await host.page.goto(`${base}/propose`);
    const card = host.page.locator(`[data-proposal-id="${target.id}"]`);
    await card.getByTestId("support-button").click();
    await card.locator('[data-testid="support-button"][aria-pressed="true"]').waitFor();
    await expect
      .poll(() => watched.textContent(), { timeout: 15_000 })
      .toContain(String(target.supportCount + 1));
    expect(await watched.textContent()).not.toBe(before);

    // Everything above arrived in the same document: no reload happened.
    expect(await watcher.page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    for (const tp of [host, observer, participant, watcher]) expect(tp.errors).toEqual([]);
  });
});
