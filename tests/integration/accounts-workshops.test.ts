// Accounts, workshops, members and invitations over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestUser, workshopWithMembers } from "../helpers/clients.js";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close({ wipe: true }));

describe("accounts", () => {
  it("registers, reads /api/me, logs out and logs in again", async () => {
    const ana = new TestUser(server, "ana@test.navette");
    const registered = await ana.post("/api/auth/register", { email: "Ana@Test.Navette", password: ana.password, displayName: "Ana", language: "es" });
    expect(registered.status).toBe(201);
    expect(registered.body.user).toMatchObject({ email: "ana@test.navette", displayName: "Ana", language: "es" });
    expect(registered.body.user.passwordHash).toBeUndefined();

    expect((await ana.get("/api/me")).body.user.email).toBe("ana@test.navette");
    expect((await ana.post("/api/auth/logout")).status).toBe(200);
    const afterLogout = await ana.get("/api/me");
    expect(afterLogout.status).toBe(401);
    expect(afterLogout.body.error.code).toBe("unauthenticated");

    await ana.login();
    expect((await ana.get("/api/me")).status).toBe(200);
  });

  it("sets the session as an httpOnly, SameSite=Lax cookie", async () => {
    const response = await fetch(`${server.url}/api/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "cookie@test.navette", password: "long enough pw", displayName: "C" }),
    });
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^navette_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("refuses a wrong password and an unknown email alike", async () => {
    const bob = await new TestUser(server, "bob@test.navette").register("Bob");
    const wrong = await bob.post("/api/auth/login", { email: bob.email, password: "not the password" });
    const unknown = await bob.post("/api/auth/login", { email: "nobody@test.navette", password: "whatever1" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.code).toBe("invalid_credentials");
    expect(unknown.body.error.code).toBe("invalid_credentials");
  });

  it("refuses a second account with the same email", async () => {
    await new TestUser(server, "twice@test.navette").register("First");
    const again = await new TestUser(server, "twice@test.navette").post("/api/auth/register", {
      email: "twice@test.navette",
      password: "another password",
      displayName: "Second",
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("email_taken");
  });

  it("explains malformed bodies field by field, without a stack trace", async () => {
    const res = await new TestUser(server, "x@test.navette").post("/api/auth/register", { email: "not-an-email", password: "short", language: "xx" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    const paths = res.body.error.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(["displayName", "email", "language", "password"]);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it("lets a script act with a personal API token, and not after it is revoked", async () => {
    const carla = await new TestUser(server, "carla@test.navette").register("Carla");
    const created = await carla.post("/api/me/tokens", { name: "export script" });
    expect(created.status).toBe(201);
    const token: string = created.body.token.token;
    expect(token).toMatch(/^nvt_/);

    const script = new TestUser(server, "unused");
    const me = await script.request("GET", "/api/me", undefined, { authorization: `Bearer ${token}` });
    expect(me.body.user.email).toBe("carla@test.navette");
    const listed = await carla.get("/api/me/tokens");
    expect(listed.body.tokens).toHaveLength(1);
    expect(listed.body.tokens[0].token).toBeUndefined();

    await carla.delete(`/api/me/tokens/${created.body.token.id}`);
    const after = await script.request("GET", "/api/me", undefined, { authorization: `Bearer ${token}` });
    expect(after.status).toBe(401);
  });

  it("changes the preferred language", async () => {
    const dee = await new TestUser(server, "dee@test.navette").register("Dee", "fr");
    expect((await dee.patch("/api/me", { language: "en" })).body.user.language).toBe("en");
    expect((await dee.patch("/api/me", { language: "klingon" })).status).toBe(400);
  });
});

describe("workshops", () => {
  it("creates a workshop whose creator is its facilitator, with a versioned reading grid", async () => {
    const fac = await new TestUser(server, "grid@test.navette").register("Grid");
    const created = await fac.post("/api/workshops", {
      title: "Atelier eau",
      theme: "Eau et territoire",
      languages: ["fr", "es"],
      readingGrid: [{ text: "Quelle économie ?" }, { text: "Quelles coopérations ?" }],
    });
    expect(created.status).toBe(201);
    const workshop = created.body.workshop;
    expect(workshop).toMatchObject({ title: "Atelier eau", myRole: "facilitator", memberCount: 1, languages: ["fr", "es"] });
    expect(workshop.readingGrid.version).toBe(1);
    const [q1, q2] = workshop.readingGrid.questions;

    const updated = await fac.patch(`/api/workshops/${workshop.id}`, {
      readingGrid: [{ id: q2.id, text: "Quelles coopérations entre échelles ?" }, { id: q1.id, text: q1.text }, { text: "Quelles leçons ?" }],
    });
    expect(updated.status).toBe(200);
    const grid = updated.body.workshop.readingGrid;
    expect(grid.version).toBe(2);
    expect(grid.questions.map((q: { id: string }) => q.id).slice(0, 2)).toEqual([q2.id, q1.id]);
    expect(new Set(grid.questions.map((q: { id: string }) => q.id)).size).toBe(3);

    const same = await fac.patch(`/api/workshops/${workshop.id}`, { title: "Atelier eau et emploi" });
    expect(same.body.workshop.readingGrid.version).toBe(2);
    expect((await fac.get("/api/workshops")).body.workshops.map((w: { title: string }) => w.title)).toContain("Atelier eau et emploi");
  });

  it("refuses a workshop without a working language, or with an unknown one", async () => {
    const fac = await new TestUser(server, "lang@test.navette").register("Lang");
    expect((await fac.post("/api/workshops", { title: "T", languages: [] })).status).toBe(400);
    expect((await fac.post("/api/workshops", { title: "T", languages: ["zz"] })).status).toBe(400);
    expect((await fac.post("/api/workshops", { title: "T", languages: ["fr", "fr"] })).status).toBe(400);
  });

  it("invites with a role, and the invitee becomes a member with that role", async () => {
    const { workshopId, facilitator, observer } = await workshopWithMembers(server);
    const members = (await facilitator.get(`/api/workshops/${workshopId}/members`)).body.members;
    expect(members.map((m: { role: string }) => m.role).sort()).toEqual(["facilitator", "host", "observer", "participant", "translator"]);
    const seen = await observer.get(`/api/workshops/${workshopId}`);
    expect(seen.body.workshop.myRole).toBe("observer");
    expect(seen.body.workshop.memberCount).toBe(5);
  });

  it("shows a workshop to nobody outside it", async () => {
    const { workshopId, outsider } = await workshopWithMembers(server);
    const res = await outsider.get(`/api/workshops/${workshopId}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
    expect((await outsider.get(`/api/workshops/${workshopId}/members`)).status).toBe(404);
    expect((await new TestUser(server, "anon").get(`/api/workshops/${workshopId}`)).status).toBe(401);
  });

  it("lets only facilitators edit the workshop, invite and change roles", async () => {
    const { workshopId, participant, host } = await workshopWithMembers(server);
    for (const res of [
      await participant.patch(`/api/workshops/${workshopId}`, { title: "Hijacked" }),
      await host.post(`/api/workshops/${workshopId}/invitations`, { role: "facilitator" }),
      await host.get(`/api/workshops/${workshopId}/invitations`),
      await participant.patch(`/api/workshops/${workshopId}/members/${host.id}`, { role: "observer" }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    }
  });

  it("changes a role, but never removes the last facilitator", async () => {
    const { workshopId, facilitator, participant } = await workshopWithMembers(server);
    const promoted = await facilitator.patch(`/api/workshops/${workshopId}/members/${participant.id}`, { role: "host" });
    expect(promoted.body.member.role).toBe("host");
    const demoted = await facilitator.patch(`/api/workshops/${workshopId}/members/${facilitator.id}`, { role: "participant" });
    expect(demoted.status).toBe(409);
    expect(demoted.body.error.code).toBe("last_facilitator");
  });

  it("refuses revoked and used-up invitations with a clear reason", async () => {
    const { workshopId, facilitator } = await workshopWithMembers(server);
    const once = (await facilitator.post(`/api/workshops/${workshopId}/invitations`, { role: "participant", maxUses: 1 })).body.invitation;
    const first = await new TestUser(server, "first-use@test.navette").register("First");
    const second = await new TestUser(server, "second-use@test.navette").register("Second");
    expect((await first.post(`/api/invitations/${once.token}/accept`)).status).toBe(200);
    const usedUp = await second.post(`/api/invitations/${once.token}/accept`);
    expect(usedUp.status).toBe(410);
    expect(usedUp.body.error.code).toBe("invitation_used");

    const revoked = (await facilitator.post(`/api/workshops/${workshopId}/invitations`, { role: "observer" })).body.invitation;
    expect((await facilitator.delete(`/api/workshops/${workshopId}/invitations/${revoked.id}`)).status).toBe(200);
    const preview = await second.get(`/api/invitations/${revoked.token}`);
    expect(preview.body.invitation).toMatchObject({ usable: false, reason: "revoked" });
    expect((await second.post(`/api/invitations/${revoked.token}/accept`)).body.error.code).toBe("invitation_expired");
    expect((await second.get(`/api/workshops/${workshopId}`)).status).toBe(404);
  });

  it("answers unknown API routes with a JSON 404", async () => {
    const res = await new TestUser(server, "anon").get("/api/nothing-here");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });

  it("documents every route in OpenAPI with its permission", async () => {
    const doc = (await new TestUser(server, "anon").get("/api/openapi.json")).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/auth/login", "/api/workshops/{workshopId}/invitations", "/api/invitations/{token}/accept"]));
    expect(doc.paths["/api/workshops/{workshopId}"].patch.description).toContain("workshop.update");
    expect(doc.paths["/api/workshops/{workshopId}"].patch.responses["403"]).toBeDefined();
  });
});
