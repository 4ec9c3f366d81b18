// Rich text written through the API with script payloads is shown as text: nothing runs,
// and no `javascript:` link reaches the page, on the fiche, its edit form and the thread.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Workshop } from "../../shared/schemas/workshops.js";
import { logIn, skipWithoutBrowser } from "../helpers/browser.js";
import { apiFrom, browserSession } from "../helpers/e2e.js";

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

const call = <T = any>(page: Page, method: string, path: string, body?: unknown) => apiFrom(page)<T>(method, path, body);

describe.skipIf(skipWithoutBrowser())("rich text never runs scripts", { timeout: 120_000 }, () => {
  const session = browserSession();

  it("a fiche and a post holding script, onerror and javascript: payloads show them as inert text", async () => {
    const { context, page, errors } = await session.page();
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

    await logIn(page, session.server.url, "helene@demo.navette");
    const { body: list } = await call<{ workshops: Workshop[] }>(page, "GET", "/api/workshops");
    const workshop = list.workshops.find((w) => w.title.startsWith("Atelier"))!;
    const api = `/api/workshops/${workshop.id}`;
    const questionId = workshop.readingGrid.questions[0]!.id;

    const created = await call<{ fiche: { id: string } }>(page, "POST", `${api}/fiches`, {
      rows: { title: scriptText, place: imgText, descriptive: payloadDoc, gridAnswers: { [questionId]: payloadDoc }, lessons: payloadDoc, keywords: { concepts: [scriptText] } },
    });
    expect(created.status).toBe(201);
    const ficheId = created.body.fiche.id;
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

    for (const path of [`/illustrate/fiches/${ficheId}`, `/illustrate/fiches/${ficheId}/edit`, `/debate/threads/${thread.body.thread.id}`, `/search?q=window`]) {
      await page.goto(`${session.server.url}/workshops/${workshop.id}${path}`);
      // The payloads are on the page, as text.
      await page.locator("main").getByText(scriptText, { exact: false }).first().waitFor();
      await page.waitForTimeout(300);
      const seen = await inspect();
      expect(seen, path).toEqual({ trap: "function", calls: [], javascriptHrefs: [], injectedElements: 0 });
    }
    // The "click me" link lost its href: clicking it navigates nowhere and runs nothing.
    await page.goto(`${session.server.url}/workshops/${workshop.id}/debate/threads/${thread.body.thread.id}`);
    await page.locator("main").getByText("click me").first().click();
    await page.waitForTimeout(300);
    expect((await inspect()).calls).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
