// A live session at room scale: 300 socket.io clients (and 80, a real workshop) follow one
// session; from the facilitator's "next item" to the last client receiving it, p50 and p99.
// Beside a bare Socket.IO server that acknowledges and broadcasts to a room, measured in the
// same run with the same clients. Navette adds authorization, zod, the check that the item is
// in the workshop and for the room, the presenter, and the stored state and timeline (the room
// hears first; the facilitator's answer waits for the write).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { io, type Socket } from "socket.io-client";
import { startChildServer, type ChildServer } from "../tests/helpers/child-server.js";
import { emitAck, invite, TestUser, workshopWithMembers } from "../tests/helpers/clients.js";

const SIZES = [80, 300];
const ACCOUNTS = 40;
const WARMUP = 5;
const ROUNDS = 80;
// A facilitator clicks far slower; this keeps the driver under the default 10 events a second.
const PACE_MS = 120;

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

function connect(url: string, cookie?: string): Promise<Socket> {
  const socket = io(url, { transports: ["websocket"], extraHeaders: cookie ? { cookie } : {}, reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once("connect_error", reject);
    socket.once("connect", () => resolve(socket));
  });
}

interface Target {
  driver: Socket;
  followers: Socket[];
  /** The event followers hear after `send`. */
  heard: string;
  send: (round: number) => void;
  close: () => Promise<void>;
}

/** The harness both servers get: one event, timed until every follower has heard it. */
function round(target: Target, n: number): Promise<number> {
  return new Promise((resolve) => {
    let count = target.followers.length;
    const started = performance.now();
    const heard = () => {
      if (--count > 0) return;
      for (const socket of target.followers) socket.off(target.heard, heard);
      resolve(performance.now() - started);
    };
    for (const socket of target.followers) socket.on(target.heard, heard);
    target.send(n);
  });
}

async function bare(size: number): Promise<Target> {
  const server = await startChildServer(mkdtempSync(join(tmpdir(), "navette-bench-live-peer-")), {}, { script: "bench/peers/bare-socket-server.ts" });
  const driver = await connect(server.url);
  const followers = await Promise.all(Array.from({ length: size }, () => connect(server.url)));
  return {
    driver,
    followers,
    // The peer tells the room of every event.
    heard: "presence.updated",
    send: (n) => driver.emit("liveSession.setItem", { round: n }, () => {}),
    close: () => server.kill(),
  };
}

async function navette(size: number): Promise<Target> {
  const dataDir = mkdtempSync(join(tmpdir(), "navette-bench-live-"));
  const server: ChildServer = await startChildServer(dataDir, { AUTH_RATE_LIMIT: "100000" });
  const { workshopId, facilitator } = await workshopWithMembers(server);
  const members: TestUser[] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const member = await new TestUser(server, `live-${size}-${i}@bench.navette`, "a long bench password").register(`Membre ${i}`, ["fr", "en", "es"][i % 3]);
    await invite(facilitator, workshopId, member, "participant");
    members.push(member);
  }
  // Every round shows the reading grid's question again: a real item, checked like any other.
  const question: string = (await facilitator.get(`/api/workshops/${workshopId}`)).body.workshop.readingGrid.questions[0].id;
  const driver = await connect(server.url, facilitator.cookie);
  await emitAck(driver, "workshop.join", { workshopId });
  await emitAck(driver, "liveSession.start", { workshopId });
  const followers: Socket[] = [];
  for (let i = 0; i < size; i++) {
    const socket = await connect(server.url, members[i % ACCOUNTS]!.cookie);
    await emitAck(socket, "workshop.join", { workshopId });
    followers.push(socket);
  }
  return {
    driver,
    followers,
    heard: "liveSession.updated",
    send: () =>
      driver.emit("liveSession.setItem", { workshopId, item: { kind: "question", id: question } }, (ack: { ok: boolean }) => {
        if (!ack.ok) throw new Error(`setItem refused: ${JSON.stringify(ack)}`);
      }),
    close: async () => {
      await server.kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Both servers up at once, rounds alternating between them, so a busy moment of the machine hits both alike. */
async function compare(size: number): Promise<{ peer: number[]; ours: number[] }> {
  const targets = [await bare(size), await navette(size)] as const;
  const times: [number[], number[]] = [[], []];
  try {
    for (let n = 0; n < WARMUP + ROUNDS; n++) {
      for (const i of n % 2 ? [1, 0] : [0, 1]) {
        const took = await round(targets[i]!, n);
        if (n >= WARMUP) times[i]!.push(took);
        await pause(PACE_MS / 2);
      }
    }
  } finally {
    for (const target of targets) {
      for (const socket of [target.driver, ...target.followers]) socket.disconnect();
      await target.close();
    }
  }
  return { peer: times[0], ours: times[1] };
}

export async function run(): Promise<void> {
  const f = (n: number) => n.toFixed(2);
  console.log(`"next item" → the last of N clients receiving it, ${ROUNDS} rounds after ${WARMUP} of warm-up, alternating between the two servers, one every ${PACE_MS / 2} ms`);
  console.log("| clients | bare Socket.IO p50 ms | p99 ms | Navette p50 ms | p99 ms | ratio p50 | ratio p99 |");
  console.log("|---|---|---|---|---|---|---|");
  for (const size of SIZES) {
    const { peer, ours } = await compare(size);
    const [pp50, pp99, np50, np99] = [quantile(peer, 0.5), quantile(peer, 0.99), quantile(ours, 0.5), quantile(ours, 0.99)];
    console.log(`| ${size} | ${f(pp50)} | ${f(pp99)} | ${f(np50)} | ${f(np99)} | ${(np50 / pp50).toFixed(2)}× | ${(np99 / pp99).toFixed(2)}× |`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run();
