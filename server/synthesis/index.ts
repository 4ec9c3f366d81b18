// The synthesis capability: documents over the y-websocket protocol, stored in the log, with
// their registry, templates, status, versions and provenance.
export { synthesisRoutes } from "./routes.js";
export { createSynthesis, type Emit, type Synthesis, type SynthesisService } from "./service.js";
export { closeCodes, type YjsEndpoint } from "./yjs-endpoint.js";
