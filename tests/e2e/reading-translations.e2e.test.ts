// Beyond fiches and posts: the agenda, the reading grid's questions on a fiche, list titles, a
// thread's title and the amendments of a proposal show in the reader's language once a
// translator has written them, marked as a person's translation, with the original at hand
// (and the author's own words first, for their own amendment).
import { describe, expect, it } from "vitest";
import { skipWithoutBrowser } from "../helpers/browser.js";
import { apiFrom, browserSession } from "../helpers/e2e.js";

describe.skipIf(skipWithoutBrowser())("reading the agenda, the grid and amendments in my language", { timeout: 120_000 }, () => {
  const session = browserSession();
  const { signedIn } = session;

  it("shows a translator's translations to a Spanish reader, with the original on demand", async () => {
    const lucia = await signedIn("lucia@demo.navette");
    const api = apiFrom(lucia.page);
    const workshop = (await api("GET", "/api/workshops")).body.workshops.find((w: { title: string }) => w.title.startsWith("Atelier"));
    const base = `/api/workshops/${workshop.id}`;
    const write = async (kind: string, id: string, field: string, language: string, text: unknown) => {
      const written = await api("PUT", `${base}/translations/${kind}/${id}/${encodeURIComponent(field)}/${language}`, { text });
      expect(written, `${kind} ${field}`).toMatchObject({ status: 200 });
    };

    const slot = (await api("GET", `${base}/agenda`)).body.slots[0];
    await write("agendaItem", slot.id, "title", "es", "Bienvenida y presentación de las iniciativas");
    const question = workshop.readingGrid.questions[0];
    await write("workshop", workshop.id, `question:${question.id}`, "es", "¿Qué economía creó la acción?");
    const proposals = (await api("GET", `${base}/proposals?limit=10`)).body.items;
    const withAmendment = proposals.find((p: { title: string }) => p.title.startsWith("Reconnaître"));
    const amendment = (await api("GET", `${base}/proposals/${withAmendment.id}/amendments`)).body.items[0];
    const spanishBody = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Darles un mandato escrito, traducido por Lucía." }] }] };
    await write("amendment", amendment.id, "body", "es", spanishBody);

    // João reads in Spanish: the agenda on the workshop page, the grid on a fiche.
    const joao = await signedIn("joao@demo.navette");
    await joao.page.goto(`${session.server.url}/workshops/${workshop.id}`);
    const firstSlot = joao.page.locator(`[data-slot-id="${slot.id}"]`);
    await firstSlot.locator("strong", { hasText: "Bienvenida y presentación de las iniciativas" }).waitFor();
    expect(await firstSlot.locator('[data-testid="translated"][data-field="title"]').getAttribute("data-kind")).toBe("human");
    // One note and one toggle for the whole programme, not one per slot. The note shows a render
    // after the slot's translation (each slot reports what it shows in an effect): wait for it.
    const agenda = joao.page.getByTestId("agenda");
    await agenda.getByTestId("translation-note").waitFor();
    expect(await agenda.getByTestId("translation-note").count()).toBe(1);
    expect(await firstSlot.getByTestId("translation-note").count()).toBe(0);
    await agenda.getByTestId("translation-toggle").press("Enter");
    await firstSlot.locator("strong", { hasText: slot.title }).waitFor();

    const fiche = (await apiFrom(joao.page)("GET", `${base}/fiches`)).body.items[0];
    await joao.page.goto(`${session.server.url}/workshops/${workshop.id}/illustrate/fiches/${fiche.id}`);
    await joao.page.getByText("1. ¿Qué economía creó la acción?").waitFor();

    // Lists show titles in João's language too, with the original on hover.
    const thread = (await api("GET", `${base}/threads`)).body.items[0];
    await write("thread", thread.id, "title", "es", "Un hilo traducido por Lucía");
    await joao.page.goto(`${session.server.url}/workshops/${workshop.id}/debate`);
    const listed = joao.page.getByTestId("translated-title").filter({ hasText: "Un hilo traducido por Lucía" });
    await listed.waitFor();
    expect(await listed.getAttribute("title")).toBe(thread.title);
    await joao.page.getByRole("link", { name: "Un hilo traducido por Lucía" }).click();
    await joao.page.locator("h1#thread-title", { hasText: "Un hilo traducido por Lucía" }).waitFor();

    // And the amendment to a proposal, written in French by João himself: he reads his own
    // words first, told the language it was taken to be in, the translation one click away.
    await joao.page.goto(`${session.server.url}/workshops/${workshop.id}/propose/${withAmendment.id}`);
    const item = joao.page.getByTestId("amendment").first();
    await item.getByText(amendment.body.content[0].content[0].text).waitFor();
    expect(await item.getByTestId("source-language").textContent()).toMatch(/^Escrito en francés — cambiar/);
    await item.getByTestId("translation-toggle").press("Enter");
    await item.getByText("Darles un mandato escrito, traducido por Lucía.").waitFor();
    expect(await item.locator('[data-testid="translated"][data-field="body"]').getAttribute("data-shown")).toBe("translation");

    for (const tp of [lucia, joao]) expect(tp.errors).toEqual([]);
  });
});
