// Builds the web client once, before any test file starts, so no test serves a
// dist/client that another worker is rebuilding. Skipped where no browser runs.
import { ensureClientBuilt, skipWithoutBrowser } from "./helpers/browser.js";

export async function setup(): Promise<void> {
  if (!skipWithoutBrowser()) await ensureClientBuilt();
}
