// The export capability: consensus texts as Markdown, HTML, DOCX and PDF, from the HTTP route and the CLI.
export { createExporter, type Exporter, type ExportRequest } from "./build.js";
export { exportRoutes, fileNameOf } from "./routes.js";
export { contentTypes, type ExportModel } from "./model.js";
export { write } from "./writers/index.js";
