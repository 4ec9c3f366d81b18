// `npm run bench`: runs every bench file of this folder in turn. Each one seeds its own data
// in a temporary folder and prints its figures beside a peer measured in the same run.
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
for (const file of readdirSync(here).filter((f) => f.endsWith(".ts") && f !== "run.ts").sort()) {
  if (only && !file.includes(only)) continue;
  console.log(`\n== bench/${file}`);
  // Each bench exports run(), and runs itself only when started directly.
  const bench = (await import(pathToFileURL(join(here, file)).href)) as { run?: () => Promise<void> };
  await bench.run?.();
}
// Clients a bench leaves behind (a provider's reconnect timer, a socket's keep-alive) would keep
// the process up after the last table; every figure is printed by now.
process.exit(0);
