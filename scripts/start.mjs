// `npm start`: builds the client when it is missing or older than its sources, then runs the server.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const built = "dist/client/index.html";

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sources = Math.max(newestMtime("client"), newestMtime("locales"), newestMtime("shared"));
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
  console.log("Building the client…");
  // Production mode whatever NODE_ENV the shell has: a test or dev NODE_ENV would ship React's development build.
  const build = spawnSync(process.execPath, ["node_modules/vite/bin/vite.js", "build", "--mode", "production", "--logLevel", "warn"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], { stdio: "inherit" });
// Forward stop signals so the server closes its storage cleanly.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
