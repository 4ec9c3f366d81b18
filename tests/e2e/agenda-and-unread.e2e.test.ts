// A facilitator runs the programme from the workshop home (a participant's open page
// follows it live, refusals are shown in the facilitator's language), and a member's
// unread counts for illustrate and propose go down once they open those pages.
import { readFileSync } from "node:fs";
import { describe, expect, it, onTestFailed } from "vitest";
import { richTextFromPlain } from "../../shared/richtext.js";
import { openDemoWorkshop, skipWithoutBrowser } from "../helpers/browser.js";
import { TestUser } from "../helpers/clients.js";
import { browserSession } from "../helpers/e2e.js";

const french = JSON.parse(readFileSync("locales/fr/sequences.json", "utf8")) as { agenda: { form: { endsBeforeStart: string } } };

describe.skipIf(skipWithoutBrowser())("the programme and unread counts, in the browser", { timeout: 180_000 }, () => {
  const session = browserSession();
  const signedIn = (email: string, width = 1280) => session.signedIn(email, { width });

  it("a facilitator adds a slot, refused first because it ends before it starts; a participant's open page shows it live", async () => {
    const facilitator = await signedIn("camille@demo.navette");
    const participant = await signedIn("grace@demo.navette");
    onTestFailed(async () => {
      for (const [name, tp] of Object.entries({ facilitator, participant })) {
        await tp.page.screenshot({ path: `screenshots/failed-agenda-${name}.png`, fullPage: true }).catch(() => {});
        console.error(name, tp.errors);
      }
    });
    await openDemoWorkshop(participant.page);
    await participant.page.getByTestId("agenda-slot").first().waitFor();
    // Members who do not facilitate get no agenda buttons.
    expect(await participant.page.getByTestId("agenda-add").count()).toBe(0);
    await openDemoWorkshop(facilitator.page);

    // Keyboard only: the add button, then the form (its first field takes the focus).
    await facilitator.page.getByTestId("agenda-add").focus();
    await facilitator.page.keyboard.press("Enter");
    const form = facilitator.page.getByTestId("agenda-form");
    await form.waitFor();
    expect(await facilitator.page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("startsAt");
    await form.locator('[name="startsAt"]').fill("2007-12-14T16:00");
    await form.locator('[name="endsAt"]').fill("2007-12-14T15:00");
    await form.locator('[name="title"]').fill("Restitution des ateliers");
    await form.locator('[name="place"]').fill("Salle du conseil, Poitiers");
    await form.locator('[name="presenters"]').fill("Hélène Marchand\nAmadou Diallo");
    await form.locator('[name="framingQuestions"]').fill("Que retenir pour l'étape suivante ?");
    await form.locator('[name="sequence"]').selectOption("propose");
    await form.locator("button[type=submit]").click();

    const endError = form.getByTestId("agenda-ends-error");
    await endError.waitFor();
    expect(await endError.textContent()).toBe(french.agenda.form.endsBeforeStart);
    expect(await form.locator('[name="endsAt"]').getAttribute("aria-invalid")).toBe("true");

    await form.locator('[name="endsAt"]').fill("2007-12-14T17:30");
    await form.locator('[name="endsAt"]').press("Enter");
    await form.waitFor({ state: "detached" });

    // The participant sees it arrive, at the meeting's wall-clock time and with its sequence.
    const arrived = participant.page.getByTestId("agenda-slot").filter({ hasText: "Restitution des ateliers" });
    await arrived.waitFor({ timeout: 15_000 });
    // Grace reads in English: 4:00 PM, the time typed in Poitiers, whatever the browser's zone.
    expect(await arrived.locator(".agenda-time").textContent()).toMatch(/^0?4:00\s?PM–0?5:30\s?PM$/);
    expect(await arrived.textContent()).toContain("Hélène Marchand, Amadou Diallo");
    expect(await arrived.textContent()).toContain("Que retenir pour l'étape suivante ?");

    // Editing keeps the times as they were typed; the change reaches the participant too.
    const mine = facilitator.page.getByTestId("agenda-slot").filter({ hasText: "Restitution des ateliers" });
    await mine.getByTestId("agenda-edit").click();
    const editForm = facilitator.page.getByTestId("agenda-form");
    expect(await editForm.locator('[name="startsAt"]').inputValue()).toBe("2007-12-14T16:00");
    await editForm.locator('[name="place"]').fill("Hôtel de région");
    await editForm.locator("button[type=submit]").click();
    await participant.page.getByTestId("agenda-slot").filter({ hasText: "Hôtel de région" }).waitFor({ timeout: 15_000 });

    // Removing asks first, then the slot leaves both pages.
    await facilitator.page.getByTestId("agenda-slot").filter({ hasText: "Restitution des ateliers" }).getByTestId("agenda-delete").click();
    await facilitator.page.getByTestId("agenda-delete-confirm").click();
    // Each page learns it on its own path (the reply to the facilitator, the event to the participant).
    await arrived.waitFor({ state: "detached", timeout: 15_000 });
    await facilitator.page.getByTestId("agenda-slot").filter({ hasText: "Restitution des ateliers" }).waitFor({ state: "detached", timeout: 15_000 });

    for (const tp of [facilitator, participant]) expect(tp.errors).toEqual([]);
  });

  it("the unread badges of illustrate and propose go down once the member opens those pages, and stay down while they watch", async () => {
    const reader = await signedIn("grace@demo.navette", 360);
    onTestFailed(async () => {
      await reader.page.screenshot({ path: "screenshots/failed-unread-reader.png", fullPage: true }).catch(() => {});
      console.error(reader.errors);
    });
    const host = await new TestUser(session.server, "helene@demo.navette", "navette-demo").login();
    const { workshops } = (await host.get("/api/workshops")).body as { workshops: { id: string; title: string }[] };
    const workshopId = workshops.find((w) => w.title.startsWith("Atelier"))!.id;
    const base = `/api/workshops/${workshopId}`;
    // Something new in each sequence, written by someone else.
    const fiche = (await host.post(`${base}/fiches`, { rows: { title: "Épicerie solidaire de Châtellerault" } })).body.fiche;
    expect((await host.post(`${base}/fiches/${fiche.id}/status`, { status: "submitted" })).status).toBe(200);
    expect((await host.post(`${base}/proposals`, { title: "Un fonds commun pour les GE", body: richTextFromPlain("Mutualiser le risque.") })).status).toBe(201);

    await reader.page.goto(`${session.server.url}/workshops/${workshopId}`);
    const illustrateBadge = reader.page.getByTestId("unread-illustrate");
    const proposeBadge = reader.page.getByTestId("unread-propose");
    await illustrateBadge.waitFor();
    await proposeBadge.waitFor();

    await reader.page.locator('a[data-sequence="illustrate"]').click();
    await reader.page.getByTestId("fiche-item").first().waitFor();
    // The process pages' sequence bar has its counts once the propose badge shows again.
    await proposeBadge.waitFor();
    await expect.poll(() => illustrateBadge.count(), { timeout: 15_000 }).toBe(0);
    expect(await proposeBadge.count()).toBe(1);

    await reader.page.locator('a[data-sequence="propose"]').click();
    await reader.page.getByTestId("proposal-item").first().waitFor();
    await proposeBadge.waitFor({ state: "detached", timeout: 15_000 });

    // A proposal written while the reader is on the page appears there, so it is read too.
    await host.post(`${base}/proposals`, { title: "Former les élus ensemble", body: richTextFromPlain("Des formations croisées.") });
    await reader.page.getByTestId("proposal-item").filter({ hasText: "Former les élus ensemble" }).waitFor({ timeout: 15_000 });
    // The page marks it read half a second after showing it, and the badge may come back for that
    // moment (its counts reload on the same event): the server's counts say when it is done.
    const counts = () => reader.page.evaluate(async (url) => ((await (await fetch(url, { credentials: "same-origin" })).json()) as { sequences: unknown }).sequences, `${base}/unread`);
    await expect.poll(counts, { timeout: 15_000 }).toMatchObject({ illustrate: 0, propose: 0 });
    await expect.poll(() => proposeBadge.count(), { timeout: 15_000 }).toBe(0);
    expect(reader.errors).toEqual([]);
  });
});
