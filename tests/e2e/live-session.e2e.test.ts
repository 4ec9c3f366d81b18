// A live session in Chromium: the facilitator drives from the console; a Spanish-speaking
// participant's page follows in Spanish, votes, asks for the floor by keyboard, browses away
// and returns to live; a projector page opened with the facilitator's link and no account shows
// the item in English and Spanish. Screenshots of the three at 1280 and 360 px.
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { richTextFromPlain } from "../../shared/richtext.js";
import type { Workshop } from "../../shared/schemas/workshops.js";
import { skipWithoutBrowser, type TestPage } from "../helpers/browser.js";
import { apiFrom, browserSession } from "../helpers/e2e.js";

const shots = "screenshots";

async function capture(page: Page, name: string) {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe.skipIf(skipWithoutBrowser())("a live session: the facilitator drives, a participant's screen follows in Spanish", { timeout: 180_000 }, () => {
  const session = browserSession({ demo: true, config: { translationProvider: "none" } });
  const pages: Record<string, TestPage> = {};
  beforeAll(() => mkdirSync(shots, { recursive: true }));

  it("shows the item, the timer and the poll on the participant's page, takes its vote and its raised hand, and brings it back to live", async () => {
    onTestFailed(async () => {
      for (const [name, tp] of Object.entries(pages)) {
        await tp.page.screenshot({ path: `${shots}/failed-live-${name}.png`, fullPage: true }).catch(() => {});
        console.error(name, tp.errors);
      }
    });
    const facilitator = (pages.facilitator = await session.signedIn("camille@demo.navette"));
    const participant = (pages.participant = await session.signedIn("joao@demo.navette"));
    const translator = (pages.translator = await session.signedIn("lucia@demo.navette"));
    const { workshops } = (await apiFrom(facilitator.page)<{ workshops: Workshop[] }>("GET", "/api/workshops")).body;
    const workshop = workshops.find((w) => w.title.startsWith("Atelier"))!;
    const proposal = (await apiFrom(facilitator.page)<{ items: { id: string; title: string }[] }>("GET", `/api/workshops/${workshop.id}/proposals`)).body.items[0]!;
    // A translator's Spanish title: the participant reads the item in Spanish, labelled as a translation.
    const spanishTitle = "Un fondo local para las agrupaciones de empleadores";
    const written = await apiFrom(translator.page)("PUT", `/api/workshops/${workshop.id}/translations/proposal/${proposal.id}/title/es`, { text: spanishTitle });
    expect(written.status).toBe(200);

    const live = `${session.server.url}/workshops/${workshop.id}/live`;
    await facilitator.page.goto(live);
    await participant.page.goto(live);
    await participant.page.locator('[data-testid="live-session"][data-status="none"]').waitFor();
    await facilitator.page.getByTestId("live-start").click();
    await participant.page.locator('[data-testid="live-session"][data-status="running"]').waitFor();
    await expect.poll(() => participant.page.locator("h1#live-title").textContent()).toBe("Sesión en directo");

    // The facilitator shows a proposal in the propose sequence and starts the sequence's timer.
    await facilitator.page.getByTestId("live-item-select").selectOption(`proposal/${proposal.id}`);
    await facilitator.page.getByTestId("live-sequence-select").selectOption("propose");
    await facilitator.page.getByTestId("live-show").click();
    const title = participant.page.locator('[data-testid="live-item"] [data-field="title"]');
    await expect.poll(() => title.textContent()).toBe(spanishTitle);
    expect(await title.getAttribute("data-shown")).toBe("translation");
    await facilitator.page.getByTestId("timer-sequence-start").click();
    await participant.page.locator('[data-testid="timer-sequence"][data-running="true"]').waitFor();

    // Pinned, it stays in view under its title, which the participant reads in Spanish.
    await facilitator.page.getByTestId("live-pin").click();
    const pinnedTitle = participant.page.locator(`[data-testid="live-pinned"] a[href$="/propose/${proposal.id}"]`);
    await expect.poll(() => pinnedTitle.textContent()).toContain(spanishTitle);

    // A poll with hidden results: the participant votes and sees no counts; the facilitator does.
    await facilitator.page.getByTestId("poll-question").fill("¿Retenemos esta propuesta?");
    await facilitator.page.getByTestId("poll-results").selectOption("hidden");
    await facilitator.page.getByTestId("poll-open").click();
    await participant.page.getByTestId("live-poll").waitFor();
    await participant.page.getByTestId("vote-agree").click();
    await participant.page.locator('[data-testid="vote-agree"][aria-pressed="true"]').waitFor();
    await facilitator.page.locator('[data-testid="count-agree"][data-count="1"]').waitFor();
    expect(await participant.page.locator('[data-testid^="count-"]').count()).toBe(0);

    // The facilitator takes a note; the participant's page shows it.
    await facilitator.page.getByTestId("note-text").fill("Le groupe veut un guide commun.");
    await facilitator.page.getByTestId("note-add").click();
    await expect.poll(() => participant.page.getByTestId("live-notes").textContent()).toContain("Le groupe veut un guide commun.");

    // A thread opened meanwhile reaches the live feed.
    const opened = await apiFrom(facilitator.page)("POST", `/api/workshops/${workshop.id}/threads`, { title: "Qui porte le fonds ?", body: richTextFromPlain("Une question pour la salle.") });
    expect(opened.status).toBe(201);
    await expect.poll(() => participant.page.getByTestId("live-feed").textContent()).toContain("Qui porte le fonds ?");
    // So does a new proposal, under its kind and author.
    const proposed = await apiFrom(facilitator.page)("POST", `/api/workshops/${workshop.id}/proposals`, { title: "Un guide commun des groupements", body: richTextFromPlain("Rédiger le guide ensemble.") });
    expect(proposed.status).toBe(201);
    await expect.poll(() => participant.page.locator('[data-testid="live-feed"] li[data-kind="proposal"]').textContent()).toContain("Un guide commun des groupements");

    // Asking for the floor with the keyboard; the queue shows my place.
    await participant.page.getByTestId("raise-hand").focus();
    await participant.page.keyboard.press("Enter");
    await expect.poll(() => participant.page.getByTestId("live-my-place").textContent()).toContain("1");
    await facilitator.page.locator(`[data-testid="live-queue"] li`).first().waitFor();

    // The room's screen opens with the facilitator's link, no account, both languages side by side.
    await facilitator.page.getByTestId("projector-first").selectOption("en");
    await facilitator.page.getByTestId("projector-second").selectOption("es");
    await facilitator.page.getByTestId("projector-issue").click();
    const link = await facilitator.page.getByTestId("projector-link").inputValue();
    const projector = (pages.projector = await session.page());
    await projector.page.goto(link);
    const screenTitles = projector.page.locator('[data-testid="projector-texts"] h1');
    await expect.poll(() => screenTitles.allTextContents()).toEqual([proposal.title, spanishTitle]);
    await projector.page.locator('[data-testid="projector-timer-sequence"][data-running="true"]').waitFor();
    await capture(projector.page, "live-projector");

    await capture(facilitator.page, "live-console");
    await capture(participant.page, "live-participant");

    // Browsing away, then back to live.
    await participant.page.goto(`${session.server.url}/workshops/${workshop.id}/propose`);
    await participant.page.getByTestId("return-to-live").click();
    await participant.page.waitForURL(live);
    await expect.poll(() => title.textContent()).toBe(spanishTitle);

    // Closing the poll shows everyone the results.
    await facilitator.page.getByTestId("poll-close").click();
    await participant.page.locator('[data-testid="count-agree"][data-count="1"]').waitFor();
    // Mine is still shown as mine, after all the room's updates since.
    expect(await participant.page.getByTestId("vote-agree").getAttribute("aria-pressed")).toBe("true");
    await capture(participant.page, "live-participant-closed-poll");
    // A passage of the synthesis on every screen: the participant reads its text, the projector shows it too.
    const passageOption = facilitator.page.locator('[data-testid="live-item-select"] option[value^="synthesisPassage/"]', { hasText: "reconnaissance" });
    await passageOption.waitFor({ state: "attached" });
    await facilitator.page.getByTestId("live-item-select").selectOption((await passageOption.getAttribute("value"))!);
    await facilitator.page.getByTestId("live-show").click();
    const passage = participant.page.locator('[data-testid="live-item"][data-kind="synthesisPassage"]');
    await expect.poll(() => passage.textContent()).toContain("manquent pourtant de reconnaissance");
    expect(await passage.locator("a").last().getAttribute("href")).toMatch(/\/synthesis\/[^/#]+#block-/);
    await expect.poll(() => screenTitles.first().textContent()).toContain("manquent pourtant de reconnaissance");

    // Revoking the link closes the room's screen.
    await facilitator.page.getByTestId("projector-revoke").click();
    await projector.page.locator('[data-testid="projector"][data-status="closed"]').waitFor();

    // The facilitator ends the session; its minutes read in Spanish for the participant, and download as a file.
    await facilitator.page.getByTestId("live-end").click();
    await participant.page.locator('[data-testid="live-session"][data-status="none"]').waitFor();
    const minutesLink = participant.page.getByTestId("minutes-link").first();
    await minutesLink.waitFor();
    await minutesLink.click();
    const minutes = participant.page.getByTestId("minutes");
    await minutes.waitFor();
    await expect.poll(() => minutes.getByTestId("minutes-items").textContent()).toContain(spanishTitle);
    expect(await minutes.getByTestId("minutes-note").first().textContent()).toContain("Le groupe veut un guide commun.");
    expect(await minutes.locator('[data-testid="minutes-poll"] li[data-option="agree"]').getAttribute("data-count")).toBe("1");
    const file = await minutes.getByTestId("minutes-file").getAttribute("href");
    expect(file).toMatch(/\/minutes\/export\?format=pdf&lang=es$/);
    const fetched = await participant.page.evaluate(async (href) => {
      const response = await fetch(href!);
      return { status: response.status, type: response.headers.get("content-type"), size: (await response.arrayBuffer()).byteLength };
    }, file);
    expect(fetched).toMatchObject({ status: 200, type: "application/pdf" });
    expect(fetched.size).toBeGreaterThan(1000);
    await capture(participant.page, "live-minutes");

    expect(participant.errors).toEqual([]);
    expect(facilitator.errors).toEqual([]);
  });
});
