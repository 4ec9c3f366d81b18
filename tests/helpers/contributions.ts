// Helpers for the workshop-process tests: rich text, the live room, events and whole lists.
import type { Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import type { SequenceKind } from "../../shared/domain/sequences.js";
import { richTextFromPlain } from "../../shared/richtext.js";
import { emitAck, type ApiResponse, type TestUser } from "./clients.js";
import { startServer, type TestServer } from "./server.js";

export const doc = richTextFromPlain;

/** Sockets opened by a test file, to disconnect after each test. */
export const openSockets: Socket[] = [];

/** One real server for the test file; sockets opened by inRoom are closed after each test. */
export function serverForFile(): { readonly server: TestServer } {
  const running = {} as { server: TestServer };
  beforeAll(async () => {
    running.server = await startServer();
  });
  afterEach(() => {
    for (const socket of openSockets.splice(0)) socket.disconnect();
  });
  afterAll(() => running.server.close({ wipe: true }));
  return running;
}

/** A socket of this member, connected and in the workshop's live room. */
export async function inRoom(user: TestUser, workshopId: string): Promise<Socket> {
  const socket = user.socket();
  openSockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  const joined = await emitAck(socket, "workshop.join", { workshopId });
  if (!joined.ok) throw new Error(`join failed: ${JSON.stringify(joined)}`);
  return socket;
}

/** Resolves with the next `event` whose payload satisfies `match`. */
export function nextEvent<T = any>(socket: Socket, event: string, match: (payload: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`timed out waiting for ${event}`));
      // Generous: machine translation and Chromium share two cores in CI; this guards against a hang, it times nothing.
    }, 30_000);
    const listener = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

/** Records every `event` a socket receives; `settle` proves the server sent all it had for it. */
export function recorder(socket: Socket, event: string) {
  const seen: any[] = [];
  socket.on(event, (payload) => seen.push(payload));
  // Any acknowledged round trip will do: events sent before it have arrived once it returns.
  return { seen, settle: () => emitAck(socket, "workshop.join", { workshopId: "settle-round-trip" }) };
}

export async function setSequences(facilitator: TestUser, workshopId: string, changes: [SequenceKind, "open" | "closed"][]): Promise<void> {
  for (const [kind, status] of changes) {
    const res = await facilitator.patch(`/api/workshops/${workshopId}/sequences/${kind}`, { status });
    if (res.status !== 200) throw new Error(`sequence ${kind} → ${status}: ${JSON.stringify(res.body)}`);
  }
}

export const openAll = (facilitator: TestUser, workshopId: string) =>
  setSequences(facilitator, workshopId, [["illustrate", "open"], ["debate", "open"], ["propose", "open"]]);

/** Follows nextCursor to the end of a list. */
export async function allPages<T = any>(user: TestUser, path: string, limit = 100): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes("?") ? "&" : "?";
    const res: ApiResponse<{ items: T[]; nextCursor: string | null }> = await user.get(`${path}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    if (res.status !== 200) throw new Error(`${path}: ${JSON.stringify(res.body)}`);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

export function expectError(res: { status: number; body: any }, status: number, code: string): void {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
}
