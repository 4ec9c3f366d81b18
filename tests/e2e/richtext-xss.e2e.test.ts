// Rich text written through the API with script payloads is shown as text: nothing runs,
// and no `javascript:` link reaches the page, on the fiche, its edit form and the thread.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Workshop } from "../../shared/schemas/workshops.js";
import { ensureClientBuilt, launchBrowser, logIn, newPage, skipWithoutBrowser } from "../helpers/browser.js";
import { startServer, type TestServer } from "../helpers/server.js";

const scriptText = "<script>window.__xss('script')</script>";
const imgText = "<img src=x onerror=\"window.__xss('img');alert('img')\">";

/** A ProseMirror doc carrying every payload: as text, and as a javascript: link mark. */
const payloadDoc = {
  type: "doc",
  content: [
    { type: "paragraph", content: [{ type: "text", text: scriptText }] },
    { type: "paragraph", content: [{ type: "text", text: imgText }] },
    {
      type: "paragraph",
      content: [
        { type: "text", text: "click me", marks: [{ type: "link", attrs: { href: "javascript:window.__xss('link');alert('link')" } }] },
        { type: "text", text: " and me", marks: [{ type: "link", attrs: { href: " JaVaScRiPt:alert('mixed')" } }] },
      ],
    },
  ],
};

async function call<T>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(path, {
        method,
        credentials: "same-origin",
        headers: body === undefined ? {} : { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: (await response.json()) as unknown };
    },
    { method, path, body },
  ) as Promise<{ status: number; json: T }>;
}

describe.skipIf(skipWithoutBrowser())("rich text never runs scripts", { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    await ensureClientBuilt();
    server = await startServer({ demo: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close({ wipe: true });
  });

  it("a fiche and a post holding script, onerror and javascript: payloads show them as inert text", async () => {
    const { context, page, errors } = await newPage(browser);
    await page.addInitScript(() => {
      const calls: string[] = [];
      Object.defineProperty(window, "__xssCalls", { value: calls });
      Object.defineProperty(window, "__xss", { value: (what: string) => calls.push(what) });
    });
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

    await logIn(page, server.url, "helene@demo.navette");
    const { json: list } = await call<{ workshops: Workshop[] }>(page, "GET", "/api/workshops");
    const workshop = list.workshops.find((w) => w.title.startsWith("Atelier"))!;
    const api = `/api/workshops/${workshop.id}`;
    const questionId = workshop.readingGrid.questions[0]!.id;

    const created = await call<{ fiche: { id: string } }>(page, "POST", `${api}/fiches`, {
      rows: { title: scriptText, place: imgText, descriptive: payloadDoc, gridAnswers: { [questionId]: payloadDoc }, lessons: payloadDoc, keywords: { concepts: [scriptText] } },
    });
    expect(created.status).toBe(201);
    const ficheId = created.json.fiche.id;
    expect((await call(page, "POST", `${api}/fiches/${ficheId}/status`, { status: "submitted" })).status).toBe(200);
    expect((await call(page, "POST", `${api}/fiches/${ficheId}/host-replies`, { body: payloadDoc })).status).toBe(201);

    const thread = await call<{ thread: { id: string } }>(page, "POST", `${api}/threads`, { title: scriptText, ficheId, body: payloadDoc, stance: "question" });
    expect(thread.status).toBe(201);

    const inspect = () =>
      page.evaluate(() => ({
        trap: typeof (window as unknown as { __xss?: unknown }).__xss,
        calls: [...((window as unknown as { __xssCalls?: string[] }).__xssCalls ?? [])],
        javascriptHrefs: [...document.querySelectorAll("[href]")].map((el) => el.getAttribute("href") ?? "").filter((href) => /^\s*javascript:/i.test(href)),
        injectedElements: document.querySelectorAll("main script, main img, main [onerror]").length,
      }));

    for (const path of [`/illustrate/fiches/${ficheId}`, `/illustrate/fiches/${ficheId}/edit`, `/debate/threads/${thread.json.thread.id}`, `/search?q=window`]) {
      await page.goto(`${server.url}/workshops/${workshop.id}${path}`);
      // The payloads are on the page, as text.
      await page.locator("main").getByText(scriptText, { exact: false }).first().waitFor();
      await page.waitForTimeout(300);
      const seen = await inspect();
      expect(seen, path).toEqual({ trap: "function", calls: [], javascriptHrefs: [], injectedElements: 0 });
    }
    // The "click me" link lost its href: clicking it navigates nowhere and runs nothing.
    await page.goto(`${server.url}/workshops/${workshop.id}/debate/threads/${thread.json.thread.id}`);
    await page.locator("main").getByText("click me").first().click();
    await page.waitForTimeout(300);
    expect((await inspect()).calls).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
