// Closing a sequence in a live meeting: the facilitator confirms, told how many forms and
// drafts it cuts; participants' open forms turn read-only at once, keeping what they typed,
// and editable again on reopening. Agreeing a synthesis shows its translation progress per
// working language and asks for an explicit acknowledgement when one is not fully human.
import { mkdirSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it, onTestFailed } from "vitest";
import type { SequenceClosing } from "../../shared/schemas/contributions.js";
import type { SynthesisTranslations } from "../../shared/schemas/translations.js";
import type { Workshop } from "../../shared/schemas/workshops.js";
import { openDemoSynthesis, skipWithoutBrowser, type TestPage } from "../helpers/browser.js";
import { apiFrom, browserSession } from "../helpers/e2e.js";

const shots = "screenshots";

/** A dialog is shot as the screen shows it; a page whole. */
async function capture(page: Page, name: string, { fullPage = true } = {}) {
  await page.evaluate(() => document.fonts.ready);
  const width = page.viewportSize()!.width;
  await page.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0);
}

async function demoWorkshop(page: Page): Promise<Workshop> {
  const { workshops } = (await apiFrom(page)<{ workshops: Workshop[] }>("GET", "/api/workshops")).body;
  return workshops.find((w) => w.title.startsWith("Atelier"))!;
}

const joined = (page: Page) => page.locator('[data-testid="live-status"][data-status="joined"]').waitFor({ state: "attached" });

/**
 * A rich-text field's editor takes the lock in an effect, a render after the notice and the
 * disabled fieldset show (RichTextField): wait for it rather than read it once.
 */
const expectEditable = (field: Locator, editable: boolean) => expect.poll(() => field.getAttribute("contenteditable"), { timeout: 15_000 }).toBe(String(editable));

describe.skipIf(skipWithoutBrowser())("closing a sequence and agreeing a synthesis, with eyes open", { timeout: 180_000 }, () => {
  const session = browserSession({ demo: true, config: { translationProvider: "none" } });
  const { signedIn } = session;
  const pages: Record<string, TestPage> = {};
  beforeAll(() => mkdirSync(shots, { recursive: true }));
  /** Call first in each test: on failure, each page's screenshot and errors are left behind. */
  const leaveEvidence = () =>
    onTestFailed(async () => {
      for (const [name, tp] of Object.entries(pages)) {
        await tp.page.screenshot({ path: `${shots}/failed-closing-${name}.png`, fullPage: true }).catch(() => {});
        console.error(name, tp.errors);
      }
    });

  it("a participant's open proposal form turns read-only when the facilitator closes the sequence, keeps the text, and sends it once reopened", async () => {
    leaveEvidence();
    const facilitator = (pages.facilitator = await signedIn("camille@demo.navette"));
    const participant = (pages.participant = await signedIn("joao@demo.navette"));
    const phone = (pages.phone = await signedIn("grace@demo.navette", { width: 360 }));
    const workshop = await demoWorkshop(facilitator.page);
    const base = `${session.server.url}/workshops/${workshop.id}`;
    const closingOf = async (kind: string) => (await apiFrom(facilitator.page)<SequenceClosing>("GET", `/api/workshops/${workshop.id}/sequences/${kind}/closing`)).body;

    // The participant starts a proposal on the propose page.
    await participant.page.goto(`${base}/propose`);
    await joined(participant.page);
    const form = participant.page.getByTestId("new-proposal-form");
    const title = "Un fonds local pour les groupements d'employeurs";
    await form.locator("#proposal-title").fill(title);
    const body = form.locator(".rich-field-text");
    await body.click();
    await participant.page.keyboard.type("Mutualiser les emplois entre associations du territoire.");

    // On a phone, another participant opens a proposal and starts an amendment.
    const { items } = (await apiFrom(phone.page)<{ items: { id: string; status: string }[] }>("GET", `/api/workshops/${workshop.id}/proposals`)).body;
    await phone.page.goto(`${base}/propose/${items.find((p) => p.status === "open")!.id}`);
    await joined(phone.page);
    await phone.page.getByTestId("suggest-amendment").click();
    const amendment = phone.page.getByTestId("amendment-form");
    await amendment.locator("#amendment-rationale").fill("Plus concret pour les petites structures.");

    // Both tabs have told the room they hold unsent text in propose.
    await expect.poll(async () => (await closingOf("propose")).openForms, { timeout: 15_000 }).toBe(2);

    // The facilitator asks to close propose from the workshop's home: a dialog says what it cuts.
    await facilitator.page.goto(base);
    const toggle = facilitator.page.getByTestId("sequence-toggle-propose");
    await toggle.click();
    const dialog = facilitator.page.getByTestId("confirm-close-sequence");
    await dialog.getByTestId("closing-open-forms").waitFor();
    expect(await dialog.getByTestId("closing-open-forms").getAttribute("data-count")).toBe("2");
    expect(await dialog.getByTestId("closing-open-forms").textContent()).toContain("(2 personnes)"); // Camille reads in French
    // Focus starts on Cancel and stays inside the modal dialog; Escape cancels, nothing closes.
    expect(await facilitator.page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("confirm-no");
    await facilitator.page.keyboard.press("Shift+Tab");
    expect(await facilitator.page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("confirm-yes");
    await capture(facilitator.page, "sequence-close-dialog", { fullPage: false });
    await facilitator.page.keyboard.press("Escape");
    await dialog.locator(".dialog-title").waitFor({ state: "detached" });
    expect(await facilitator.page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("sequence-toggle-propose");
    expect(await facilitator.page.locator('.sequence-tab[data-sequence="propose"]').getAttribute("data-status")).toBe("open");

    // Asked again, by keyboard this time, the facilitator confirms.
    await facilitator.page.keyboard.press("Enter");
    await dialog.getByTestId("confirm-yes").click();
    await facilitator.page.locator('.sequence-tab[data-sequence="propose"][data-status="closed"]').waitFor();

    // The participant's form turns read-only at once, the typed text kept.
    await form.getByTestId("sequence-form-locked").waitFor();
    expect(await form.locator("#proposal-title").isDisabled()).toBe(true);
    expect(await form.locator("#proposal-title").inputValue()).toBe(title);
    await expectEditable(body, false);
    expect(await body.textContent()).toContain("Mutualiser les emplois");
    expect(await form.locator("button[type=submit]").isDisabled()).toBe(true);
    await participant.page.getByTestId("sequence-banner").waitFor();
    expect(await participant.page.locator('[data-testid="support-button"]:not([disabled])').count()).toBe(0);
    await capture(participant.page, "sequence-closed-form");

    // So does the amendment on the phone, and its Support button.
    await amendment.getByTestId("sequence-form-locked").waitFor();
    expect(await amendment.locator("#amendment-rationale").inputValue()).toBe("Plus concret pour les petites structures.");
    expect(await amendment.locator("#amendment-rationale").isDisabled()).toBe(true);
    expect(await phone.page.getByTestId("support-button").isDisabled()).toBe(true);
    await capture(phone.page, "sequence-closed-form");

    // Reopened (no confirmation needed), the form is editable again and sends what was kept.
    await facilitator.page.getByTestId("sequence-toggle-propose").click();
    await form.getByTestId("sequence-form-locked").waitFor({ state: "detached" });
    await expectEditable(body, true);
    // The phone learns of the reopening from its own event, not from the participant's page.
    await amendment.getByTestId("sequence-form-locked").waitFor({ state: "detached" });
    expect(await phone.page.getByTestId("support-button").isDisabled()).toBe(false);
    await form.locator("button[type=submit]").click();
    await participant.page.waitForURL(/\/propose\/[^/]+$/);
    await participant.page.locator("#proposal-title", { hasText: title }).waitFor();

    expect([...facilitator.errors, ...participant.errors, ...phone.errors]).toEqual([]);
  });

  it("a debate answer and an observer's feedback keep their text, read-only, while their sequences are closed", async () => {
    leaveEvidence();
    const facilitator = (pages.facilitator = await signedIn("camille@demo.navette"));
    const participant = (pages.participant = await signedIn("joao@demo.navette"));
    const observer = (pages.observer = await signedIn("amadou@demo.navette"));
    const workshop = await demoWorkshop(facilitator.page);
    const base = `${session.server.url}/workshops/${workshop.id}`;
    const api = apiFrom(facilitator.page);
    const setSequence = async (kind: string, status: string) => expect((await api("PATCH", `/api/workshops/${workshop.id}/sequences/${kind}`, { status })).status).toBe(200);

    const thread = (await api<{ items: { id: string }[] }>("GET", `/api/workshops/${workshop.id}/threads`)).body.items[0]!;
    await participant.page.goto(`${base}/debate/threads/${thread.id}`);
    await joined(participant.page);
    const answer = participant.page.getByTestId("post-form-answer");
    await answer.locator(".rich-field-text").click();
    await participant.page.keyboard.type("Les conseils de développement ont besoin de moyens propres.");

    const fiche = (await api<{ items: { id: string; status: string }[] }>("GET", `/api/workshops/${workshop.id}/fiches?status=submitted`)).body.items[0]!;
    await observer.page.goto(`${base}/illustrate/fiches/${fiche.id}`);
    await joined(observer.page);
    const feedback = observer.page.getByTestId("observer-feedback");
    await feedback.locator(".rich-field-text").click();
    await observer.page.keyboard.type("Retour OBC : préciser qui finance.");

    await setSequence("debate", "closed");
    await setSequence("illustrate", "closed");
    for (const [form, text] of [
      [answer, "moyens propres"],
      [feedback, "qui finance"],
    ] as const) {
      await form.getByTestId("sequence-form-locked").waitFor();
      await expectEditable(form.locator(".rich-field-text"), false);
      expect(await form.locator(".rich-field-text").textContent()).toContain(text);
      expect(await form.locator("button[type=submit]").isDisabled()).toBe(true);
    }

    await setSequence("debate", "open");
    await setSequence("illustrate", "open");
    await answer.getByTestId("sequence-form-locked").waitFor({ state: "detached" });
    await feedback.getByTestId("sequence-form-locked").waitFor({ state: "detached" });
    await feedback.locator("button[type=submit]").click();
    await feedback.locator(".entry", { hasText: "qui finance" }).waitFor();
    expect([...facilitator.errors, ...participant.errors, ...observer.errors]).toEqual([]);
  });

  it("counts the draft fiches closing illustrate would leave unfinished", async () => {
    leaveEvidence();
    const facilitator = (pages.facilitator = await signedIn("camille@demo.navette", { width: 360 }));
    const workshop = await demoWorkshop(facilitator.page);
    const api = apiFrom(facilitator.page);
    await api("POST", `/api/workshops/${workshop.id}/fiches`, { rows: { title: "Brouillon à finir" } });
    const expected = (await api<SequenceClosing>("GET", `/api/workshops/${workshop.id}/sequences/illustrate/closing`)).body.drafts;
    expect(expected).toBeGreaterThan(0);

    await facilitator.page.goto(`${session.server.url}/workshops/${workshop.id}`);
    await facilitator.page.getByTestId("sequence-toggle-illustrate").click();
    const dialog = facilitator.page.getByTestId("confirm-close-sequence");
    await dialog.getByTestId("closing-drafts").waitFor();
    expect(await dialog.getByTestId("closing-drafts").getAttribute("data-count")).toBe(String(expected));
    await capture(facilitator.page, "sequence-close-dialog", { fullPage: false });
    await dialog.getByTestId("confirm-no").click();
    expect(await facilitator.page.locator('.sequence-tab[data-sequence="illustrate"]').getAttribute("data-status")).toBe("open");
    expect(facilitator.errors).toEqual([]);
  });

  it("the agree dialog shows translation progress per working language and asks to acknowledge what people have not translated", async () => {
    leaveEvidence();
    const facilitator = (pages.facilitator = await signedIn("camille@demo.navette"));
    await openDemoSynthesis(facilitator.page);
    const documentId = facilitator.page.url().split("/synthesis/")[1]!.split(/[/?#]/)[0]!;
    const workshop = await demoWorkshop(facilitator.page);
    // One passage translated into Spanish by a person: the dialog counts it.
    const api = apiFrom(facilitator.page);
    const inSpanish = (await api<SynthesisTranslations>("GET", `/api/workshops/${workshop.id}/synthesis/documents/${documentId}/translations?language=es`)).body;
    const block = inSpanish.blocks[0]!;
    const written = await api("PUT", `/api/workshops/${workshop.id}/translations/synthesis/${documentId}/${block.field}/es`, { text: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Constataciones" }] }] } });
    expect(written.status).toBe(200);
    const { progress } = (await api<SynthesisTranslations>("GET", `/api/workshops/${workshop.id}/synthesis/documents/${documentId}/translations?language=fr`)).body;
    expect(progress.some((p) => p.progress < 1)).toBe(true);
    const spanish = progress.find((p) => p.language === "es")!;
    expect(spanish).toMatchObject({ draft: 1, missing: spanish.total - 1 });

    await facilitator.page.getByTestId("status-to-submitted").click();
    await facilitator.page.getByTestId("status-to-agreed").click();
    const dialog = facilitator.page.getByTestId("confirm-agreed");
    const list = dialog.getByTestId("agree-progress");
    await list.waitFor();
    expect(await list.locator("li").evaluateAll((items) => items.map((li) => li.getAttribute("data-language")))).toEqual(progress.map((p) => p.language));
    // Each language's bar stands where people's translations are: Spanish one passage along, English none.
    const bar = (language: string) => list.locator(`li[data-language="${language}"] progress`);
    expect(await bar("es").getAttribute("value")).toBe(String(Math.round((1 / spanish.total) * 100)));
    expect(await bar("en").getAttribute("value")).toBe("0");
    await dialog.getByTestId("agree-incomplete").waitFor();
    const yes = dialog.getByTestId("confirm-yes");
    expect(await yes.isDisabled()).toBe(true);
    await capture(facilitator.page, "agree-dialog", { fullPage: false });
    await facilitator.page.setViewportSize({ width: 360, height: 800 });
    await capture(facilitator.page, "agree-dialog", { fullPage: false });
    // On a phone the dialog scrolls within itself down to its buttons.
    await yes.scrollIntoViewIfNeeded();
    expect(await yes.isVisible()).toBe(true);
    await capture(facilitator.page, "agree-dialog-end", { fullPage: false });
    await facilitator.page.setViewportSize({ width: 1280, height: 800 });

    // Escape cancels: the text stays submitted.
    await facilitator.page.keyboard.press("Escape");
    await dialog.locator(".dialog-title").waitFor({ state: "detached" });
    expect(await facilitator.page.getByTestId("status-panel").locator("[data-testid=document-status]").getAttribute("data-status")).toBe("submitted");

    // Asked again, the acknowledgement starts unticked; ticking it lets the facilitator agree.
    await facilitator.page.getByTestId("status-to-agreed").click();
    const accept = dialog.getByTestId("agree-accept-translations");
    await accept.waitFor();
    expect(await accept.isChecked()).toBe(false);
    expect(await yes.isDisabled()).toBe(true);
    await accept.check();
    await yes.click();
    await facilitator.page.getByTestId("status-panel").locator('[data-testid="document-status"][data-status="agreed"]').waitFor();
    expect(facilitator.errors).toEqual([]);
  });
});
