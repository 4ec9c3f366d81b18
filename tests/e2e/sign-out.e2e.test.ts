// Shared computers: signing out deletes the synthesis copies this device keeps, after asking
// when the server has not confirmed everything in them; another account in the same browser
// never sees them.
import type { Page } from "playwright-core";
import { describe, expect, it, onTestFailed } from "vitest";
import { logIn, moveCaretToEndOfSynthesis, skipWithoutBrowser, waitForSyncedSynthesis, type TestPage } from "../helpers/browser.js";
import { apiFrom, browserSession } from "../helpers/e2e.js";

/** The names of the synthesis copies in this browser's IndexedDB. */
const deviceCopies = (page: Page) => page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name ?? "").filter((name) => name.startsWith("navette:")));

describe.skipIf(skipWithoutBrowser())("signing out on a shared computer", { timeout: 180_000 }, () => {
  const session = browserSession();

  async function signedIn(email: string): Promise<TestPage> {
    const tp = await session.signedIn(email);
    onTestFailed(async () => {
      await tp.page.screenshot({ path: `/tmp/shots/failed-sign-out-${email}.png`, fullPage: true }).catch(() => {});
      console.error(`${email}:`, tp.errors, tp.page.url());
    });
    return tp;
  }

  async function newDocument(page: Page, title: string): Promise<string> {
    const workshops = (await apiFrom(page)("GET", "/api/workshops")).body.workshops as { id: string; title: string }[];
    const workshopId = workshops.find((w) => w.title.startsWith("Atelier"))!.id;
    const created = await apiFrom(page)("POST", `/api/workshops/${workshopId}/synthesis/documents`, { kind: "sequence-notes", title });
    expect(created.status).toBe(201);
    return `/workshops/${workshopId}/synthesis/${created.body.document.id as string}`;
  }

  /** A new document, open and live. */
  async function openNewDocument(page: Page, title: string): Promise<string> {
    const path = await newDocument(page, title);
    await page.goto(`${session.server.url}${path}`);
    await waitForSyncedSynthesis(page);
    return path;
  }

  async function write(page: Page, text: string) {
    await moveCaretToEndOfSynthesis(page);
    await page.keyboard.type(text);
    await page.getByTestId("synthesis-editor").filter({ hasText: text }).waitFor();
  }

  /** Typed while the server is out of reach: done once the page says it is all on this device (closing the page before could lose the last keys). */
  async function writeOffline(page: Page, text: string) {
    await write(page, text);
    await page.locator('[data-testid="connection-status"][data-saved-on-device="true"]').waitFor();
  }

  async function serverHas(page: Page, path: string, text: string) {
    const content = async () => JSON.stringify((await apiFrom(page)("GET", `/api/synthesis/documents/${path.split("/").pop()}/content`)).body.content);
    await expect.poll(content).toContain(text);
  }

  async function signOutWithoutQuestion(page: Page) {
    await page.getByTestId("log-out").click();
    await page.waitForURL(/\/login$/);
    expect(await page.getByTestId("confirm-sign-out").isVisible()).toBe(false);
  }

  it("deletes this account's copies when the server has everything in them", async () => {
    const { page, errors } = await signedIn("camille@demo.navette");
    const path = await openNewDocument(page, "Notes d'un ordinateur partagé");
    await write(page, "Écrit sur un ordinateur de la médiathèque.");
    await serverHas(page, path, "Écrit sur un ordinateur de la médiathèque.");
    expect(await deviceCopies(page)).toHaveLength(1);

    await signOutWithoutQuestion(page);
    await expect.poll(() => deviceCopies(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("asks first when a copy holds changes the server has not received, and keeps them on Cancel", async () => {
    const { page, context, errors } = await signedIn("camille@demo.navette");
    const path = await openNewDocument(page, "Notes écrites hors ligne, puis envoyées");
    await context.setOffline(true);
    await page.locator('[data-testid="connection-status"][data-status="offline"]').waitFor();
    await writeOffline(page, "Pas encore envoyé au serveur.");

    await page.getByTestId("log-out").click();
    const question = page.getByTestId("confirm-sign-out");
    await question.waitFor();
    await page.screenshot({ path: "/tmp/shots/sign-out-unsent-1280.png" });
    // The question starts on Cancel: one Enter never deletes unsent work.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("confirm-no");
    await page.keyboard.press("Enter");
    await question.waitFor({ state: "hidden" });
    await page.getByTestId("current-user").waitFor();
    expect(await deviceCopies(page)).toHaveLength(1);

    // Back online the copy is sent, and signing out has nothing left to ask.
    await context.setOffline(false);
    await page.locator('[data-testid="connection-status"][data-status="live"]').waitFor();
    await serverHas(page, path, "Pas encore envoyé au serveur.");
    await signOutWithoutQuestion(page);
    await expect.poll(() => deviceCopies(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("deletes unsent changes too once the person confirms", async () => {
    const { page, errors } = await signedIn("camille@demo.navette");
    const path = await newDocument(page, "Notes jamais envoyées");
    // The synthesis server is out of reach (the rest of the site answers): edits stay on the device.
    let serverAway = true;
    await page.routeWebSocket(/\/yjs\//, (socket) => {
      if (!serverAway) socket.connectToServer();
    });
    await page.goto(`${session.server.url}${path}`);
    await page.locator('[data-testid="synthesis-editor"][contenteditable="true"]').waitFor();
    await writeOffline(page, "Ce texte ne quittera jamais cet ordinateur.");

    await page.getByTestId("log-out").click();
    const question = page.getByTestId("confirm-sign-out");
    await question.waitFor();
    await question.getByTestId("confirm-yes").click();
    await page.waitForURL(/\/login$/);
    await expect.poll(() => deviceCopies(page)).toEqual([]);
    serverAway = false;

    await logIn(page, session.server.url, "camille@demo.navette");
    await page.goto(`${session.server.url}${path}`);
    await waitForSyncedSynthesis(page);
    expect(await page.getByTestId("synthesis-editor").textContent()).not.toContain("Ce texte ne quittera jamais");
    expect(errors).toEqual([]);
  });

  it("never shows one account's copy to the next account in the same browser", async () => {
    const { page, context, errors } = await signedIn("camille@demo.navette");
    const path = await openNewDocument(page, "Notes de deux personnes sur un ordinateur");
    await context.setOffline(true);
    await page.locator('[data-testid="connection-status"][data-status="offline"]').waitFor();
    const camilles = "Brouillon de Camille, resté sur l'ordinateur.";
    await writeOffline(page, camilles);
    // Camille's session ends without signing out (it expired, the browser was closed): her copy stays.
    await context.clearCookies();
    await context.setOffline(false);

    await logIn(page, session.server.url, "grace@demo.navette");
    await page.goto(`${session.server.url}${path}`);
    await waitForSyncedSynthesis(page);
    await write(page, "Grace writes here.");
    await serverHas(page, path, "Grace writes here.");
    expect(await page.getByTestId("synthesis-editor").textContent()).not.toContain(camilles);
    expect(await deviceCopies(page)).toHaveLength(2);
    // Grace's sign-out deletes her copy only.
    await signOutWithoutQuestion(page);
    await expect.poll(() => deviceCopies(page)).toHaveLength(1);

    // Camille finds her lines again, and the server gets them.
    await logIn(page, session.server.url, "camille@demo.navette");
    await page.goto(`${session.server.url}${path}`);
    await waitForSyncedSynthesis(page);
    await page.getByTestId("synthesis-editor").filter({ hasText: camilles }).waitFor();
    await serverHas(page, path, camilles);
    expect(errors).toEqual([]);
  });
});
