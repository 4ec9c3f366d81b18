// One writer per format, each walking the same model. The DOCX and PDF writers, and their
// libraries (docx; pdfkit with its fonts), load on their first export: a server that never
// exports them does not carry them, and an export carries only its own.
import type { ExportFormat, ExportModel } from "../model.js";
import { toHtml } from "./html.js";
import { toMarkdown } from "./markdown.js";

export async function write(model: ExportModel, format: ExportFormat): Promise<Buffer> {
  switch (format) {
    case "md":
      return Buffer.from(toMarkdown(model), "utf8");
    case "html":
      return Buffer.from(toHtml(model), "utf8");
    case "docx":
      return (await import("./docx.js")).toDocx(model);
    case "pdf":
      return (await import("./pdf.js")).toPdf(model);
  }
}
