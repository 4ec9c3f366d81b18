// Screenshots of every page at desktop and phone width, saved to screenshots/
// for a human to look at; also checks that nothing overflows a 360 px screen.
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import {
  ensureClientBuilt,
  launchBrowser,
  logIn,
  moveCaretToEndOfSynthesis,
  newPage,
  openDemoWorkshop,
  waitForSyncedSynthesis,
  skipWithoutBrowser,
} from "../helpers/browser.js";
import { startServer, type TestServer } from "../helpers/server.js";

const widths = [1280, 360] as const;

async function capture(page: Page, name: string, width: number) {
  // Let web fonts and layout settle before measuring.
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `screenshots/${name}-${width}.png`, fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0);
}

// Browsers are slow on a busy two-core machine: allow more than the default minute.
describe.skipIf(skipWithoutBrowser())("screenshots of every page", { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let invitationPath = "";

  beforeAll(async () => {
    mkdirSync("screenshots", { recursive: true });
    await ensureClientBuilt();
    server = await startServer({ demo: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close({ wipe: true });
  });

  for (const width of widths) {
    it(`pages for signed-out visitors at ${width}px`, async () => {
      const { context, page, errors } = await newPage(browser, { width, locale: "en-GB" });
      await page.goto(`${server.url}/login`);
      await page.locator("#login-email").waitFor();
      await capture(page, "login", width);

      // Keyboard users first meet the skip link.
      await page.keyboard.press("Tab");
      await capture(page, "login-skip-link-focused", width);

      await page.goto(`${server.url}/register`);
      await page.locator("#register-email").waitFor();
      await capture(page, "register", width);

      // A wrong password shows a translated error.
      await page.goto(`${server.url}/login`);
      await page.locator("#login-email").fill("camille@demo.navette");
      await page.locator("#login-password").fill("not-the-password");
      await page.locator("form button[type=submit]").click();
      await page.getByRole("alert").waitFor();
      await capture(page, "login-error", width);

      await page.goto(`${server.url}/nowhere`);
      await page.locator("h1").waitFor();
      await capture(page, "not-found", width);
      expect(errors).toEqual([]);
      await context.close();
    });

    it(`a facilitator's pages at ${width}px`, async () => {
      const { context, page, errors } = await newPage(browser, { width });
      onTestFailed(async () => {
        await page.screenshot({ path: `screenshots/failed-facilitator-${width}.png`, fullPage: true }).catch(() => {});
        console.error(`browser errors at ${width}px:`, errors);
      });
      await logIn(page, server.url, "camille@demo.navette");
      await page.locator(".workshop-card").first().waitFor();
      await capture(page, "my-workshops", width);

      await openDemoWorkshop(page);
      await page.getByTestId("presence-list").locator("li").first().waitFor();
      await capture(page, "workshop", width);

      // The programme's form, refused once (the slot ends before it starts), then put away.
      await page.getByTestId("agenda-add").click();
      const agendaForm = page.getByTestId("agenda-form");
      await agendaForm.locator('[name="startsAt"]').fill("2007-12-14T16:00");
      await agendaForm.locator('[name="endsAt"]').fill("2007-12-14T15:00");
      await agendaForm.locator('[name="title"]').fill("Restitution des ateliers");
      await agendaForm.locator('[name="presenters"]').fill("Hélène Marchand\nAmadou Diallo");
      await agendaForm.locator("button[type=submit]").click();
      await agendaForm.getByTestId("agenda-ends-error").waitFor();
      await capture(page, "agenda-form", width);
      await page.getByTestId("agenda").screenshot({ path: `screenshots/agenda-form-card-${width}.png` });
      await agendaForm.locator("button[type=button]").click();
      await agendaForm.waitFor({ state: "detached" });

      await page.locator(".page-head .actions button").click();
      await page.locator("form textarea").first().waitFor();
      await capture(page, "workshop-edit", width);

      await page.locator(`a[href$="/invitations"]`).click();
      await page.locator("#invitation-role").waitFor();
      await page.locator("#invitation-role").selectOption("observer");
      await page.locator("form button[type=submit]").click();
      const link = page.locator(".invitation-card input[readonly]").first();
      await link.waitFor();
      invitationPath = new URL(await link.inputValue()).pathname;
      await capture(page, "invitations", width);
      expect(errors).toEqual([]);
      await context.close();
    });

    it(`the synthesis pages at ${width}px`, async () => {
      const { context, page, errors } = await newPage(browser, { width });
      onTestFailed(async () => {
        await page.screenshot({ path: `screenshots/failed-synthesis-${width}.png`, fullPage: true }).catch(() => {});
        console.error(`browser errors at ${width}px:`, errors);
      });
      await logIn(page, server.url, "camille@demo.navette");
      await openDemoWorkshop(page);
      await page.getByTestId("synthesis-card").screenshot({ path: `screenshots/synthesis-card-${width}.png` });

      await page.getByTestId("synthesis-link").click();
      await page.getByTestId("synthesis-document").first().waitFor();
      await page.getByTestId("new-document").waitFor();
      await capture(page, "synthesis-documents", width);

      await page.locator('[data-testid="synthesis-document"][data-kind="main"] a').click();
      await waitForSyncedSynthesis(page);
      await page.getByTestId("document-people").waitFor();
      await capture(page, "synthesis", width);

      // Start a heading from the toolbar, to see the focus ring and a pressed button.
      // (A block type, unlike a pending bold mark, survives concurrent updates from the server.)
      const editor = page.getByTestId("synthesis-editor");
      await editor.locator("li").first().waitFor();
      await moveCaretToEndOfSynthesis(page);
      await page.keyboard.press("Enter");
      await page.locator(".tool-heading").click();
      await page.keyboard.type(`Proposition ${width}`);
      await editor.locator("h2", { hasText: `Proposition ${width}` }).waitFor();
      await page.locator('.tool-heading[aria-pressed="true"]').waitFor();
      await page.locator(".synthesis-editor").screenshot({ path: `screenshots/synthesis-editor-${width}.png` });

      // A named version, then a change, then the comparison of the two.
      await page.locator("#version-name").fill(`Avant la restitution (${width})`);
      await page.locator("#version-name").press("Enter");
      const named = page.getByTestId("version").filter({ hasText: `Avant la restitution (${width})` });
      await named.waitFor();
      await moveCaretToEndOfSynthesis(page);
      await page.keyboard.press("Enter");
      await page.keyboard.type("Les conseils de développement demandent un mandat écrit et un budget pluriannuel.");
      // Compare once the server has the new sentence.
      const documentId = new URL(page.url()).pathname.split("/").pop()!;
      await page.waitForFunction(
        async (id) => (await (await fetch(`/api/synthesis/documents/${id}/content`)).text()).includes("budget pluriannuel"),
        documentId,
        { polling: 200 },
      );
      await named.getByTestId("version-compare").click();
      await page.getByTestId("diff-view").locator("ins").first().waitFor();
      await capture(page, "synthesis-diff", width);
      await page.getByTestId("diff-view").screenshot({ path: `screenshots/synthesis-diff-view-${width}.png` });

      await page.getByTestId("cite-button").click();
      await page.locator('[data-testid="cite-result"]').first().waitFor();
      await capture(page, "synthesis-cite", width);
      await page.keyboard.press("Escape");
      await page.getByTestId("cite-query").waitFor({ state: "detached" });
      expect(errors).toEqual([]);
      await context.close();
    });

    it(`the workshop process pages at ${width}px`, async () => {
      const { context, page, errors } = await newPage(browser, { width });
      onTestFailed(async () => {
        await page.screenshot({ path: `screenshots/failed-process-${width}.png`, fullPage: true }).catch(() => {});
        console.error(`browser errors at ${width}px:`, errors);
      });
      await logIn(page, server.url, "camille@demo.navette");
      await openDemoWorkshop(page);
      const base = page.url();

      await page.locator('a[data-sequence="illustrate"]').click();
      await page.getByTestId("fiche-item").first().waitFor();
      await capture(page, "illustrate", width);

      await page.getByTestId("fiche-item").first().locator("a").first().click();
      await page.getByTestId("fiche-heading").waitFor();
      await page.getByTestId("observer-feedback").waitFor();
      await capture(page, "fiche", width);

      await page.goto(`${page.url()}/edit`);
      await page.locator("#fiche-title").waitFor();
      await page.locator(".rich-field-text").first().waitFor();
      await capture(page, "fiche-edit", width);

      await page.goto(`${base}/debate`);
      await page.getByTestId("thread-item").first().waitFor();
      await capture(page, "debate", width);

      await page.getByTestId("thread-item").first().locator("a").first().click();
      await page.getByTestId("post").first().waitFor();
      await page.getByTestId("reply-button").first().click();
      await page.getByTestId("post-form-reply").waitFor();
      await capture(page, "thread", width);

      await page.goto(`${base}/propose`);
      await page.getByTestId("proposal-item").first().waitFor();
      await capture(page, "propose", width);

      await page.getByTestId("proposal-item").first().locator("a").first().click();
      await page.locator("#proposal-status").waitFor();
      await capture(page, "proposal", width);

      await page.goto(`${base}/search?q=conseil`);
      await page.getByTestId("search-hit").first().waitFor();
      await capture(page, "search", width);

      await page.goto(`${base}/new`);
      await page.locator("#new-title").waitFor();
      await page.locator("main .muted").first().waitFor();
      await capture(page, "new-since-last-visit", width);

      // The translator's workspace, with a field open side by side with its original.
      await page.goto(`${base}/translate`);
      await page.getByTestId("translation-progress").locator("progress").first().waitFor();
      await page.getByTestId("queue-item").first().waitFor();
      await capture(page, "translate", width);
      await page.getByTestId("translate-language").selectOption("es");
      await page.locator('[data-testid="queue-item"][data-target-kind="fiche"]').first().click();
      await page.getByTestId("translation-editor").getByTestId("translation-source").waitFor();
      await page.getByTestId("translation-editor").getByTestId("translation-text").waitFor();
      await capture(page, "translate-editor", width);
      expect(errors).toEqual([]);
      await context.close();
    });

    it(`an invitation link at ${width}px`, async () => {
      expect(invitationPath).toMatch(/^\/invite\//);
      const visitor = await newPage(browser, { width, locale: "es-ES" });
      await visitor.page.goto(server.url + invitationPath);
      await visitor.page.locator(".lead").waitFor();
      await capture(visitor.page, "invite-signed-out", width);
      expect(visitor.errors).toEqual([]);
      await visitor.context.close();

      const member = await newPage(browser, { width });
      await logIn(member.page, server.url, "grace@demo.navette");
      await member.page.goto(server.url + invitationPath);
      await member.page.locator(".lead").waitFor();
      await capture(member.page, "invite-signed-in", width);
      expect(member.errors).toEqual([]);
      await member.context.close();
    });
  }
});
