// One writer per format, each walking the same model. The DOCX and PDF writers, and their
// libraries (docx; pdfkit with its fonts), load on their first export: a server that never
// exports them does not carry them, and an export carries only its own.
import type { ExportFormat, ExportModel } from "../model.js";
import { toHtml } from "./html.js";
import { toMarkdown } from "./markdown.js";

type Writer = (model: ExportModel) => Buffer | Promise<Buffer>;

/** Each format's writer, loaded when first asked for. */
export const loadWriter: Record<ExportFormat, () => Promise<Writer>> = {
  md: async () => (model) => Buffer.from(toMarkdown(model), "utf8"),
  html: async () => (model) => Buffer.from(toHtml(model), "utf8"),
  docx: async () => (await import("./docx.js")).toDocx,
  pdf: async () => (await import("./pdf.js")).toPdf,
};

export async function write(model: ExportModel, format: ExportFormat): Promise<Buffer> {
  return (await loadWriter[format]())(model);
}
