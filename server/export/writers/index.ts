// One writer per format, each walking the same model.
import type { ExportFormat, ExportModel } from "../model.js";
import { toDocx } from "./docx.js";
import { toHtml } from "./html.js";
import { toMarkdown } from "./markdown.js";
import { toPdf } from "./pdf.js";

export async function write(model: ExportModel, format: ExportFormat): Promise<Buffer> {
  switch (format) {
    case "md":
      return Buffer.from(toMarkdown(model), "utf8");
    case "html":
      return Buffer.from(toHtml(model), "utf8");
    case "docx":
      return toDocx(model);
    case "pdf":
      return toPdf(model);
  }
}
