// Socket events of a live session: the facilitator's console, and what members do in it.
// Every answer carries the session as the sender sees it.
import type { SocketServer } from "../live/index.js";
import type { LiveSessionRecord } from "../storage/port.js";
import type { LiveSessionService } from "./service.js";

export function liveSessionEvents({ on }: SocketServer, service: LiveSessionService): void {
  const answer = (record: LiveSessionRecord, userId: string, role: Parameters<LiveSessionService["viewerOf"]>[1]) => ({
    session: service.present(record, service.viewerOf(userId, role)),
  });
  const noSession = "no_live_session";

  on("liveSession.start", { summary: "Start the workshop's live session (at most one runs at a time)", action: "liveSession.drive", errors: ["live_session_running"] }, async ({ workshopId }, { actor, membership }) =>
    answer(await service.start(workshopId, actor.user.id), actor.user.id, membership.role),
  );

  on("liveSession.end", { summary: "End the running live session: the current turn ends and an open poll closes", action: "liveSession.drive", errors: [noSession] }, async ({ workshopId }, { actor, membership }) =>
    answer(await service.end(workshopId, actor.user.id), actor.user.id, membership.role),
  );

  on(
    "liveSession.setItem",
    { summary: "Show an item on every screen (agenda slot, fiche, reading-grid question, thread, proposal, synthesis passage), and set the current sequence", action: "liveSession.drive", errors: [noSession, "live_item_not_found"] },
    async ({ workshopId, item, sequence }, { actor, membership }) => answer(await service.setItem(workshopId, actor.user.id, item, sequence), actor.user.id, membership.role),
  );

  on("liveSession.timer", { summary: "Start, pause, add a minute to or reset the speaker's or the sequence's timer", action: "liveSession.drive", errors: [noSession] }, async ({ workshopId, timer, action, durationMs }, { actor, membership }) =>
    answer(await service.timer(workshopId, actor.user.id, timer, action, durationMs), actor.user.id, membership.role),
  );

  on("liveSession.pin", { summary: "Pin or unpin a contribution on every screen", action: "liveSession.drive", errors: [noSession, "live_item_not_found"] }, async ({ workshopId, target, pinned }, { actor, membership }) =>
    answer(await service.pin(workshopId, actor.user.id, target, pinned), actor.user.id, membership.role),
  );

  on("liveSession.raiseHand", { summary: "Ask for the floor, for a new point or a direct reply to the current speaker (replies go first)", action: "liveSession.raiseHand", errors: [noSession] }, async ({ workshopId, kind }, { actor, membership }) =>
    answer(await service.raiseHand(workshopId, { userId: actor.user.id, displayName: actor.user.displayName, language: actor.user.language }, kind), actor.user.id, membership.role),
  );

  on("liveSession.lowerHand", { summary: "Leave the speaking queue", action: "liveSession.raiseHand", errors: [noSession] }, async ({ workshopId }, { actor, membership }) =>
    answer(await service.lowerHand(workshopId, actor.user.id), actor.user.id, membership.role),
  );

  on("liveSession.giveFloor", { summary: "Give the floor to someone in the queue, or end the current turn (null); speaking time is recorded", action: "liveSession.drive", errors: [noSession, "not_found"] }, async ({ workshopId, userId }, { actor, membership }) =>
    answer(await service.giveFloor(workshopId, actor.user.id, userId), actor.user.id, membership.role),
  );

  on("liveSession.removeFromQueue", { summary: "Take someone out of the speaking queue", action: "liveSession.drive", errors: [noSession] }, async ({ workshopId, userId }, { actor, membership }) =>
    answer(await service.lowerHand(workshopId, userId, actor.user.id), actor.user.id, membership.role),
  );

  on("liveSession.orderQueue", { summary: "Order the queue as raised, or those who have spoken least first (direct replies always go first)", action: "liveSession.drive", errors: [noSession] }, async ({ workshopId, order }, { actor, membership }) =>
    answer(await service.orderQueue(workshopId, actor.user.id, order), actor.user.id, membership.role),
  );

  on("liveSession.poll.open", { summary: "Open a quick poll (agree/disagree/abstain, or a choice between proposals), results live or hidden until it closes; an open poll closes first", action: "liveSession.drive", errors: [noSession, "not_found"] }, async ({ workshopId, ...poll }, { actor, membership }) =>
    answer(await service.openPoll(workshopId, actor.user.id, poll), actor.user.id, membership.role),
  );

  on("liveSession.poll.vote", { summary: "Vote in the open poll; one vote per person, changeable until it closes", action: "liveSession.vote", errors: [noSession, "not_found", "poll_closed", "invalid_choice"] }, async ({ workshopId, pollId, choice }, { actor, membership }) =>
    answer(await service.vote(workshopId, actor.user.id, pollId, choice), actor.user.id, membership.role),
  );

  on(
    "liveSession.projector.issue",
    { summary: "Issue a read-only projector link for the running session, showing up to two languages side by side; no account needed to open it, and the last link stops working", action: "liveSession.drive", errors: [noSession] },
    async ({ workshopId, languages }, { actor, membership }) => {
      const { record, token } = await service.issueProjector(workshopId, actor.user.id, languages);
      return { ...answer(record, actor.user.id, membership.role), token, path: `/projector/${token}` };
    },
  );

  on("liveSession.projector.revoke", { summary: "Revoke the projector link: the screens it opened close at once", action: "liveSession.drive", errors: [noSession] }, async ({ workshopId }, { actor, membership }) =>
    answer(await service.revokeProjector(workshopId, actor.user.id), actor.user.id, membership.role),
  );

  on("liveSession.note.add", { summary: "Add a paragraph to the meeting's notes; every reader gets it in their language, as a machine draft until a translator corrects it", action: "liveSession.takeNotes", errors: [noSession] }, async ({ workshopId, text }, { actor, membership }) =>
    answer(await service.addNote(workshopId, { userId: actor.user.id, displayName: actor.user.displayName, language: actor.user.writingLanguage ?? actor.user.language }, text), actor.user.id, membership.role),
  );

  on("liveSession.poll.close", { summary: "Close the poll: its results reach everyone and are stored", action: "liveSession.drive", errors: [noSession, "not_found", "poll_closed"] }, async ({ workshopId, pollId }, { actor, membership }) =>
    answer(await service.closePoll(workshopId, actor.user.id, pollId), actor.user.id, membership.role),
  );
}
