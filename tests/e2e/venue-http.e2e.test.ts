// A venue laptop serving the room over plain HTTP: participants open
// http://<the laptop's name>:<port>, which Chromium treats as an insecure origin (it is not
// localhost). The name is mapped to loopback, so the traffic never leaves this machine.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureClientBuilt, launchBrowser, logIn, newPage, openDemoSynthesis, skipWithoutBrowser, type TestPage } from "../helpers/browser.js";
import { startServer, type TestServer } from "../helpers/server.js";

describe.skipIf(skipWithoutBrowser())("the demo served over plain HTTP under a venue name", () => {
  let server: TestServer;
  let browser: Browser;
  const pages: TestPage[] = [];

  beforeAll(async () => {
    await ensureClientBuilt();
    server = await startServer({ demo: true });
    browser = await launchBrowser(["--host-resolver-rules=MAP venue.test 127.0.0.1"]);
  });
  afterAll(async () => {
    for (const tp of pages) await tp.context.close().catch(() => {});
    await browser?.close();
    await server?.close({ wipe: true });
  });

  it("loads, signs in, opens the live synthesis and joins the live room from an insecure origin", async () => {
    const venue = `http://venue.test:${server.port}`;
    const tp = await newPage(browser);
    pages.push(tp);
    const { page } = tp;
    const refusedByCsp: string[] = [];
    page.on("console", (message) => message.text().includes("Content Security Policy") && refusedByCsp.push(message.text()));

    await logIn(page, venue, "grace@demo.navette");
    expect(await page.evaluate(() => ({ secure: window.isSecureContext, origin: location.origin }))).toEqual({ secure: false, origin: venue });
    await openDemoSynthesis(page); // the Yjs connection is live
    await page.goBack();
    await expect.poll(() => page.getByTestId("presence-list").textContent()).toContain("Grace");
    expect(refusedByCsp).toEqual([]);
    expect(tp.errors).toEqual([]);
  });

  it("lets the whole room sign in from the venue's one address, while ten wrong passwords lock only that account", async () => {
    // The sign-in limits as they ship (the test server's default is raised for other tests).
    const room = await startServer({ demo: true, config: { authRateLimitPerMinute: 100 } });
    try {
      const venue = `http://venue.test:${room.port}`;
      const mistyping = await newPage(browser);
      pages.push(mistyping);
      const { page } = mistyping;
      const attempt = async (password: string, code: string) => {
        await page.goto(`${venue}/login`);
        await page.locator("#login-email").fill("amadou@demo.navette");
        await page.locator("#login-password").fill(password);
        await page.locator("#login-password").press("Enter");
        await page.locator(`[role="alert"][data-code="${code}"]`).waitFor();
      };
      for (let i = 0; i < 10; i++) await attempt(`not-the-password-${i}`, "invalid_credentials");
      // Now even the right password is refused, and the page says why.
      await attempt("navette-demo", "account_locked");

      // Everyone else in the room signs in from the same address.
      for (const email of ["camille@demo.navette", "helene@demo.navette", "joao@demo.navette", "grace@demo.navette", "lucia@demo.navette"]) {
        const tp = await newPage(browser);
        pages.push(tp);
        expect(await logIn(tp.page, venue, email)).not.toBe("");
        await tp.context.close();
      }
    } finally {
      await room.close({ wipe: true });
    }
    // Eleven sign-in attempts and five sessions on a busy two-core machine.
  }, 120_000);
});
