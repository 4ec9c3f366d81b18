// Apertium, local and offline, through its command line. One process per batch: a call costs
// about 0.3 s to start and then runs at tens of thousands of characters a second, so segments
// travel together as HTML blocks (`-f html` keeps tags and attributes) and are split back by id.
import { execFile, execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { MachineSegment, TranslationProvider } from "./provider.js";

const execFileAsync = promisify(execFile);

/** Apertium's mode names for the direct pairs installed by the Debian packages. */
const directModes: Record<string, string> = { "fr>es": "fr-es", "es>fr": "es-fr", "en>es": "eng-spa", "es>en": "spa-eng" };

/** The languages a translation passes through, e.g. ["fr", "es", "en"] for a pivot. */
export function apertiumRoute(from: string, to: string, installed: ReadonlySet<string>): string[] | null {
  if (from === to) return null;
  if (installed.has(directModes[`${from}>${to}`] ?? "")) return [from, to];
  // fr↔en: no direct pair; pivot through Spanish.
  const first = directModes[`${from}>es`];
  const second = directModes[`es>${to}`];
  if (first && second && installed.has(first) && installed.has(second)) return [from, "es", to];
  return null;
}

/** The modes `apertium -l` lists, or null when the binary is missing. */
export function installedApertiumModes(binary = "apertium"): Set<string> | null {
  try {
    const out = execFileSync(binary, ["-l"], { encoding: "utf8", timeout: 10_000, stdio: ["ignore", "pipe", "ignore"] });
    return new Set(out.split(/\s+/).filter(Boolean));
  } catch {
    return null;
  }
}

const escapeHtml = (value: string): string => value.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!);

/** Wraps segments as blocks with ids, and finds each one again in the output. */
export function joinSegments(batch: MachineSegment[]): string {
  return batch.map((s, i) => `<div id="nvt-s${i}">${s.format === "html" ? s.text : escapeHtml(s.text).replace(/\n/g, "<br>")}</div>\n`).join("");
}

export function splitSegments(output: string, batch: MachineSegment[]): string[] {
  const found = new Map<number, string>();
  for (const m of output.matchAll(/<div id="nvt-s(\d+)">([\s\S]*?)<\/div>/g)) found.set(Number(m[1]), m[2]!);
  return batch.map((segment, i) => {
    const html = found.get(i);
    if (html === undefined) throw new Error(`apertium lost segment ${i} of ${batch.length}`);
    if (segment.format === "html") return html;
    return html.replace(/<br\s*\/?>/g, "\n").replace(/<[^>]*>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  });
}

/**
 * Runs `apertium -u -f html <mode>` on the input, through every mode of the route in a shell
 * pipeline. The input goes through a file: apertium's format detection fails on the socket
 * Node gives a child as stdin, while a file or a real pipe (between the stages) works.
 */
async function run(binary: string, modes: string[], input: string, timeoutMs: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "navette-apertium-"));
  const file = join(dir, "input.html");
  try {
    await writeFile(file, input, "utf8");
    // Arguments travel as positional parameters, never spliced into the script.
    const stages = modes.map((_, i) => `"$1" -u -f html "$${i + 3}"${i === 0 ? ' "$2"' : ""}`).join(" | ");
    const script = `set -o pipefail 2>/dev/null; ${stages}`;
    const { stdout } = await execFileAsync("bash", ["-c", script, "apertium-pipeline", binary, file, ...modes], {
      encoding: "utf8",
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
      killSignal: "SIGKILL",
    });
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function createApertiumProvider(options: { binary?: string; modes?: Set<string>; timeoutMs?: number } = {}): TranslationProvider | null {
  const binary = options.binary ?? "apertium";
  const installed = options.modes ?? installedApertiumModes(binary);
  if (!installed) return null;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const modesOf = (route: string[]) => route.slice(1).map((to, i) => directModes[`${route[i]}>${to}`]!);
  return {
    name: "apertium",
    maxBatchChars: 200_000,
    supports: (from, to) => apertiumRoute(from, to, installed) !== null,
    label(from, to) {
      const route = apertiumRoute(from, to, installed);
      return route && route.length > 2 ? `apertium:${route.join(">")}` : "apertium";
    },
    async translate(batch, from, to) {
      const route = apertiumRoute(from, to, installed);
      if (!route) throw new Error(`apertium cannot translate ${from} to ${to}`);
      if (!batch.length) return [];
      return splitSegments(await run(binary, modesOf(route), joinSegments(batch), timeoutMs), batch);
    },
  };
}
