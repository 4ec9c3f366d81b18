// The bare peer of bench/hostile.ts: Socket.IO and an HTTP route on one server, with no
// accounts, storage, validation or limits. Every event is acknowledged and told to the room,
// as a chat server would. Prints {"port":<n>} once it listens, like tests/helpers/server-process.ts.
import { createServer } from "node:http";
import { Server } from "socket.io";

const http = createServer((req, res) => {
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ ok: true, path: req.url }));
});
const io = new Server(http, { serveClient: false });
io.on("connection", (socket) => {
  void socket.join("room");
  socket.onAny((event: string, ...args: unknown[]) => {
    const ack = args.at(-1);
    io.to("room").emit("presence.updated", { event });
    if (typeof ack === "function") ack({ ok: true });
  });
});
http.listen(0, "127.0.0.1", () => {
  const address = http.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 })}\n`);
});
