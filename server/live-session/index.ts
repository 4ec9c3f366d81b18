// The live-session capability: a facilitator drives a meeting in the workshop's live room and
// every screen follows. The only file other folders import.
export { liveSessionEvents } from "./events.js";
export { createLiveSessionService, type LiveSessionService } from "./service.js";
export { createProjector } from "./projector.js";
export { roomItems } from "./items.js";
export { liveSessionRoutes } from "./routes.js";
export { translateNotes } from "./notes.js";
