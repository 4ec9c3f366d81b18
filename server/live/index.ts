// The live capability: Socket.IO rooms per workshop, presence and change notices.
export { registerLiveEvents, type LiveEmitter, type LiveHooks } from "./events.js";
export { createSocketServer, type EventDoc, type SocketServer } from "./socket.js";
