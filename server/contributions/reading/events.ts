// Socket events of reading: marking a thread read while following it live.
import type { SocketServer } from "../../live/index.js";
import { readerOfEvent } from "../reader.js";
import type { ReadingService } from "./service.js";

export function readingEvents({ on }: SocketServer, service: ReadingService): void {
  on("thread.read", { summary: "I have read a thread up to a post (upToSeq), or to its end", action: "contribution.read" }, async ({ workshopId, threadId, upToSeq }, ctx) => ({
    lastReadSeq: await service.markThreadRead(readerOfEvent(ctx), workshopId, threadId, upToSeq),
  }));
}
