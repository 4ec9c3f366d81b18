// The export capability: consensus texts as Markdown, HTML, DOCX and PDF, from the HTTP route and the CLI.
export { createExporter, type Exporter, type ExportRequest } from "./build.js";
export { exportRoutes, fileNameOf, fileRoute } from "./routes.js";
export { exportLabels, formatDate, localeLabels } from "./labels.js";
export { contentTypes, type ExportBlock, type ExportModel } from "./model.js";
export { cellOf } from "./cells.js";
export { loadWriter, write } from "./writers/index.js";
