// Edits made offline while a facilitator agreed the text: back online, the server says it
// did not take them, and the writer sees them, makes them a proposal, or discards them.
import { mkdirSync } from "node:fs";
import { describe, expect, it, onTestFailed } from "vitest";
import { moveCaretToEndOfSynthesis, skipWithoutBrowser, waitForSyncedSynthesis } from "../helpers/browser.js";
import { apiFrom, browserSession } from "../helpers/e2e.js";

const shots = "/tmp/shots";

describe.skipIf(skipWithoutBrowser())("synthesis edits the server did not take", { timeout: 180_000 }, () => {
  const session = browserSession();

  it("shows the refused passage after reconnecting to an agreed text, makes it a proposal, then discards it", async () => {
    mkdirSync(shots, { recursive: true });
    const facilitator = await session.signedIn("camille@demo.navette");
    const writer = await session.signedIn("grace@demo.navette");
    onTestFailed(async () => {
      for (const [name, tp] of Object.entries({ facilitator, writer })) {
        await tp.page.screenshot({ path: `${shots}/failed-not-taken-${name}.png`, fullPage: true }).catch(() => {});
        console.error(name, tp.errors);
      }
    });
    const api = apiFrom(facilitator.page);
    const workshops = (await api("GET", "/api/workshops")).body.workshops as { id: string; title: string }[];
    const workshopId = workshops.find((w) => w.title.startsWith("Atelier"))!.id;
    const created = await api("POST", `/api/workshops/${workshopId}/synthesis/documents`, { kind: "sequence-notes", title: "Notes to agree" });
    const documentId = created.body.document.id as string;
    const serverText = async () => JSON.stringify((await api("GET", `/api/synthesis/documents/${documentId}/content`)).body.content);

    const page = writer.page;
    await page.goto(`${session.server.url}/workshops/${workshopId}/synthesis/${documentId}`);
    await waitForSyncedSynthesis(page);
    await moveCaretToEndOfSynthesis(page);
    await page.keyboard.type("A line everyone has.");
    await expect.poll(serverText).toContain("A line everyone has.");

    await writer.context.setOffline(true);
    await page.locator('[data-testid="connection-status"][data-status="offline"]').waitFor();
    const offline = "A sentence written on the train.";
    await moveCaretToEndOfSynthesis(page);
    await page.keyboard.press("Enter");
    await page.keyboard.type(offline);
    await page.locator('[data-testid="connection-status"][data-saved-on-device="true"]').waitFor();

    // Meanwhile the facilitator agrees the text.
    expect((await api("POST", `/api/synthesis/documents/${documentId}/status`, { status: "submitted" })).status).toBe(200);
    expect((await api("POST", `/api/synthesis/documents/${documentId}/status`, { status: "agreed" })).status).toBe(200);

    await writer.context.setOffline(false);
    const notice = page.locator('[data-testid="not-taken"][data-reason="synthesis_agreed"]');
    await notice.waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="synthesis-editor"][contenteditable="false"]').waitFor();
    expect(await serverText()).not.toContain(offline);

    // What was not taken: the passage, as a diff against the agreed text and as text to reuse.
    await notice.getByTestId("not-taken-show").click();
    const inserted = notice.locator('[data-testid="diff-block"][data-change="inserted"]');
    await inserted.waitFor();
    expect(await inserted.textContent()).toContain(offline);
    expect(await notice.getByTestId("not-taken-text").inputValue()).toBe(offline);
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${shots}/synthesis-not-taken-360.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });

    // By keyboard: the passage becomes the start of a new proposal, its title field focused.
    await notice.getByTestId("not-taken-propose").focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/propose#new-proposal$/);
    const form = page.getByTestId("new-proposal-form");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("proposal-title");
    expect(await form.locator("#proposal-title").inputValue()).toBe("Changes to “Notes to agree”");
    expect(await form.locator(".ProseMirror").textContent()).toContain(offline);

    // Back at the text, the copy on this device still holds it until discarded.
    await page.goBack();
    await notice.waitFor({ timeout: 15_000 });
    await notice.getByTestId("not-taken-discard").click();
    await page.getByTestId("not-taken-discard-dialog").getByTestId("confirm-yes").click();
    await notice.waitFor({ state: "detached" });
    await waitForSyncedSynthesis(page);
    await page.getByTestId("synthesis-editor").filter({ hasText: "A line everyone has." }).waitFor();
    expect(await page.getByTestId("synthesis-editor").textContent()).not.toContain(offline);
    // The proposal's draft is the writer's to keep.
    await page.goto(`${session.server.url}/workshops/${workshopId}/propose`);
    expect(await page.getByTestId("new-proposal-form").locator(".ProseMirror").textContent()).toContain(offline);
    expect([...facilitator.errors, ...writer.errors]).toEqual([]);
  });
});
