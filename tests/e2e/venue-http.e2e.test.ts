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
});
