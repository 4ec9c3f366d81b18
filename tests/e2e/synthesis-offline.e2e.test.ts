// Synthesis documents in the browser: two people keep writing while one of them is
// offline and both texts converge when the connection returns; named versions, the diff
// and a restore; the status workflow turning the others' editors read-only; templates;
// citations inserted from the dialog and followed to the cited contribution.
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { moveCaretToEndOfSynthesis, skipWithoutBrowser, waitForSyncedSynthesis, type TestPage } from "../helpers/browser.js";
import { apiFrom, browserSession } from "../helpers/e2e.js";

const shots = "/tmp/shots";

/** The editor's text without the others' caret labels (drawn inside the text). */
function editorText(page: Page): Promise<string> {
  return page.getByTestId("synthesis-editor").evaluate((editor) => {
    const copy = editor.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll(".collaboration-carets__caret")) caret.remove();
    return [...copy.children].map((block) => block.textContent ?? "").join("\n");
  });
}

async function typeParagraph(page: Page, text: string, { first = false } = {}) {
  await moveCaretToEndOfSynthesis(page);
  if (!first) await page.keyboard.press("Enter");
  await page.keyboard.type(text);
}

const editorWith = (page: Page, text: string) => page.getByTestId("synthesis-editor").filter({ hasText: text });

describe.skipIf(skipWithoutBrowser())("synthesis documents in the browser", { timeout: 180_000 }, () => {
  const session = browserSession();
  let workshopId = "";
  const opened: { name: string; tp: TestPage }[] = [];

  beforeAll(() => {
    mkdirSync(shots, { recursive: true });
  });

  /** Signs in, and on failure leaves a screenshot and the page's errors behind. */
  async function signedIn(name: string, email: string, width = 1280): Promise<TestPage> {
    const tp = await session.signedIn(email, { width });
    opened.push({ name, tp });
    if (!workshopId) {
      const workshops = (await apiFrom(tp.page)("GET", "/api/workshops")).body.workshops as { id: string; title: string }[];
      workshopId = workshops.find((w) => w.title.startsWith("Atelier"))!.id;
    }
    return tp;
  }

  function leaveEvidence(test: string) {
    onTestFailed(async () => {
      for (const { name, tp } of opened) {
        await tp.page.screenshot({ path: `${shots}/failed-${test}-${name}.png`, fullPage: true }).catch(() => {});
        console.error(`${test} / ${name}:`, tp.errors);
      }
    });
  }

  async function newDocument(page: Page, title: string): Promise<string> {
    const created = await apiFrom(page)("POST", `/api/workshops/${workshopId}/synthesis/documents`, { kind: "sequence-notes", title });
    expect(created.status).toBe(201);
    return created.body.document.id as string;
  }

  async function openDocument(page: Page, documentId: string) {
    await page.goto(`${session.server.url}/workshops/${workshopId}/synthesis/${documentId}`);
    await waitForSyncedSynthesis(page);
  }

  /** Waits until the server's copy of the text holds `text` (versions are taken from it). */
  async function serverHas(page: Page, documentId: string, text: string) {
    const api = apiFrom(page);
    const content = async () => JSON.stringify((await api("GET", `/api/synthesis/documents/${documentId}/content`)).body.content);
    await expect.poll(content, { message: `the server never received "${text}"` }).toContain(text);
  }

  it("keeps one person's edits while offline and merges them with the other's when back", async () => {
    opened.length = 0;
    leaveEvidence("offline");
    const a = await signedIn("camille", "camille@demo.navette");
    const b = await signedIn("joao", "joao@demo.navette");
    const documentId = await newDocument(a.page, "Notes écrites hors ligne");
    await openDocument(a.page, documentId);
    await openDocument(b.page, documentId);
    // The copy on the device belongs to one account and one document.
    const me = (await apiFrom(a.page)("GET", "/api/me")).body.user.id as string;
    const copies = await a.page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name));
    expect(copies).toContain(`navette:${me}:workshop/${workshopId}/doc/${documentId}`);

    const online = "Première ligne, écrite en ligne.";
    await typeParagraph(a.page, online, { first: true });
    await editorWith(b.page, online).waitFor();

    await a.context.setOffline(true);
    await a.page.locator('[data-testid="connection-status"][data-status="offline"]').waitFor();
    await a.page.getByTestId("offline-notice").waitFor();
    // Still editable offline: the copy on the device takes the edits.
    expect(await a.page.getByTestId("synthesis-editor").getAttribute("contenteditable")).toBe("true");

    const fromA = "Ligne de Camille, écrite hors ligne.";
    const fromB = "Línea de João, escrita en línea.";
    await typeParagraph(a.page, fromA);
    await typeParagraph(b.page, fromB);
    await editorWith(a.page, fromA).waitFor();
    await editorWith(b.page, fromB).waitFor();
    await a.page.screenshot({ path: `${shots}/synthesis-offline-1280.png`, fullPage: true });
    // Apart, neither sees the other's line.
    expect(await editorText(a.page)).not.toContain(fromB);
    expect(await editorText(b.page)).not.toContain(fromA);

    await a.context.setOffline(false);
    await a.page.locator('[data-testid="connection-status"][data-status="live"]').waitFor();
    await editorWith(a.page, fromB).waitFor();
    await editorWith(b.page, fromA).waitFor();
    for (const page of [a.page, b.page]) {
      const text = await editorText(page);
      for (const line of [online, fromA, fromB]) expect(text).toContain(line);
    }
    await expect.poll(async () => (await editorText(a.page)) === (await editorText(b.page)), { timeout: 10_000 }).toBe(true);
    await serverHas(a.page, documentId, fromA);
    await serverHas(a.page, documentId, fromB);
    expect([...a.errors, ...b.errors]).toEqual([]);
  });

  it("saves a named version, shows what changed since, and restores it as a new change", async () => {
    opened.length = 0;
    leaveEvidence("versions");
    const { page, errors } = await signedIn("camille", "camille@demo.navette");
    const documentId = await newDocument(page, "Notes avec versions");
    await openDocument(page, documentId);

    await typeParagraph(page, "Alpha paragraph to keep.", { first: true });
    await typeParagraph(page, "Beta paragraph to remove.");
    await serverHas(page, documentId, "Beta paragraph to remove.");

    const form = page.getByTestId("new-version");
    await form.locator("#version-name").fill("First reading");
    await form.locator("#version-name").press("Enter");
    const named = page.getByTestId("version").filter({ hasText: "First reading" });
    await named.waitFor();
    expect(await named.getAttribute("data-kind")).toBe("manual");

    // Replace the second paragraph's words.
    await moveCaretToEndOfSynthesis(page);
    await page.keyboard.press("Shift+Home");
    await page.keyboard.press("Backspace");
    await page.keyboard.type("Gamma paragraph added.");
    await serverHas(page, documentId, "Gamma paragraph added.");

    await named.getByTestId("version-compare").click();
    const diff = page.getByTestId("diff-view");
    await diff.waitFor();
    await diff.locator("ins", { hasText: "Gamma" }).waitFor();
    await diff.locator("del", { hasText: "Beta" }).waitFor();
    expect(await diff.getByTestId("diff-counts").textContent()).toMatch(/[1-9]\d* .*[1-9]\d* /);
    expect(await diff.locator(".diff-legend ins").count()).toBe(1);
    expect(await diff.locator('[data-change="changed"]').count()).toBe(1);
    await diff.screenshot({ path: `${shots}/synthesis-diff-1280.png` });

    await named.getByTestId("version-restore").click();
    const confirm = page.getByTestId("confirm-restore");
    await confirm.waitFor();
    // The dialog starts on Cancel: a restore is never one stray Enter away.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("confirm-no");
    await confirm.getByTestId("confirm-yes").click();
    await editorWith(page, "Beta paragraph to remove.").waitFor();
    expect(await editorText(page)).not.toContain("Gamma");
    await page.locator('[data-testid="version"][data-kind="restore"]').first().waitFor();
    await page.getByTestId("versions-notice").waitFor();
    expect(errors).toEqual([]);
  });

  it("makes the text read-only for the others once a facilitator agrees it, and editable again when reopened", async () => {
    opened.length = 0;
    leaveEvidence("status");
    const facilitator = await signedIn("camille", "camille@demo.navette");
    const participant = await signedIn("grace", "grace@demo.navette");
    const documentId = await newDocument(facilitator.page, "Notes à valider");
    await openDocument(facilitator.page, documentId);
    await openDocument(participant.page, documentId);
    await participant.page.locator('[data-testid="synthesis-editor"][contenteditable="true"]').waitFor();
    // Only facilitators move the status.
    expect(await participant.page.locator('[data-testid^="status-to-"]').count()).toBe(0);

    await facilitator.page.getByTestId("status-to-submitted").click();
    await participant.page.getByTestId("status-panel").locator('[data-testid="document-status"][data-status="submitted"]').waitFor();

    await facilitator.page.getByTestId("status-to-agreed").click();
    const confirm = facilitator.page.getByTestId("confirm-agreed");
    await confirm.waitFor();
    await confirm.getByTestId("confirm-yes").click();

    await participant.page.locator('[data-testid="synthesis-editor"][contenteditable="false"]').waitFor();
    await participant.page.getByTestId("readonly-note").waitFor();
    await participant.page.getByTestId("status-panel").locator('[data-testid="document-status"][data-status="agreed"]').waitFor();
    expect(await participant.page.getByTestId("status-changed-by").textContent()).toContain("Camille Rousseau");
    expect(await participant.page.locator(".toolbar").count()).toBe(0);
    await facilitator.page.locator('[data-testid="synthesis-editor"][contenteditable="false"]').waitFor();
    await participant.page.screenshot({ path: `${shots}/synthesis-agreed-participant-1280.png`, fullPage: true });

    await facilitator.page.getByTestId("status-to-draft").click();
    await participant.page.locator('[data-testid="synthesis-editor"][contenteditable="true"]').waitFor();
    await typeParagraph(participant.page, "Reopened, and writing again.", { first: true });
    await editorWith(facilitator.page, "Reopened, and writing again.").waitFor();
    expect([...facilitator.errors, ...participant.errors]).toEqual([]);
  });

  it("creates sequence notes from a template, and fills an empty document from another", async () => {
    opened.length = 0;
    leaveEvidence("template");
    const { page, errors } = await signedIn("camille", "camille@demo.navette");
    await page.goto(`${session.server.url}/workshops/${workshopId}`);
    await page.getByTestId("synthesis-link").click();
    await page.getByTestId("synthesis-documents").waitFor();
    expect(await page.locator('[data-testid="synthesis-document"][data-kind="main"]').count()).toBe(1);

    const form = page.getByTestId("new-document");
    await form.locator("#document-title").fill("Séquence 1 : vu des Nords");
    await form.locator("#document-template").selectOption("findings");
    await form.getByTestId("document-create").click();
    await page.waitForURL(/\/synthesis\/[^/]+$/);
    await waitForSyncedSynthesis(page);
    // The workshop works in French first: the template's headings are French.
    await page.getByTestId("synthesis-editor").locator("h2", { hasText: "Constats" }).waitFor();
    expect(await page.getByTestId("document-title").textContent()).toBe("Séquence 1 : vu des Nords");
    expect(await page.getByTestId("template-chooser").count()).toBe(0);
    // A typo in the name is fixed from the keyboard.
    await page.getByTestId("rename-document").press("Enter");
    await page.locator("#rename-title").fill("Séquence 1 : vu des Nords et de l'Est");
    await page.locator("#rename-title").press("Enter");
    await page.getByTestId("document-title").filter({ hasText: "Séquence 1 : vu des Nords et de l'Est" }).waitFor();

    await page.goto(`${session.server.url}/workshops/${workshopId}/synthesis`);
    await form.locator("#document-title").fill("Séquence 2 : vu des Suds");
    await form.getByTestId("document-create").click();
    await page.waitForURL(/\/synthesis\/[^/]+$/);
    await waitForSyncedSynthesis(page);
    const chooser = page.getByTestId("template-chooser");
    await chooser.waitFor();
    await chooser.locator("#template-choice").selectOption("reference-sheet");
    await chooser.locator("#template-language").selectOption("en");
    await chooser.getByTestId("template-apply").click();
    await page.getByTestId("synthesis-editor").locator("h2", { hasText: "IN BRIEF" }).waitFor();
    await chooser.waitFor({ state: "detached" });

    await page.goto(`${session.server.url}/workshops/${workshopId}/synthesis`);
    await page.getByTestId("synthesis-document").filter({ hasText: "Séquence 2 : vu des Suds" }).waitFor();
    await page.screenshot({ path: `${shots}/synthesis-documents-1280.png`, fullPage: true });
    expect(errors).toEqual([]);
  });

  it("cites a debate post and a fiche from the keyboard, and each citation leads to its contribution", async () => {
    opened.length = 0;
    leaveEvidence("citation");
    const { page, errors } = await signedIn("camille", "camille@demo.navette");
    const documentId = await newDocument(page, "Notes avec citations");
    await openDocument(page, documentId);
    await typeParagraph(page, "Comme on l'a entendu : ", { first: true });

    // From the text, Shift+Tab reaches the toolbar; End goes to its last button, "Cite".
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("End");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("cite-button");
    await page.keyboard.press("Enter");
    const dialog = page.getByTestId("cite-dialog");
    await dialog.getByTestId("cite-query").waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("cite-query");
    // The query as one input: typed key by key, a pause on a busy computer lets a search for the
    // first letters answer, and the results waited for below could be replaced under the arrow key.
    await page.keyboard.insertText("animatrice salariée");
    await dialog.locator('[data-testid="cite-result"][data-kind="post"]').first().waitFor();
    await page.screenshot({ path: `${shots}/synthesis-cite-dialog-1280.png`, fullPage: true });
    await page.keyboard.press("ArrowDown");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-kind"))).toBe("post");
    await page.keyboard.press("Enter");
    await dialog.getByTestId("cite-query").waitFor({ state: "detached" });

    const postCitation = page.getByTestId("synthesis-editor").locator('a.citation[data-kind="post"]');
    await postCitation.waitFor();
    // The caret is back in the text, after the citation: writing goes on.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("synthesis-editor");
    await page.keyboard.type("et c'est juste.");
    await editorWith(page, "et c'est juste.").waitFor();
    expect(await postCitation.textContent()).toContain("Hélène Marchand");
    const postHref = (await postCitation.getAttribute("href"))!;
    expect(postHref).toMatch(new RegExp(`^/workshops/${workshopId}/cite/post/[^/]+$`));

    // A fiche, chosen from the list shown before any search.
    await page.getByTestId("cite-button").click();
    await dialog.locator('[data-testid="cite-result"][data-kind="fiche"]').first().click();
    const ficheCitation = page.getByTestId("synthesis-editor").locator('a.citation[data-kind="fiche"]');
    await ficheCitation.waitFor();
    await serverHas(page, documentId, '"kind":"fiche"');
    const postId = postHref.split("/").pop()!;
    const citing = await apiFrom(page)("GET", `/api/workshops/${workshopId}/synthesis/citations?kind=post&targetId=${postId}`);
    const passage = (citing.body.passages as { documentId: string; blockId: string }[]).find((p) => p.documentId === documentId);
    expect(passage).toBeDefined();

    // Where "Cited in" links: the document, opened at the passage, which is marked.
    await page.goto(`${session.server.url}/workshops/${workshopId}/synthesis/${documentId}#block-${passage!.blockId}`);
    await waitForSyncedSynthesis(page);
    // Marked as the page shows it, not as its stylesheet spells it (an id starting with a digit is escaped there).
    const cited = page.locator(`.synthesis-text [data-block-id="${passage!.blockId}"]`);
    await expect.poll(() => cited.evaluate((block) => getComputedStyle(block).outlineStyle)).toBe("solid");
    expect(await cited.isVisible()).toBe(true);

    // Ctrl+click follows a citation while editing; the fiche says which passage cites it.
    await ficheCitation.click({ modifiers: ["Control"] });
    await page.waitForURL(/\/illustrate\/fiches\/[^/]+$/);
    const citedIn = page.getByTestId("cited-in");
    await citedIn.getByText("Notes avec citations").waitFor();
    expect(await citedIn.getByTestId("cited-in-link").getAttribute("href")).toMatch(new RegExp(`/synthesis/${documentId}#block-`));

    // The post's citation opens its thread, at the post, and Back skips the redirect.
    await page.goto(`${session.server.url}${postHref}`);
    await page.waitForURL(new RegExp(`/debate/threads/[^/]+#post-${postId}$`));
    const post = page.locator(`#post-${postId}`);
    await post.waitFor();
    await expect.poll(() => page.evaluate((id) => document.activeElement?.id === `post-${id}`, postId)).toBe(true);
    // Under the post, and under no other, the passage that cites it.
    await post.getByTestId("cited-in-link").waitFor();
    expect(await page.getByTestId("cited-in").count()).toBe(1);

    // A citation of a post that is gone says so, with a way back.
    await page.goto(`${session.server.url}/workshops/${workshopId}/cite/post/nothing-here-at-all`);
    await page.locator("#citation-missing").waitFor();
    expect(errors).toEqual([]);
  });
});
