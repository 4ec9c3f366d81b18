// Socket events of sequences: a facilitator opens and closes them from the live room, and
// every tab reports the forms it holds unsent text in, so closing can say what it cuts.
import type { SocketServer } from "../../live/index.js";
import { presentSequence } from "./presenter.js";
import type { SequenceService } from "./service.js";

export function sequenceEvents({ on, onDisconnect }: SocketServer, service: SequenceService): void {
  on(
    "sequence.set",
    { summary: "Open, close or reopen a sequence; answers with all three", action: "sequence.manage", errors: ["invalid_transition", "sequence_order"] },
    async ({ workshopId, sequence, status }, { actor }) => ({ sequences: (await service.set(workshopId, sequence, status, actor.user.id)).map(presentSequence) }),
  );

  on(
    "sequence.writing",
    {
      summary:
        "Say how many of this tab's forms hold unsent text in each sequence (each report replaces the last; disconnecting clears it). A facilitator about to close a sequence is told the totals.",
      action: "sequence.reportWriting",
    },
    async ({ workshopId, forms }, { actor, socket }) => service.reportWriting(workshopId, socket.id, actor.user.id, forms),
  );
  onDisconnect((socket) => service.forgetWriting(socket.id));
}
