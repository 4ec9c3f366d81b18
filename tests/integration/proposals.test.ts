// Proposals over real HTTP and socket.io-client users in each role: supports, amendments,
// the facilitator's decision, sorting and the propose sequence.
import { describe, expect, it } from "vitest";
import { emitAck, workshopWithMembers } from "../helpers/clients.js";
import { allPages, doc, expectError, inRoom, nextEvent, openAll, serverForFile, setSequences } from "../helpers/contributions.js";

const running = serverForFile();

async function setUp() {
  const members = await workshopWithMembers(running.server);
  await openAll(members.facilitator, members.workshopId);
  const proposals = `/api/workshops/${members.workshopId}/proposals`;
  const created = await members.participant.post(proposals, {
    title: "Reconnaître les espaces de dialogue social territorial",
    body: doc("Donner aux espaces de dialogue des moyens propres et durables."),
  });
  return { ...members, proposals, proposal: created.body.proposal };
}

describe("making proposals", () => {
  it("is for contributors while propose is open", async () => {
    const { workshopId, facilitator, translator, host, proposals, proposal } = await setUp();
    expect(proposal).toMatchObject({ status: "open", supportCount: 0, supportedByMe: false, version: 1, amendments: { pending: 0, accepted: 0, rejected: 0 } });
    expectError(await translator.post(proposals, { title: "t", body: doc("b") }), 403, "forbidden");
    expectError(await host.post(proposals, { title: "", body: doc("b") }), 400, "validation_failed");
    expectError(await host.post(proposals, { title: "t", body: "texte brut" }), 400, "validation_failed");
    await setSequences(facilitator, workshopId, [["propose", "closed"]]);
    expectError(await host.post(proposals, { title: "Trop tard", body: doc("b") }), 409, "sequence_closed");
  });

  it("is refused before the propose sequence opens", async () => {
    const { workshopId, facilitator, host } = await workshopWithMembers(running.server);
    await setSequences(facilitator, workshopId, [["illustrate", "open"], ["debate", "open"]]);
    expectError(await host.post(`/api/workshops/${workshopId}/proposals`, { title: "t", body: doc("b") }), 409, "sequence_not_open");
  });

  it("lets the author edit from the version they read, keeping every version", async () => {
    const { participant, host, proposals, proposal } = await setUp();
    const path = `${proposals}/${proposal.id}`;
    const edited = await participant.patch(path, { baseVersion: 1, body: doc("Des moyens propres, durables et partagés.") });
    expect(edited.body.proposal.version).toBe(2);
    expectError(await participant.patch(path, { baseVersion: 1, title: "Version périmée" }), 409, "edit_conflict");
    expectError(await host.patch(path, { baseVersion: 2, title: "Pas la mienne" }), 403, "not_author");
    expectError(await participant.patch(path, { baseVersion: 2 }), 400, "validation_failed");
    const versions = await participant.get(`${path}/revisions`);
    expect(versions.body.items.map((v: { version: number; changedBy: { id: string } }) => [v.version, v.changedBy.id])).toEqual([[1, participant.id], [2, participant.id]]);
  });
});

describe("supports", () => {
  it("count one per member, can be withdrawn, and reach the room live", async () => {
    const { workshopId, host, observer, participant, proposals, proposal } = await setUp();
    const watcher = await inRoom(participant, workshopId);
    const seen = nextEvent(watcher, "proposal.updated", (e) => e.proposal.supportCount === 1);
    const supported = await host.post(`${proposals}/${proposal.id}/support`);
    expect(supported.body.proposal).toMatchObject({ supportCount: 1, supportedByMe: true });
    expect((await seen).proposal).not.toHaveProperty("supportedByMe");
    expectError(await host.post(`${proposals}/${proposal.id}/support`), 409, "already_supported");

    const socket = await inRoom(observer, workshopId);
    expect((await emitAck(socket, "proposal.support", { workshopId, proposalId: proposal.id })).proposal).toMatchObject({ supportCount: 2, supportedByMe: true });
    expect((await emitAck(socket, "proposal.support", { workshopId, proposalId: proposal.id })).error.code).toBe("already_supported");
    expect((await emitAck(socket, "proposal.withdrawSupport", { workshopId, proposalId: proposal.id })).proposal).toMatchObject({ supportCount: 1, supportedByMe: false });
    expect((await emitAck(socket, "proposal.withdrawSupport", { workshopId, proposalId: proposal.id })).error.code).toBe("not_supported");
    expectError(await observer.delete(`${proposals}/${proposal.id}/support`), 409, "not_supported");
    expect((await participant.get(`${proposals}/${proposal.id}`)).body.proposal).toMatchObject({ supportCount: 1, supportedByMe: false });
  });

  it("are refused to translators, in a closed sequence, and with malformed payloads", async () => {
    const { workshopId, facilitator, translator, host, proposals, proposal } = await setUp();
    expectError(await translator.post(`${proposals}/${proposal.id}/support`), 403, "forbidden");
    const socket = await inRoom(host, workshopId);
    for (const payload of [{ workshopId }, { workshopId, proposalId: 42 }, "support"]) {
      expect((await emitAck(socket, "proposal.support", payload)).error.code, JSON.stringify(payload)).toBe("validation_failed");
    }
    await setSequences(facilitator, workshopId, [["propose", "closed"]]);
    expectError(await host.post(`${proposals}/${proposal.id}/support`), 409, "sequence_closed");
  });
});

describe("sorting", () => {
  it("orders by supports or by date, page after page", async () => {
    const { facilitator, host, observer, participant, proposals, proposal } = await setUp();
    const second = (await host.post(proposals, { title: "Mutualiser les emplois", body: doc("Des groupements d'employeurs partout") })).body.proposal;
    const third = (await observer.post(proposals, { title: "Former les élus", body: doc("Des formations croisées") })).body.proposal;
    for (const member of [facilitator, host, observer]) await member.post(`${proposals}/${second.id}/support`);
    await participant.post(`${proposals}/${third.id}/support`);

    const ids = async (sort: string) => (await allPages<{ id: string }>(participant, `${proposals}?sort=${sort}`, 1)).map((p) => p.id);
    expect(await ids("supports")).toEqual([second.id, third.id, proposal.id]);
    expect(await ids("newest")).toEqual([third.id, second.id, proposal.id]);
    expect(await ids("oldest")).toEqual([proposal.id, second.id, third.id]);
    const mine = (await participant.get(`${proposals}?sort=supports`)).body.items;
    expect(mine.map((p: { supportedByMe: boolean }) => p.supportedByMe)).toEqual([false, true, false]);
    expectError(await participant.get(`${proposals}?sort=random`), 400, "validation_failed");
    expectError(await participant.get(`${proposals}?cursor=${Buffer.from("[\"x\"]").toString("base64url")}`), 400, "invalid_cursor");
  });
});

describe("amendments", () => {
  it("are accepted by the proposal's author, which makes a new version with its history", async () => {
    const { workshopId, host, participant, observer, proposals, proposal } = await setUp();
    const path = `${proposals}/${proposal.id}`;
    const watcher = await inRoom(observer, workshopId);
    const suggested = nextEvent(watcher, "amendment.updated");
    const amendment = (await host.post(`${path}/amendments`, { title: "Reconnaître et financer le dialogue territorial", body: doc("Des moyens propres, pluriannuels."), rationale: "Sans budget, rien ne dure." })).body.amendment;
    expect(amendment).toMatchObject({ status: "pending", baseVersion: 1, author: { id: host.id } });
    expect((await suggested).amendment.id).toBe(amendment.id);
    const rival = (await observer.post(`${path}/amendments`, { body: doc("Une autre rédaction") })).body.amendment;

    expectError(await observer.post(`/api/workshops/${workshopId}/amendments/${amendment.id}/decision`, { decision: "accepted" }), 403, "not_author");
    const updated = nextEvent(watcher, "proposal.updated", (e) => e.proposal.version === 2);
    const accepted = await participant.post(`/api/workshops/${workshopId}/amendments/${amendment.id}/decision`, { decision: "accepted", reason: "Plus précis" });
    expect(accepted.body.amendment).toMatchObject({ status: "accepted", decision: { reason: "Plus précis", by: { id: participant.id } } });
    expect((await updated).proposal).toMatchObject({ title: "Reconnaître et financer le dialogue territorial", body: doc("Des moyens propres, pluriannuels."), amendments: { pending: 1, accepted: 1, rejected: 0 } });

    const history = (await participant.get(`${path}/revisions`)).body.items;
    expect(history.map((r: { version: number; title: string; amendmentId: string | null }) => [r.version, r.title, r.amendmentId])).toEqual([
      [1, "Reconnaître les espaces de dialogue social territorial", null],
      [2, "Reconnaître et financer le dialogue territorial", amendment.id],
    ]);

    expectError(await participant.post(`/api/workshops/${workshopId}/amendments/${amendment.id}/decision`, { decision: "rejected" }), 409, "amendment_decided");
    expectError(await participant.post(`/api/workshops/${workshopId}/amendments/${rival.id}/decision`, { decision: "accepted" }), 409, "amendment_outdated");
    const rejected = await participant.post(`/api/workshops/${workshopId}/amendments/${rival.id}/decision`, { decision: "rejected", reason: "Déjà couvert" });
    expect(rejected.body.amendment.status).toBe("rejected");
    expect((await observer.get(`${path}/amendments`)).body.items.map((a: { status: string }) => a.status)).toEqual(["accepted", "rejected"]);
  });

  it("may be decided by a facilitator on anyone's proposal, never by other roles", async () => {
    const { workshopId, facilitator, host, translator, proposals, proposal } = await setUp();
    const amendment = (await host.post(`${proposals}/${proposal.id}/amendments`, { body: doc("Autrement dit") })).body.amendment;
    expectError(await translator.post(`${proposals}/${proposal.id}/amendments`, { body: doc("x") }), 403, "forbidden");
    expectError(await host.post(`${proposals}/${proposal.id}/amendments`, { body: doc("x"), title: 7 }), 400, "validation_failed");
    expectError(await translator.post(`/api/workshops/${workshopId}/amendments/${amendment.id}/decision`, { decision: "accepted" }), 403, "forbidden");
    expectError(await facilitator.post(`/api/workshops/${workshopId}/amendments/${amendment.id}/decision`, { decision: "maybe" }), 400, "validation_failed");
    expect((await facilitator.post(`/api/workshops/${workshopId}/amendments/${amendment.id}/decision`, { decision: "rejected" })).body.amendment.status).toBe("rejected");
  });
});

describe("the facilitator's decision", () => {
  it("marks a proposal retained, merged into the synthesis or declined, with a reason, even once propose is closed", async () => {
    const { workshopId, facilitator, participant, host, proposals, proposal } = await setUp();
    const path = `${proposals}/${proposal.id}`;
    expectError(await participant.post(`${path}/status`, { status: "retained", reason: "J'y tiens" }), 403, "forbidden");
    expectError(await facilitator.post(`${path}/status`, { status: "retained" }), 400, "validation_failed");
    expectError(await facilitator.post(`${path}/status`, { status: "adopted", reason: "x" }), 400, "validation_failed");
    await setSequences(facilitator, workshopId, [["propose", "closed"]]);
    const merged = await facilitator.post(`${path}/status`, { status: "merged", reason: "Repris dans la synthèse, constat 2" });
    expect(merged.body.proposal).toMatchObject({ status: "merged", statusDecision: { reason: "Repris dans la synthèse, constat 2", by: { id: facilitator.id } } });
    expectError(await facilitator.post(`${path}/status`, { status: "merged", reason: "encore" }), 409, "invalid_transition");
    await setSequences(facilitator, workshopId, [["propose", "open"]]);
    expectError(await host.post(`${path}/support`), 409, "proposal_decided");
    expectError(await host.post(`${path}/amendments`, { body: doc("x") }), 409, "proposal_decided");
    expect((await participant.get(`${proposals}?status=merged`)).body.items.map((p: { id: string }) => p.id)).toEqual([proposal.id]);
  });
});
