// Socket events of sequences: a facilitator opens and closes them from the live room.
import type { Socket } from "socket.io";
import type { SocketServer } from "../../live/index.js";
import { presentSequence } from "./presenter.js";
import type { SequenceService } from "./service.js";

export function sequenceEvents(on: SocketServer["on"], socket: Socket, service: SequenceService): void {
  on(
    socket,
    "sequence.set",
    { summary: "Open, close or reopen a sequence; answers with all three", action: "sequence.manage", errors: ["invalid_transition", "sequence_order"] },
    async ({ workshopId, sequence, status }, { actor }) => ({ sequences: (await service.set(workshopId, sequence, status, actor.user.id)).map(presentSequence) }),
  );
}
