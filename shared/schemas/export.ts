// The export of a synthesis document: GET …/synthesis/documents/:documentId/export.
import { z } from "zod";
import { contentLanguages } from "../languages.js";
import { id } from "./common.js";

export const exportFormats = ["md", "html", "docx", "pdf"] as const;
export type ExportFormat = (typeof exportFormats)[number];

const language = `(${contentLanguages.join("|")})`;

export const exportQuery = z.object({
  format: z.enum(exportFormats).meta({ description: "md (CommonMark, citations as footnotes), html (standalone, with a print stylesheet), docx, pdf" }),
  lang: z
    .string()
    .regex(new RegExp(`^${language}(,${language})?$`), "must be one language, or two separated by a comma (side by side)")
    .meta({ description: "One language (`fr`), or two side by side (`fr,en`): each block beside its translation" }),
  version: id.optional().meta({ description: "A version's id; the current text without it" }),
  pack: z.enum(["participants", "workingDocument"]).optional().meta({
    description: "A workshop pack: after the synthesis, the fiches navettes whose authors consented to circulate them to participants (or also as working documents), and the proposals with their outcome, supports and amendments",
  }),
  lineNumbers: z.enum(["0", "1"]).optional().meta({ description: "1 numbers the lines of the text (PDF: the lines it lays out; DOCX: Word's own line numbering)" }),
});
export type ExportQuery = z.infer<typeof exportQuery>;

export const languagesOf = (lang: string): string[] => [...new Set(lang.split(","))];
