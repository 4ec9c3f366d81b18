// The synthesis capability: Yjs documents over the y-websocket protocol, stored in the log.
export { closeCodes, createYjsEndpoint, type YjsEndpoint } from "./yjs-endpoint.js";
