// Series (démarches) over real HTTP: a facilitator starts one from a workshop, adds the
// next workshop, and the members of every stage read the series' synthesis.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError } from "../helpers/contributions.js";
import { invite, TestUser, workshopWithMembers } from "../helpers/clients.js";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close({ wipe: true }));

const documentKinds = async (user: TestUser, workshopId: string) =>
  ((await user.get(`/api/workshops/${workshopId}/synthesis/documents`)).body.documents as { kind: string }[]).map((d) => d.kind);

describe("series", () => {
  it("starts from a workshop, takes in a second one, and opens the series' synthesis to both", async () => {
    const { workshopId: first, facilitator, participant } = await workshopWithMembers(server);
    const second: string = (await facilitator.post("/api/workshops", { title: "Étape 2 : Lyon", languages: ["fr", "es"] })).body.workshop.id;
    const stageTwoMember = await new TestUser(server, `stage2-${Date.now()}@test.navette`).register("Rosa", "es");
    await invite(facilitator, second, stageTwoMember, "participant");

    const created = await facilitator.post(`/api/workshops/${first}/series`, { title: "Démarche économie solidaire", description: "Trois étapes" });
    expect(created.status).toBe(201);
    const seriesId: string = created.body.series.id;
    expect(created.body.series).toMatchObject({ title: "Démarche économie solidaire", stages: [{ workshopId: first, myRole: "facilitator" }], canAddWorkshops: true });
    expect((await participant.get(`/api/workshops/${first}`)).body.workshop.series).toEqual({ id: seriesId, title: "Démarche économie solidaire" });
    expectError(await facilitator.post(`/api/workshops/${first}/series`, { title: "Une autre" }), 409, "in_series");

    expect(await documentKinds(stageTwoMember, second)).toEqual(["main"]);
    const joined = await facilitator.put(`/api/workshops/${second}/series`, { seriesId });
    expect(joined.status).toBe(200);
    expect(joined.body.series.stages.map((s: { workshopId: string }) => s.workshopId)).toEqual([first, second]);
    expect(await documentKinds(stageTwoMember, second)).toEqual(["main", "series"]);
    expect(await documentKinds(participant, first)).toEqual(["main", "series"]);

    // A member of one stage sees the other stages, and their role in each.
    const seen = await stageTwoMember.get(`/api/series/${seriesId}`);
    expect(seen.body.series.stages).toEqual([
      { workshopId: first, title: "Atelier test", myRole: null },
      { workshopId: second, title: "Étape 2 : Lyon", myRole: "participant" },
    ]);
    expect(seen.body.series.canAddWorkshops).toBe(false);
    expect((await facilitator.get("/api/series")).body.series.map((s: { id: string }) => s.id)).toEqual([seriesId]);
    expect((await stageTwoMember.get("/api/series")).body.series).toEqual([]);

    expect((await facilitator.delete(`/api/workshops/${second}/series`)).status).toBe(200);
    expect(await documentKinds(stageTwoMember, second)).toEqual(["main"]);
    expectError(await stageTwoMember.get(`/api/series/${seriesId}`), 404, "not_found");
  });

  it("lets only facilitators of both the workshop and the series join them, and checks bodies", async () => {
    const { workshopId, facilitator, participant, outsider } = await workshopWithMembers(server);
    const seriesId: string = (await facilitator.post(`/api/workshops/${workshopId}/series`, { title: "Démarche" })).body.series.id;

    expectError(await participant.post(`/api/workshops/${workshopId}/series`, { title: "x" }), 403, "forbidden");
    expectError(await participant.delete(`/api/workshops/${workshopId}/series`), 403, "forbidden");
    expectError(await outsider.get(`/api/series/${seriesId}`), 404, "not_found");

    // The participant facilitates a workshop of their own, but not the series.
    const own: string = (await participant.post("/api/workshops", { title: "Mon atelier", languages: ["es"] })).body.workshop.id;
    expectError(await participant.put(`/api/workshops/${own}/series`, { seriesId }), 403, "forbidden");
    // A stranger to the series does not learn it exists.
    const strangers: string = (await outsider.post("/api/workshops", { title: "Ailleurs", languages: ["fr"] })).body.workshop.id;
    expectError(await outsider.put(`/api/workshops/${strangers}/series`, { seriesId }), 404, "not_found");
    expectError(await facilitator.put(`/api/workshops/${workshopId}/series`, { seriesId: "not an id!" }), 400, "validation_failed");
    expectError(await facilitator.post(`/api/workshops/${workshopId}/series`, {}), 400, "validation_failed");
    expect((await participant.get(`/api/workshops/${own}`)).body.workshop.series).toBeNull();
  });

  it("documents its routes with their permission in OpenAPI", async () => {
    const user = await new TestUser(server, `doc-${Date.now()}@test.navette`).register("Doc");
    const api = (await user.get("/api/openapi.json")).body;
    expect(api.paths["/api/workshops/{workshopId}/series"].put.description).toContain("workshop.update");
    expect(api.paths["/api/workshops/{workshopId}/series"].put.responses["409"].description).toContain("in_series");
    expect(api.paths["/api/series/{seriesId}"].get).toBeDefined();
  });
});
