// Headless Chromium for the e2e tests (Debian's chromium driven by playwright-core,
// nothing downloaded), plus a build of the client when dist/client is missing or stale.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const chromiumPath = "/usr/bin/chromium";

const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * For `describe.skipIf(...)`: true (with a visible message) when there is no
 * Chromium here. With REQUIRE_BROWSER=1, as in CI, a missing browser fails instead.
 */
export function skipWithoutBrowser(): boolean {
  if (existsSync(chromiumPath)) return false;
  if (process.env.REQUIRE_BROWSER === "1") {
    throw new Error(`REQUIRE_BROWSER=1 but there is no Chromium at ${chromiumPath} (apt-get install chromium).`);
  }
  console.warn(`\n  ⚠ e2e tests SKIPPED: no Chromium at ${chromiumPath}. Install it (apt-get install chromium), or set REQUIRE_BROWSER=1 to fail instead.\n`);
  return true;
}

export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: [...chromiumArgs, ...extraArgs] });
}

// ---------------------------------------------------------------------------
// The client build

const clientIndex = resolve("dist/client/index.html");
const buildLock = resolve("dist/.client-build-lock");
const clientSources = ["client", "locales", "shared", "vite.config.ts"].map((path) => resolve(path));

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function clientIsUpToDate(): boolean {
  return existsSync(clientIndex) && statSync(clientIndex).mtimeMs >= Math.max(...clientSources.filter(existsSync).map(newestMtime));
}

let building: Promise<void> | undefined;

/**
 * Builds the client with the root vite.config.ts unless dist/client is newer than
 * its sources. Test files run in parallel workers, so a lock directory makes the
 * first one build while the others wait for it (a half-emptied dist would break them).
 */
export function ensureClientBuilt(): Promise<void> {
  building ??= buildOnce();
  return building;
}

async function buildOnce(): Promise<void> {
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    // While another worker builds, dist/client is half written: wait for its lock to go.
    if (!existsSync(buildLock) && clientIsUpToDate()) return;
    if (tryLock()) {
      try {
        if (!clientIsUpToDate()) await buildClient();
      } finally {
        rmSync(buildLock, { recursive: true, force: true });
      }
      return;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for another worker to build the client (${buildLock}).`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

async function buildClient(): Promise<void> {
  const { build } = await import("vite");
  // Vitest sets NODE_ENV=test, and Vite keeps an existing NODE_ENV: without this the
  // bundle would hold React's development build, unlike what `npm run build` ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ configFile: resolve("vite.config.ts"), mode: "production", logLevel: "warn" });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

function tryLock(): boolean {
  mkdirSync(resolve("dist"), { recursive: true });
  try {
    mkdirSync(buildLock);
    return true;
  } catch {
    // A lock left by a crashed run would block every later run: drop it when old.
    if (existsSync(buildLock) && Date.now() - statSync(buildLock).mtimeMs > 3 * 60_000) rmSync(buildLock, { recursive: true, force: true });
    return false;
  }
}

// ---------------------------------------------------------------------------
// Steps shared by the e2e tests. Selectors avoid UI text: the language depends on the account.

export const demoPassword = "navette-demo";

export type TestPage = {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and console errors seen so far; a clean run leaves it empty. */
  errors: string[];
};

export async function newPage(browser: Browser, options: { width?: number; locale?: string } = {}): Promise<TestPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 800 },
    locale: options.locale ?? "en-GB",
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    // HTTP errors the app handles (401 from /api/me when signed out) are logged by the browser itself.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) errors.push(`console: ${message.text()}`);
  });
  return { context, page, errors };
}

/** Logs in through the login form and waits for the home page. Returns the name shown in the header. */
export async function logIn(page: Page, baseUrl: string, email: string, password = demoPassword): Promise<string> {
  await page.goto(`${baseUrl}/login`);
  await page.locator("#login-email").fill(email);
  await page.locator("#login-password").fill(password);
  await page.locator("form button[type=submit]").click();
  const userName = page.getByTestId("current-user");
  await userName.waitFor();
  await page.waitForURL(`${baseUrl}/`);
  return (await userName.textContent())?.trim() ?? "";
}

/** Opens the seeded demo workshop from the home page and waits for its synthesis card. */
export async function openDemoWorkshop(page: Page): Promise<void> {
  await page.locator(".workshop-card a", { hasText: /^Atelier/ }).click();
  await page.waitForURL(/\/workshops\/[^/]+$/);
  await page.getByTestId("open-synthesis").waitFor();
}

/** From a workshop's home, opens its main synthesis and waits until it is live. */
export async function openSynthesisFromWorkshop(page: Page): Promise<void> {
  await page.getByTestId("open-synthesis").click();
  await page.waitForURL(/\/workshops\/[^/]+\/synthesis\/[^/#]+/);
  await waitForSyncedSynthesis(page);
}

/** Opens the demo workshop's main synthesis from the home page and waits until it is live. */
export async function openDemoSynthesis(page: Page): Promise<void> {
  await openDemoWorkshop(page);
  await openSynthesisFromWorkshop(page);
}

/** Live: connected to the server and in sync with it. */
export async function waitForSyncedSynthesis(page: Page): Promise<void> {
  await page.locator('[data-testid="connection-status"][data-status="live"]').waitFor();
  await page.getByTestId("synthesis-editor").waitFor();
}

/**
 * Puts the caret at the very end of the synthesis. Focus comes from the keyboard
 * side, not a click: ProseMirror re-applies a click's selection a moment later,
 * which could undo an immediate Ctrl+End.
 */
export async function moveCaretToEndOfSynthesis(page: Page): Promise<void> {
  await page.getByTestId("synthesis-editor").focus();
  await page.keyboard.press("Control+End");
  await waitForCaretAtEndOfSynthesis(page);
}

export async function waitForCaretAtEndOfSynthesis(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const editor = document.querySelector('[data-testid="synthesis-editor"]');
    const selection = window.getSelection();
    return Boolean(editor?.lastElementChild && selection?.isCollapsed && editor.lastElementChild.contains(selection.anchorNode));
  });
}
