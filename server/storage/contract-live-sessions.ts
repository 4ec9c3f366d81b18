// The storage contract of live sessions; storageContract in contract.ts runs it against every adapter.
import { expect, it } from "vitest";
import { initialLiveState } from "../../shared/domain/live-session.js";
import type { LiveSessionRecord, Storage, UserRecord, WorkshopRecord } from "./port.js";

type WithStorage = (test: (storage: Storage) => Promise<void>) => () => Promise<void>;

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 9, minute)).toISOString();

export function liveSessionContract(withStorage: WithStorage, build: { user: () => UserRecord; workshop: (createdBy: string) => WorkshopRecord }) {
  async function setUp(s: Storage) {
    const facilitator = build.user();
    await s.users.create(facilitator);
    const w = build.workshop(facilitator.id);
    await s.workshops.create(w, "facilitator");
    return { w, facilitator };
  }
  const session = (workshopId: string, startedBy: string, id: string): LiveSessionRecord => ({
    id,
    workshopId,
    status: "running",
    startedAt: at(0),
    startedBy,
    endedAt: null,
    state: initialLiveState(),
    updatedAt: at(0),
  });

  it("keeps at most one running live session per workshop, and its state and timeline in order", withStorage(async (s) => {
    const { w, facilitator } = await setUp(s);
    const first = session(w.id, facilitator.id, `ls${w.id}a`);
    const started = { sessionId: first.id, at: at(0), actorId: facilitator.id, type: "started", data: {} };
    expect(await s.liveSessions.start(first, started)).toBe(true);
    expect(await s.liveSessions.start(session(w.id, facilitator.id, `ls${w.id}b`), { ...started, sessionId: `ls${w.id}b` })).toBe(false);

    const shown = { ...first, state: { ...first.state, item: { kind: "fiche" as const, id: "fiche-1" } }, updatedAt: at(1) };
    await s.liveSessions.record(shown, { sessionId: first.id, at: at(1), actorId: facilitator.id, type: "item", data: { item: shown.state.item } });
    expect(await s.liveSessions.running(w.id)).toEqual(shown);

    const poll = { id: `p${w.id}`, sessionId: first.id, question: "D'accord ?", kind: "agreement" as const, options: ["agree", "disagree", "abstain"], results: "hidden" as const, openedAt: at(2), closedAt: at(3), counts: { agree: 2, disagree: 1, abstain: 0 } };
    const ended = { ...shown, status: "ended" as const, endedAt: at(4), updatedAt: at(4) };
    await s.liveSessions.record(ended, { sessionId: first.id, at: at(4), actorId: facilitator.id, type: "ended", data: {} }, poll);
    expect(await s.liveSessions.running(w.id)).toBeNull();
    expect((await s.liveSessions.timeline(first.id)).map((e) => e.type)).toEqual(["started", "item", "ended"]);
    expect((await s.liveSessions.timeline(first.id))[1]!.data).toEqual({ item: { kind: "fiche", id: "fiche-1" } });
    expect(await s.liveSessions.closedPolls(first.id)).toEqual([poll]);

    // A projector token opens its session until it is revoked.
    await s.liveSessions.setProjectorToken(first.id, `hash-${w.id}`);
    expect((await s.liveSessions.byProjectorToken(`hash-${w.id}`))?.id).toBe(first.id);
    await s.liveSessions.setProjectorToken(first.id, null);
    expect(await s.liveSessions.byProjectorToken(`hash-${w.id}`)).toBeNull();

    // Once ended, another may start.
    expect(await s.liveSessions.start({ ...session(w.id, facilitator.id, `ls${w.id}c`), startedAt: at(5) }, { ...started, sessionId: `ls${w.id}c` })).toBe(true);
    // The newest first.
    expect((await s.liveSessions.list(w.id)).map((x) => [x.id, x.status])).toEqual([[`ls${w.id}c`, "running"], [`ls${w.id}a`, "ended"]]);
  }));
}
