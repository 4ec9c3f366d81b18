// An invitation link, end to end: the facilitator creates it, a newcomer registers
// from it, joins, and lands in the workshop with the role the link gives.
import { describe, expect, it } from "vitest";
import { moveCaretToEndOfSynthesis, openSynthesisFromWorkshop, skipWithoutBrowser, waitForSyncedSynthesis } from "../helpers/browser.js";
import { browserSession } from "../helpers/e2e.js";

// Browsers are slow on a busy two-core machine: allow more than the default minute.
describe.skipIf(skipWithoutBrowser())("an invitation link", { timeout: 120_000 }, () => {
  const session = browserSession();

  it("brings a newcomer in as an observer, who can write once made a participant", async () => {
    const facilitator = await session.signedIn("camille@demo.navette");
    await facilitator.page.locator(".workshop-card a", { hasText: /^Atelier/ }).click();
    await facilitator.page.locator('a[href$="/invitations"]').click();
    await facilitator.page.locator("#invitation-role").selectOption("observer");
    await facilitator.page.locator("form button[type=submit]").click();
    const link = await facilitator.page.locator(".invitation-card input[readonly]").first().inputValue();
    expect(link).toMatch(new RegExp(`^${session.server.url}/invite/`));

    const newcomer = await session.page({ locale: "es-ES" });
    await newcomer.page.goto(link);
    await newcomer.page.locator('a[href^="/register?next="]').first().click();
    await newcomer.page.locator("#register-name").fill("Marta Ruiz");
    await newcomer.page.locator("#register-email").fill("marta@example.org");
    await newcomer.page.locator("#register-password").fill("una-clave-larga");
    await newcomer.page.locator("form button[type=submit]").click();
    await newcomer.page.waitForURL(link);

    await newcomer.page.locator("button.primary").click();
    await newcomer.page.waitForURL(/\/workshops\/[^/]+$/);
    await newcomer.page.getByTestId("presence-list").filter({ hasText: "Marta Ruiz" }).waitFor();
    await openSynthesisFromWorkshop(newcomer.page);
    await newcomer.page.locator('[data-testid="synthesis-editor"][contenteditable="false"]').waitFor();
    // The interface followed the language chosen at registration (Spanish, from the browser).
    expect(await newcomer.page.locator("html").getAttribute("lang")).toBe("es");

    // The facilitator finds the new member in the workshop, as an observer.
    await facilitator.page.goto(`${session.server.url}/`);
    await facilitator.page.locator(".workshop-card a", { hasText: /^Atelier/ }).click();
    const martaRole = facilitator.page.locator(".members li", { hasText: "Marta Ruiz" }).locator("select");
    await martaRole.waitFor();
    expect(await martaRole.inputValue()).toBe("observer");

    // Made a participant, the newcomer can write, and the facilitator sees it.
    await martaRole.selectOption("participant");
    await newcomer.page.locator('[data-testid="synthesis-editor"][contenteditable="true"]').waitFor();
    await waitForSyncedSynthesis(newcomer.page);
    await moveCaretToEndOfSynthesis(newcomer.page);
    await newcomer.page.keyboard.press("Enter");
    await newcomer.page.keyboard.type("Una propuesta de Marta.");
    await openSynthesisFromWorkshop(facilitator.page);
    await facilitator.page.getByTestId("synthesis-editor").filter({ hasText: "Una propuesta de Marta." }).waitFor();
    await facilitator.page.goBack();

    // Switching the interface language also changes the reading language others see.
    await facilitator.page.getByTestId("presence-list").locator("li", { hasText: "Marta Ruiz" }).filter({ hasText: "Español" }).waitFor();
    await newcomer.page.locator("select.language-switcher").selectOption("en");
    await newcomer.page.locator('html[lang="en"]').waitFor();
    await newcomer.page.locator('[data-testid="synthesis-editor"][aria-label="Synthesis text"]').waitFor();
    await facilitator.page.getByTestId("presence-list").locator("li", { hasText: "Marta Ruiz" }).filter({ hasText: "English" }).waitFor();
    await newcomer.page.reload();
    await newcomer.page.getByTestId("current-user").waitFor();
    expect(await newcomer.page.locator("html").getAttribute("lang")).toBe("en");

    expect([...facilitator.errors, ...newcomer.errors]).toEqual([]);
    await facilitator.context.close();
    await newcomer.context.close();
  });
});
