// Live sessions over real socket.io-clients: the facilitator drives, every screen follows.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { skipWithoutApertium } from "../helpers/apertium.js";
import { startChildServer } from "../helpers/child-server.js";
import { startServer } from "../helpers/server.js";
import { emitAck, workshopWithMembers } from "../helpers/clients.js";
import { doc, inRoom, nextEvent, openAll, openSockets, recorder, serverForFile } from "../helpers/contributions.js";
import { download, markdownBlocks, pdfText } from "../helpers/export.js";

const running = serverForFile();

async function sessionStarted() {
  const people = await workshopWithMembers(running.server);
  const console = await inRoom(people.facilitator, people.workshopId);
  const started = await emitAck(console, "liveSession.start", { workshopId: people.workshopId });
  expect(started).toMatchObject({ ok: true, session: { status: "running", item: null, queue: [] } });
  return { ...people, console };
}

/** Real items of the workshop, for every screen: a grid question, a thread, a proposal, an agenda slot, a submitted fiche. */
async function itemsOf(people: Awaited<ReturnType<typeof workshopWithMembers>>) {
  const { workshopId, facilitator, host } = people;
  const base = `/api/workshops/${workshopId}`;
  await openAll(facilitator, workshopId);
  const question: string = (await facilitator.get(base)).body.workshop.readingGrid.questions[0].id;
  const thread = (await host.post(`${base}/threads`, { title: "Des lieux pour se parler", body: doc("Où se parle-t-on ?") })).body;
  const proposal: string = (await host.post(`${base}/proposals`, { title: "Un fonds local pour l'emploi", body: doc("Mutualiser les emplois.") })).body.proposal.id;
  const slot: string = (
    await facilitator.post(`${base}/agenda`, { startsAt: "2007-12-13T09:00:00+01:00", endsAt: "2007-12-13T09:30:00+01:00", title: "Introduction", presenters: [], framingQuestions: [] })
  ).body.slots[0].id;
  const fiche: string = (await host.post(`${base}/fiches`, { rows: { title: "Le conseil de développement" } })).body.fiche.id;
  expect((await host.post(`${base}/fiches/${fiche}/status`, { status: "submitted" })).status).toBe(200);
  return { question, thread: thread.thread.id as string, post: thread.post.id as string, proposal, slot, fiche };
}

/** Every console event, with a payload that a facilitator may send. */
const consoleEvents = (workshopId: string, userId: string): [string, object][] => [
  ["liveSession.start", { workshopId }],
  ["liveSession.setItem", { workshopId, sequence: "debate", item: { kind: "fiche", id: "fiche-0001" } }],
  ["liveSession.timer", { workshopId, timer: "speaker", action: "start" }],
  ["liveSession.pin", { workshopId, target: { kind: "post", id: "post-00001" }, pinned: true }],
  ["liveSession.giveFloor", { workshopId, userId }],
  ["liveSession.removeFromQueue", { workshopId, userId }],
  ["liveSession.orderQueue", { workshopId, order: "leastSpoken" }],
  ["liveSession.poll.open", { workshopId, question: "D'accord ?", kind: "agreement", results: "hidden" }],
  ["liveSession.poll.close", { workshopId, pollId: "poll-00001" }],
  ["liveSession.projector.issue", { workshopId, languages: ["fr", "es"] }],
  ["liveSession.projector.revoke", { workshopId }],
  ["liveSession.end", { workshopId }],
];

describe("live session", () => {
  it("refuses every console event to each role but the facilitator, and to non-members", async () => {
    const { workshopId, host, observer, participant, translator, outsider, console } = await sessionStarted();
    for (const [role, user] of Object.entries({ host, observer, participant, translator })) {
      const socket = await inRoom(user, workshopId);
      for (const [event, payload] of consoleEvents(workshopId, user.id)) {
        const answer = await emitAck(socket, event, payload);
        expect({ role, event, answer }).toMatchObject({ role, event, answer: { ok: false, error: { code: "forbidden" } } });
      }
    }
    const stranger = outsider.socket();
    openSockets.push(stranger);
    for (const [event, payload] of consoleEvents(workshopId, outsider.id)) {
      expect(await emitAck(stranger, event, payload)).toMatchObject({ ok: false, error: { code: "not_found" } });
    }
    // A translator reads along and may ask for the floor, but does not vote.
    expect(await emitAck(await inRoom(translator, workshopId), "liveSession.poll.vote", { workshopId, pollId: "poll-00001", choice: "agree" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    // Nothing above changed the session.
    const state = await emitAck(console, "liveSession.orderQueue", { workshopId, order: "raised" });
    expect(state.session).toMatchObject({ item: null, pinned: [], poll: null, speaker: null, status: "running" });
  });

  it("runs one session per workshop, and answers no_live_session when none runs", async () => {
    const { workshopId, console, participant } = await sessionStarted();
    expect(await emitAck(console, "liveSession.start", { workshopId })).toMatchObject({ ok: false, error: { code: "live_session_running" } });
    expect((await emitAck(console, "liveSession.end", { workshopId })).session).toMatchObject({ status: "ended" });
    expect(await emitAck(console, "liveSession.setItem", { workshopId, item: null })).toMatchObject({ ok: false, error: { code: "no_live_session" } });
    expect(await emitAck(await inRoom(participant, workshopId), "liveSession.raiseHand", { workshopId, kind: "point" })).toMatchObject({ ok: false, error: { code: "no_live_session" } });
    expect(await emitAck(console, "liveSession.start", { workshopId })).toMatchObject({ ok: true });
  });

  it("shows the current item to the room, with the server's clock for the timers", async () => {
    const people = await sessionStarted();
    const { workshopId, console, participant } = people;
    const { question, proposal } = await itemsOf(people);
    const follower = await inRoom(participant, workshopId);
    const seen = nextEvent(follower, "liveSession.updated", (e) => e.session.item !== null);
    await emitAck(console, "liveSession.setItem", { workshopId, sequence: "propose", item: { kind: "question", id: question } });
    const { session } = await seen;
    expect(session).toMatchObject({ sequence: "propose", item: { kind: "question", id: question } });
    expect(Number.isNaN(Date.parse(session.now))).toBe(false);

    const started = (await emitAck(console, "liveSession.timer", { workshopId, timer: "sequence", action: "start" })).session.timers.sequence;
    expect(started).toMatchObject({ durationMs: 3_600_000, remainingMs: 3_600_000 });
    expect(started.startedAt).not.toBeNull();
    const longer = (await emitAck(console, "liveSession.timer", { workshopId, timer: "sequence", action: "addMinute" })).session.timers.sequence;
    expect(longer).toMatchObject({ durationMs: 3_660_000, remainingMs: 3_660_000, startedAt: started.startedAt });
    const paused = (await emitAck(console, "liveSession.timer", { workshopId, timer: "sequence", action: "pause" })).session.timers.sequence;
    expect(paused.startedAt).toBeNull();
    expect(paused.remainingMs).toBeLessThanOrEqual(3_660_000);

    const pinned = await emitAck(console, "liveSession.pin", { workshopId, target: { kind: "proposal", id: proposal }, pinned: true });
    // A pin carries its title as written, for every screen to name it.
    expect(pinned.session.pinned).toEqual([{ kind: "proposal", id: proposal, label: "Un fonds local pour l'emploi" }]);
    expect((await emitAck(console, "liveSession.pin", { workshopId, target: { kind: "proposal", id: proposal }, pinned: false })).session.pinned).toEqual([]);
  });

  it("puts on every screen only what is in this workshop and for the whole room: no made-up id, no draft fiche, no hidden post, nothing from another workshop", async () => {
    const people = await sessionStarted();
    const { workshopId, console, host } = people;
    const items = await itemsOf(people);
    const base = `/api/workshops/${workshopId}`;
    const draft: string = (await host.post(`${base}/fiches`, { rows: { title: "Brouillon" } })).body.fiche.id;
    expect((await emitAck(console, "post.moderate", { workshopId, postId: items.post, hidden: true, reason: "Hors sujet" })).ok).toBe(true);
    const elsewhere = await workshopWithMembers(running.server);
    const foreign = await itemsOf(elsewhere);
    const notFound = { ok: false, error: { code: "live_item_not_found" } };

    for (const item of [
      { kind: "fiche", id: draft },
      { kind: "fiche", id: foreign.fiche },
      { kind: "proposal", id: "proposal-1" },
      { kind: "question", id: "q99" },
      { kind: "agendaSlot", id: foreign.slot },
      { kind: "thread", id: foreign.thread },
      { kind: "synthesisPassage", documentId: "document-01", blockId: "b-12" },
    ]) {
      expect({ item, answer: await emitAck(console, "liveSession.setItem", { workshopId, item }) }).toMatchObject({ item, answer: notFound });
    }
    expect(await emitAck(console, "liveSession.pin", { workshopId, target: { kind: "post", id: items.post }, pinned: true })).toMatchObject(notFound);
    expect(await emitAck(console, "liveSession.pin", { workshopId, target: { kind: "fiche", id: draft }, pinned: true })).toMatchObject(notFound);

    // What is there and for everyone goes on every screen; the refusals above changed nothing.
    for (const item of [{ kind: "fiche", id: items.fiche }, { kind: "proposal", id: items.proposal }, { kind: "agendaSlot", id: items.slot }, { kind: "thread", id: items.thread }]) {
      expect((await emitAck(console, "liveSession.setItem", { workshopId, item })).session.item).toEqual(item);
    }
    expect((await emitAck(console, "liveSession.pin", { workshopId, target: { kind: "fiche", id: items.fiche }, pinned: true })).session.pinned).toEqual([{ kind: "fiche", id: items.fiche, label: "Le conseil de développement" }]);
  });

  it("puts direct replies ahead of new points, and those who have spoken least first when asked", async () => {
    const { workshopId, console, host, observer, participant } = await sessionStarted();
    const [h, o, p] = await Promise.all([inRoom(host, workshopId), inRoom(observer, workshopId), inRoom(participant, workshopId)]);
    const queueOf = (answer: any) => answer.session.queue.map((e: { userId: string; kind: string }) => [e.userId, e.kind]);

    // The host has the floor, then ends; a turn is at least a millisecond long (the server shares this clock).
    await emitAck(h, "liveSession.raiseHand", { workshopId, kind: "point" });
    const floor = (await emitAck(console, "liveSession.giveFloor", { workshopId, userId: host.id })).session.speaker;
    expect(floor).toMatchObject({ userId: host.id, displayName: "host person", language: "fr" });
    while (Date.now() <= Date.parse(floor.since)) await new Promise((resolve) => setImmediate(resolve));
    const spoken = (await emitAck(console, "liveSession.giveFloor", { workshopId, userId: null })).session.spokenMs;
    expect(spoken[host.id]).toBeGreaterThan(0);

    // Raised in this order: the host again, the participant, then the observer with a direct reply.
    await emitAck(h, "liveSession.raiseHand", { workshopId, kind: "point" });
    await emitAck(p, "liveSession.raiseHand", { workshopId, kind: "point" });
    const replied = await emitAck(o, "liveSession.raiseHand", { workshopId, kind: "reply" });
    expect(queueOf(replied)).toEqual([[observer.id, "reply"], [host.id, "point"], [participant.id, "point"]]);
    expect(replied.session.queue[2]).toMatchObject({ displayName: "participant person", language: "es" });

    const leastFirst = await emitAck(console, "liveSession.orderQueue", { workshopId, order: "leastSpoken" });
    expect(queueOf(leastFirst)).toEqual([[observer.id, "reply"], [participant.id, "point"], [host.id, "point"]]);

    // Lowering a hand and being removed both leave the queue.
    expect(queueOf(await emitAck(p, "liveSession.lowerHand", { workshopId }))).toEqual([[observer.id, "reply"], [host.id, "point"]]);
    expect(queueOf(await emitAck(console, "liveSession.removeFromQueue", { workshopId, userId: observer.id }))).toEqual([[host.id, "point"]]);
    expect(await emitAck(console, "liveSession.giveFloor", { workshopId, userId: participant.id })).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("takes one vote per person, keeps hidden results from participants until close, then stores them", async () => {
    const { workshopId, console, host, participant, observer } = await sessionStarted();
    const [h, p, o] = await Promise.all([inRoom(host, workshopId), inRoom(participant, workshopId), inRoom(observer, workshopId)]);
    const followerSees = recorder(p, "liveSession.updated");
    const facilitatorResults = recorder(console, "liveSession.poll.results");
    const participantResults = recorder(p, "liveSession.poll.results");

    const opened = await emitAck(console, "liveSession.poll.open", { workshopId, question: "Retenir la proposition ?", kind: "agreement", results: "hidden" });
    const pollId = opened.session.poll.id;
    expect(opened.session.poll).toMatchObject({ status: "open", options: ["agree", "disagree", "abstain"], counts: { agree: 0, disagree: 0, abstain: 0 } });

    expect((await emitAck(p, "liveSession.poll.vote", { workshopId, pollId, choice: "agree" })).session.poll).toMatchObject({ myVote: "agree", counts: null, voteCount: 1 });
    expect((await emitAck(p, "liveSession.poll.vote", { workshopId, pollId, choice: "disagree" })).session.poll).toMatchObject({ myVote: "disagree", counts: null, voteCount: 1 });
    await emitAck(h, "liveSession.poll.vote", { workshopId, pollId, choice: "disagree" });
    expect(await emitAck(o, "liveSession.poll.vote", { workshopId, pollId, choice: "maybe" })).toMatchObject({ ok: false, error: { code: "invalid_choice" } });
    expect(await emitAck(o, "liveSession.poll.vote", { workshopId, pollId: "another-poll", choice: "agree" })).toMatchObject({ ok: false, error: { code: "not_found" } });

    // A latecomer who is no facilitator does not see them either.
    expect((await emitAck(o, "workshop.join", { workshopId })).liveSession.poll).toMatchObject({ counts: null, voteCount: 2, myVote: null });
    await followerSees.settle();
    await participantResults.settle();
    expect(followerSees.seen.filter((e) => e.session.poll).map((e) => e.session.poll.counts)).toEqual([null, null, null, null]);
    expect(participantResults.seen).toEqual([]);
    await facilitatorResults.settle();
    expect(facilitatorResults.seen.at(-1)).toMatchObject({ pollId, counts: { agree: 0, disagree: 2, abstain: 0 }, voteCount: 2 });

    const closedSeen = nextEvent(p, "liveSession.updated", (e) => e.session.poll?.status === "closed");
    await emitAck(console, "liveSession.poll.close", { workshopId, pollId });
    expect((await closedSeen).session.poll).toMatchObject({ counts: { agree: 0, disagree: 2, abstain: 0 }, voteCount: 2 });
    expect(await emitAck(p, "liveSession.poll.vote", { workshopId, pollId, choice: "agree" })).toMatchObject({ ok: false, error: { code: "poll_closed" } });

    const stored = await running.server.app.storage.liveSessions.closedPolls(opened.session.id);
    expect(stored).toEqual([expect.objectContaining({ id: pollId, question: "Retenir la proposition ?", results: "hidden", counts: { agree: 0, disagree: 2, abstain: 0 } })]);
    const timeline = await running.server.app.storage.liveSessions.timeline(opened.session.id);
    expect(timeline.map((e) => e.type)).toEqual(["session.started", "poll.opened", "poll.voted", "poll.voted", "poll.voted", "poll.closed"]);
    // The timeline says who voted, never what.
    expect(JSON.stringify(timeline.filter((e) => e.type === "poll.voted"))).not.toContain("disagree");
  });

  it("offers a choice between the workshop's proposals only", async () => {
    const { workshopId, console } = await sessionStarted();
    const answer = await emitAck(console, "liveSession.poll.open", { workshopId, question: "Laquelle ?", kind: "proposals", proposalIds: ["proposal-a1", "proposal-b2"], results: "live" });
    expect(answer).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await emitAck(console, "liveSession.poll.open", { workshopId, question: "Laquelle ?", kind: "proposals", results: "live" })).toMatchObject({ ok: false, error: { code: "validation_failed" } });
  });

  it("gives a latecomer the whole current state in its join answer", async () => {
    const people = await sessionStarted();
    const { workshopId, console, host, participant } = people;
    const { question } = await itemsOf(people);
    await emitAck(console, "liveSession.setItem", { workshopId, sequence: "debate", item: { kind: "question", id: question } });
    await emitAck(console, "liveSession.timer", { workshopId, timer: "sequence", action: "start" });
    await emitAck(await inRoom(host, workshopId), "liveSession.raiseHand", { workshopId, kind: "point" });
    const poll = (await emitAck(console, "liveSession.poll.open", { workshopId, question: "D'accord ?", kind: "agreement", results: "live" })).session.poll;
    await emitAck(console, "liveSession.note.add", { workshopId, text: "Premier point noté." });

    const late = participant.socket();
    openSockets.push(late);
    const joined = await emitAck(late, "workshop.join", { workshopId });
    expect(joined.liveSession).toMatchObject({
      status: "running",
      sequence: "debate",
      item: { kind: "question", id: question },
      queue: [{ userId: host.id, kind: "point" }],
      poll: { id: poll.id, status: "open", counts: { agree: 0, disagree: 0, abstain: 0 } },
      notes: [{ text: "Premier point noté.", language: "fr", authorName: "Fatou Facilitatrice" }],
    });
    expect(joined.liveSession.timers.sequence.startedAt).not.toBeNull();
    // Without a running session the answer says so.
    await emitAck(console, "liveSession.end", { workshopId });
    expect((await emitAck(late, "workshop.join", { workshopId })).liveSession).toBeNull();
  });

  it("replays to a client that dropped and came back what it missed meanwhile", async () => {
    const people = await sessionStarted();
    const { workshopId, console, participant } = people;
    const { thread, proposal } = await itemsOf(people);
    const socket = io(running.server.url, { transports: ["websocket"], extraHeaders: { cookie: participant.cookie }, forceNew: true, reconnectionDelay: 50, reconnectionDelayMax: 50 });
    openSockets.push(socket);
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    await emitAck(socket, "workshop.join", { workshopId });
    const items = recorder(socket, "liveSession.updated");

    // The network drops: the server sees the participant leave the room.
    const left = nextEvent(console, "presence.updated", (e) => !e.people.some((p: { userId: string }) => p.userId === participant.id));
    socket.io.engine.close();
    await left;
    await emitAck(console, "liveSession.setItem", { workshopId, item: { kind: "thread", id: thread } });
    await emitAck(console, "liveSession.setItem", { workshopId, item: { kind: "proposal", id: proposal } });

    await nextEvent(socket as any, "liveSession.updated", (e) => e.session.item?.kind === "proposal");
    expect(socket.recovered).toBe(true);
    expect(items.seen.map((e) => e.session.item.kind)).toEqual(["thread", "proposal"]);
  });
});

describe("minutes", () => {
  it("reads a session's timeline as minutes: the items, who spoke and how long, the polls' results; members only", async () => {
    const people = await sessionStarted();
    const { workshopId, console, host, participant, outsider } = people;
    const { question } = await itemsOf(people);
    const h = await inRoom(host, workshopId);
    await emitAck(console, "liveSession.setItem", { workshopId, sequence: "debate", item: { kind: "question", id: question } });
    await emitAck(h, "liveSession.raiseHand", { workshopId, kind: "point" });
    await emitAck(console, "liveSession.giveFloor", { workshopId, userId: host.id });
    await emitAck(console, "liveSession.giveFloor", { workshopId, userId: null });
    const poll = (await emitAck(console, "liveSession.poll.open", { workshopId, question: "D'accord ?", kind: "agreement", results: "live" })).session.poll;
    await emitAck(h, "liveSession.poll.vote", { workshopId, pollId: poll.id, choice: "abstain" });
    const ended = (await emitAck(console, "liveSession.end", { workshopId })).session;

    const list = await participant.get(`/api/workshops/${workshopId}/live-sessions`);
    expect(list.body.sessions).toEqual([{ id: ended.id, status: "ended", startedAt: ended.startedAt, endedAt: ended.endedAt }]);
    const minutes = (await participant.get(`/api/workshops/${workshopId}/live-sessions/${ended.id}/minutes`)).body;
    expect(minutes.timeline.map((e: { type: string }) => e.type)).toEqual(["session.started", "item.shown", "hand.raised", "floor.given", "floor.ended", "poll.opened", "poll.voted", "session.ended"]);
    expect(minutes.timeline[1]).toMatchObject({ actor: { displayName: "Fatou Facilitatrice" }, data: { item: { kind: "question", id: question }, sequence: "debate" } });
    expect(minutes.timeline[4].data.turn).toMatchObject({ userId: host.id, displayName: "host person" });
    expect(minutes.polls).toEqual([expect.objectContaining({ id: poll.id, question: "D'accord ?", counts: { agree: 0, disagree: 0, abstain: 1 } })]);

    expect((await outsider.get(`/api/workshops/${workshopId}/live-sessions/${ended.id}/minutes`)).status).toBe(404);
    expect((await participant.get(`/api/workshops/${workshopId}/live-sessions/unknown-session/minutes`)).status).toBe(404);
  });

  it("writes the minutes as a file in one language: items named, turns and totals, polls with results, notes marked when not translated", async () => {
    const people = await sessionStarted();
    const { workshopId, console, host, participant, outsider } = people;
    const { question, proposal } = await itemsOf(people);
    const h = await inRoom(host, workshopId);
    await emitAck(console, "liveSession.setItem", { workshopId, item: { kind: "proposal", id: proposal } });
    await emitAck(console, "liveSession.setItem", { workshopId, item: { kind: "question", id: question } });
    await emitAck(h, "liveSession.raiseHand", { workshopId, kind: "point" });
    await emitAck(console, "liveSession.giveFloor", { workshopId, userId: host.id });
    await emitAck(console, "liveSession.giveFloor", { workshopId, userId: null });
    const poll = (await emitAck(console, "liveSession.poll.open", { workshopId, question: "Retenir le fonds ?", kind: "agreement", results: "live" })).session.poll;
    await emitAck(h, "liveSession.poll.vote", { workshopId, pollId: poll.id, choice: "agree" });
    await emitAck(console, "liveSession.note.add", { workshopId, text: "Le fonds sera porté par la communauté de communes." });
    const ended = (await emitAck(console, "liveSession.end", { workshopId })).session;
    const base = `/api/workshops/${workshopId}/live-sessions/${ended.id}/minutes`;

    const minutes = (await participant.get(base)).body;
    expect(minutes.timeline.filter((e: { type: string }) => e.type === "item.shown").map((e: { label: string }) => e.label)).toEqual(["Un fonds local pour l'emploi", "Quelle économie ?"]);
    expect(minutes.notes).toEqual([expect.objectContaining({ text: "Le fonds sera porté par la communauté de communes.", language: "fr", authorName: "Fatou Facilitatrice" })]);

    const markdown = await download(participant, `${base}/export?format=md&lang=en`);
    expect(markdown).toMatchObject({ status: 200, type: expect.stringContaining("text/markdown") });
    const blocks = markdownBlocks(markdown.body.toString("utf8"));
    const headings = blocks.filter((b) => b.type === "heading").map((b) => b.text);
    expect(headings).toEqual(expect.arrayContaining(["Items discussed", "Who spoke", "Speaking time per person", "Polls and their results", "Notes"]));
    const text = blocks.map((b) => b.text).join("\n");
    expect(text).toContain("Proposal: Un fonds local pour l'emploi");
    expect(text).toContain("Reading-grid question: Quelle économie ?");
    expect(text).toMatch(/host person \(fr\)/);
    expect(text).toContain("host person: 0 min");
    expect(text).toContain("Retenir le fonds ?");
    expect(text).toContain("Agree: 1");
    expect(text).toContain("Le fonds sera porté par la communauté de communes.");
    // Nobody translated the note into English: the original stands in, said so.
    expect(text).toContain("not translated");

    const pdf = await download(participant, `${base}/export?format=pdf&lang=es`);
    expect(pdf).toMatchObject({ status: 200, type: "application/pdf" });
    const inSpanish = await pdfText(pdf.body);
    expect(inSpanish).toContain("Le fonds sera porté par la communauté de communes.");
    expect(inSpanish).toContain("Retenir le fonds ?");

    expect((await download(outsider, `${base}/export?format=md&lang=en`)).status).toBe(404);
    expect((await download(participant, `${base}/export?format=odt&lang=en`)).status).toBe(400);
  });
});

describe("the projector", () => {
  const projector = (token: string) => {
    const socket = io(`${running.server.url}/projector`, { transports: ["websocket"], auth: { token }, reconnection: false, forceNew: true });
    openSockets.push(socket);
    return socket;
  };
  const refused = (socket: ReturnType<typeof projector>) =>
    new Promise<{ data?: { code: string } }>((resolve, reject) => {
      socket.once("connect", () => reject(new Error("a projector connected with a bad token")));
      socket.once("connect_error", (err) => resolve(err as unknown as { data?: { code: string } }));
    });

  it("opens with the facilitator's link and no account, shows the item in two languages, and closes when the link is revoked", async () => {
    const { workshopId, console, facilitator, translator } = await sessionStarted();
    await openAll(facilitator, workshopId);
    const proposal = (await facilitator.post(`/api/workshops/${workshopId}/proposals`, { title: "Un fonds local pour l'emploi", body: doc("Mutualiser les emplois.") })).body.proposal;
    expect((await translator.put(`/api/workshops/${workshopId}/translations/proposal/${proposal.id}/title/es`, { text: "Un fondo local para el empleo" })).status).toBe(200);

    const issued = await emitAck(console, "liveSession.projector.issue", { workshopId, languages: ["fr", "es"] });
    expect(issued).toMatchObject({ ok: true, path: `/projector/${issued.token}` });
    const screen = projector(issued.token);
    const first = await nextEvent(screen as any, "projector.updated");
    expect(first.session).toMatchObject({ status: "running", item: null });

    const shown = nextEvent(screen as any, "projector.updated", (e) => e.texts.length > 0);
    await emitAck(console, "liveSession.setItem", { workshopId, item: { kind: "proposal", id: proposal.id } });
    expect((await shown).texts).toEqual([
      { language: "fr", title: "Un fonds local pour l'emploi", state: "source", origin: "original" },
      { language: "es", title: "Un fondo local para el empleo", state: "draft", origin: "human" },
    ]);

    // The title changes: the Spanish is shown as out of date, and English, never translated, as the original said so.
    const edited = await facilitator.patch(`/api/workshops/${workshopId}/proposals/${proposal.id}`, { baseVersion: 1, title: "Un fonds territorial pour l'emploi" });
    expect(edited.status).toBe(200);
    const reissued = projector((await emitAck(console, "liveSession.projector.issue", { workshopId, languages: ["en", "es"] })).token);
    expect((await nextEvent(reissued as any, "projector.updated")).texts).toEqual([
      { language: "en", title: "Un fonds territorial pour l'emploi", state: "missing", origin: "original" },
      { language: "es", title: "Un fondo local para el empleo", state: "stale", origin: "human" },
    ]);
    // A poll between proposals names them on the screen, in its languages.
    const second = (await facilitator.post(`/api/workshops/${workshopId}/proposals`, { title: "Une maison de l'emploi", body: doc("Un guichet commun.") })).body.proposal;
    const polled = nextEvent(reissued as any, "projector.updated", (e) => e.session.poll !== null);
    await emitAck(console, "liveSession.poll.open", { workshopId, question: "Laquelle ?", kind: "proposals", proposalIds: [proposal.id, second.id], results: "live" });
    expect((await polled).options).toEqual({
      [proposal.id]: [
        { language: "en", title: "Un fonds territorial pour l'emploi", state: "missing", origin: "original" },
        { language: "es", title: "Un fondo local para el empleo", state: "stale", origin: "human" },
      ],
      [second.id]: [
        { language: "en", title: "Une maison de l'emploi", state: "missing", origin: "original" },
        { language: "es", title: "Une maison de l'emploi", state: "missing", origin: "original" },
      ],
    });

    // A translator brings the Spanish up to date: the screen follows without the facilitator doing anything.
    const updated = nextEvent(reissued as any, "projector.updated", (e) => e.texts[1]?.state !== "stale");
    expect((await translator.put(`/api/workshops/${workshopId}/translations/proposal/${proposal.id}/title/es`, { text: "Un fondo territorial para el empleo" })).status).toBe(200);
    expect((await updated).texts[1]).toEqual({ language: "es", title: "Un fondo territorial para el empleo", state: "draft", origin: "human" });

    expect((await refused(projector("not-the-token"))).data?.code).toBe("not_found");
    const closed = new Promise<void>((resolve) => reissued.once("disconnect", () => resolve()));
    await emitAck(console, "liveSession.projector.revoke", { workshopId });
    await closed;
    expect((await refused(projector(issued.token))).data?.code).toBe("not_found");
  });
});

describe.skipIf(skipWithoutApertium())("live translated notes", () => {
  it("brings a note written in French to a Spanish reader as a marked machine draft, then as the translator's version", async () => {
    const server = await startServer({ config: { translationProvider: "apertium" } });
    try {
      const { workshopId, facilitator, participant, translator, observer, host } = await workshopWithMembers(server);
      const console = await inRoom(facilitator, workshopId);
      await emitAck(console, "liveSession.start", { workshopId });
      const reader = await inRoom(participant, workshopId);
      const draft = nextEvent(reader, "translation.updated", (e) => e.targetKind === "liveNote" && e.language === "es");
      const added = await emitAck(console, "liveSession.note.add", { workshopId, text: "Nous avons parlé de la coopération entre les communes." });
      const note = added.session.notes[0];
      expect(note).toMatchObject({ text: "Nous avons parlé de la coopération entre les communes.", language: "fr", authorName: "Fatou Facilitatrice" });
      expect(await draft).toMatchObject({ targetId: note.id, field: "text", origin: "machine", provider: "apertium", status: "draft" });

      const corrected = nextEvent(reader, "translation.updated", (e) => e.targetKind === "liveNote" && e.language === "es" && e.origin === "human");
      const written = await translator.put(`/api/workshops/${workshopId}/translations/liveNote/${note.id}/text/es`, { text: "Hablamos de la cooperación entre los municipios." });
      expect(written.status).toBe(200);
      expect(await corrected).toMatchObject({ targetId: note.id, text: "Hablamos de la cooperación entre los municipios.", provider: null });

      // Observers take notes too; participants do not.
      expect((await emitAck(await inRoom(observer, workshopId), "liveSession.note.add", { workshopId, text: "Deuxième point." })).ok).toBe(true);
      expect(await emitAck(reader, "liveSession.note.add", { workshopId, text: "Intento" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
      for (const user of [host, translator]) {
        expect(await emitAck(await inRoom(user, workshopId), "liveSession.note.add", { workshopId, text: "Essai" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
      }

      // After the meeting its notes are still translated: the minutes are read later, in every language.
      await emitAck(console, "liveSession.end", { workshopId });
      const later = await translator.put(`/api/workshops/${workshopId}/translations/liveNote/${note.id}/text/en`, { text: "We talked about cooperation between municipalities." });
      expect(later.status).toBe(200);
      const stored = (await participant.get(`/api/workshops/${workshopId}/translations?targetKind=liveNote&targetId=${note.id}`)).body;
      expect(stored.translations.map((t: { language: string; origin: string }) => [t.language, t.origin]).sort()).toEqual([["en", "human"], ["es", "human"]]);
    } finally {
      for (const socket of openSockets.splice(0)) socket.disconnect();
      await server.close({ wipe: true });
    }
  });
});

describe("live session across a restart", () => {
  it("keeps the running session's state when the server is killed and started again", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "navette-live-session-"));
    let server = await startChildServer(dataDir);
    try {
      const people = await workshopWithMembers(server);
      const { workshopId, facilitator, participant } = people;
      const { slot, fiche } = await itemsOf(people);
      const console = await inRoom(facilitator, workshopId);
      await emitAck(console, "liveSession.start", { workshopId });
      await emitAck(console, "liveSession.setItem", { workshopId, sequence: "illustrate", item: { kind: "agendaSlot", id: slot } });
      await emitAck(console, "liveSession.timer", { workshopId, timer: "speaker", action: "start" });
      const follower = await inRoom(participant, workshopId);
      await emitAck(follower, "liveSession.raiseHand", { workshopId, kind: "reply" });
      const poll = (await emitAck(console, "liveSession.poll.open", { workshopId, question: "D'accord ?", kind: "agreement", results: "live" })).session.poll;
      await emitAck(follower, "liveSession.poll.vote", { workshopId, pollId: poll.id, choice: "disagree" });
      await emitAck(console, "liveSession.note.add", { workshopId, text: "Noté avant l'arrêt." });
      const before = (await emitAck(console, "liveSession.pin", { workshopId, target: { kind: "fiche", id: fiche }, pinned: true })).session;
      expect(before).toMatchObject({ poll: { counts: { disagree: 1 } }, notes: [{ text: "Noté avant l'arrêt." }] });

      await server.kill();
      server = await startChildServer(dataDir);
      facilitator.server = server;
      participant.server = server;

      const joined = await emitAck(await inRoom(participant, workshopId), "workshop.join", { workshopId });
      const { now: _then, ...kept } = before;
      // The participant's own vote, which the facilitator's view did not show as theirs.
      expect(joined.liveSession).toMatchObject({ ...kept, poll: { ...kept.poll, myVote: "disagree" } });
      expect(await emitAck(await inRoom(facilitator, workshopId), "liveSession.start", { workshopId })).toMatchObject({ ok: false, error: { code: "live_session_running" } });
    } finally {
      await server.kill();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
