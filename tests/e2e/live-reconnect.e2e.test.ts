// A page whose live connection comes back too late to be handed what it missed (a laptop
// asleep through the break, the venue's wifi gone for minutes) loads its lists afresh.
import { describe, expect, it, onTestFailed } from "vitest";
import { richTextFromPlain } from "../../shared/richtext.js";
import { skipWithoutBrowser } from "../helpers/browser.js";
import { TestUser } from "../helpers/clients.js";
import { browserSession } from "../helpers/e2e.js";

/** Kept short here; 2 minutes by default. */
const recoveryMs = 1_000;

describe.skipIf(skipWithoutBrowser())("coming back to a workshop after a long drop", { timeout: 120_000 }, () => {
  const session = browserSession({ demo: true, config: { liveRecoveryMs: recoveryMs } });

  it("shows the proposals made while the connection was gone, once it returns", async () => {
    const reader = await session.signedIn("grace@demo.navette");
    onTestFailed(async () => {
      await reader.page.screenshot({ path: "screenshots/failed-live-reconnect.png", fullPage: true }).catch(() => {});
      console.error(reader.errors);
    });
    const host = await new TestUser(session.server, "helene@demo.navette", "navette-demo").login();
    const { workshops } = (await host.get("/api/workshops")).body as { workshops: { id: string; title: string }[] };
    const workshopId = workshops.find((w) => w.title.startsWith("Atelier"))!.id;
    await reader.page.goto(`${session.server.url}/workshops/${workshopId}/propose`);
    await reader.page.locator('[data-testid="live-status"][data-status="joined"]').waitFor({ state: "attached" });
    await reader.page.getByTestId("proposal-item").first().waitFor();

    await reader.context.setOffline(true);
    await reader.page.locator('[data-testid="live-status"][data-status="disconnected"]').waitFor({ state: "attached" });
    const title = "Une navette entre les deux rives";
    expect((await host.post(`/api/workshops/${workshopId}/proposals`, { title, body: richTextFromPlain("Relier les deux marchés.") })).status).toBe(201);
    // Away for longer than the server keeps what a connection missed.
    await reader.page.waitForTimeout(recoveryMs * 2);
    expect(await reader.page.getByTestId("proposal-item").filter({ hasText: title }).count()).toBe(0);

    await reader.context.setOffline(false);
    await reader.page.getByTestId("proposal-item").filter({ hasText: title }).waitFor({ timeout: 20_000 });
    expect(reader.errors).toEqual([]);
  });
});
