// `npm run export -- --workshop <id> [--document <id>] [--pack] --format md|html|docx|pdf --lang fr[,en]
//  [--version <id>] [--line-numbers] --out <file>`: an administrator's export, straight from the
// data folder (DATA_DIR), through the same exporter as the HTTP route. Exits 1 with a clear message.
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { contentLanguages } from "../../shared/languages.js";
import { exportFormats, languagesOf, type ExportFormat } from "../../shared/schemas/export.js";
import { synthesisDocName } from "../../shared/synthesis.js";
import { createApp } from "../app.js";
import { configFromEnv } from "../config.js";
import { AppError } from "../errors.js";
import { openSqliteStorage } from "../storage/sqlite/adapter.js";
import { createExporter, write } from "./index.js";

const usage = "usage: npm run export -- --workshop <workshopId> [--document <documentId>] [--pack] --format md|html|docx|pdf --lang fr[,en] [--version <id>] [--line-numbers] --out <file>";

function fail(message: string): never {
  process.stderr.write(`export: ${message}\n${usage}\n`);
  process.exit(1);
}

const options = {
  workshop: { type: "string" },
  document: { type: "string" },
  pack: { type: "boolean", default: false },
  format: { type: "string" },
  lang: { type: "string" },
  version: { type: "string" },
  "line-numbers": { type: "boolean", default: false },
  out: { type: "string" },
} as const;

/**
 * Ids may begin with "-" (`-f3Kx…`), which parseArgs would take for an option: a value
 * option always takes the next argument, so it is joined to it first (`--workshop=-f3Kx…`).
 */
function joinValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!.startsWith("--") ? argv[i]!.slice(2) : "";
    const option = options[name as keyof typeof options];
    if (option?.type === "string" && i + 1 < argv.length) out.push(`${argv[i]}=${argv[++i]}`);
    else out.push(argv[i]!);
  }
  return out;
}

let args;
try {
  args = parseArgs({ args: joinValues(process.argv.slice(2)), options, strict: true }).values;
} catch (error) {
  fail((error as Error).message);
}

const { workshop: workshopId, format, lang, out } = args;
if (!workshopId) fail("--workshop is required");
if (!format || !(exportFormats as readonly string[]).includes(format)) fail(`--format must be one of ${exportFormats.join(", ")}${format ? `, not "${format}"` : ""}`);
if (!lang) fail("--lang is required (fr, or fr,en side by side)");
const languages = languagesOf(lang);
const unknown = languages.filter((l) => !contentLanguages.includes(l));
if (unknown.length) fail(`unknown language ${unknown.join(", ")}: use ${contentLanguages.join(", ")}`);
if (languages.length > 2) fail("--lang takes one language, or two side by side");
if (!out) fail("--out is required");

const config = configFromEnv();
const databaseFile = join(config.dataDir, "navette.sqlite");
if (!existsSync(databaseFile)) fail(`no Navette data in ${config.dataDir} (set DATA_DIR)`);
const storage = openSqliteStorage(databaseFile);
// The app is built but never listens: its synthesis and translation services read the documents.
const app = createApp({ ...config, translationProvider: "none" }, storage, pino({ level: "silent" }));
let code = 0;
try {
  const workshop = await storage.workshops.byId(workshopId);
  if (!workshop) throw new AppError("not_found", `no workshop ${workshopId} in ${config.dataDir}`, 404);
  const documentId = args.document ?? (await storage.synthesis.documentByName(synthesisDocName(workshopId)))?.id;
  if (!documentId) throw new AppError("not_found", `workshop ${workshopId} has no synthesis yet`, 404);
  const exporter = createExporter({ storage, synthesis: app.synthesis.service, synthesisTranslation: app.synthesisTranslation, translation: app.translation.service });
  const model = await exporter.build({
    workshopId,
    documentId,
    languages,
    lineNumbers: args["line-numbers"],
    // The pack goes to the meeting's participants: fiches whose authors said yes to that.
    ...(args.pack && { pack: "participants" as const }),
    ...(args.version && { versionId: args.version }),
  });
  writeFileSync(out, await write(model, format as ExportFormat));
  process.stdout.write(`exported ${model.title} (${model.blocks.length} blocks, ${languages.join(" | ")}) to ${out}\n`);
} catch (error) {
  code = 1;
  process.stderr.write(`export: ${error instanceof AppError ? error.message : String(error)}\n`);
} finally {
  await app.close();
  await storage.close();
}
process.exit(code);
