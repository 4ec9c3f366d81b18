// What every end-to-end test file needs: a real server (the demo by default), one
// Chromium, pages that are closed at the end, and the API called with a page's session.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { ensureClientBuilt, launchBrowser, logIn, newPage, type TestPage } from "./browser.js";
import { startServer, type TestServer } from "./server.js";

type ServerOptions = Parameters<typeof startServer>[0];
type PageOptions = Parameters<typeof newPage>[1];

/** Call inside a `describe`: starts the server and the browser before its tests, stops them after. */
export function browserSession(serverOptions: ServerOptions = { demo: true }) {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const opened: TestPage[] = [];

  beforeAll(async () => {
    await ensureClientBuilt();
    server = await startServer(serverOptions);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const tp of opened) await tp.context.close().catch(() => {});
    await browser?.close();
    await server?.close({ wipe: true });
  });

  const session = {
    get server(): TestServer {
      if (!server) throw new Error("the server starts in beforeAll");
      return server;
    },
    get browser(): Browser {
      if (!browser) throw new Error("the browser starts in beforeAll");
      return browser;
    },
    /** A fresh browser context and page, closed with the session. */
    async page(options?: PageOptions): Promise<TestPage> {
      const tp = await newPage(session.browser, options);
      opened.push(tp);
      return tp;
    },
    /** A fresh page signed in through the login form (demo password by default). */
    async signedIn(email: string, options?: PageOptions): Promise<TestPage> {
      const tp = await session.page(options);
      await logIn(tp.page, session.server.url, email);
      return tp;
    },
  };
  return session;
}

export type ApiResult<T> = { status: number; body: T };

/** Calls the API from inside the page, with its session cookie, as the app itself does. */
export function apiFrom(page: Page) {
  return <T = any>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> =>
    page.evaluate(
      async ({ method, path, body }) => {
        const response = await fetch(path, {
          method,
          credentials: "same-origin",
          headers: body === undefined ? {} : { "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        return { status: response.status, body: text ? JSON.parse(text) : null };
      },
      { method, path, body },
    ) as Promise<ApiResult<T>>;
}
