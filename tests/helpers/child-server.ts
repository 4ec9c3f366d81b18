// Starts tests/helpers/server-process.ts in a child process and hands back its address.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import type { ServerAddress } from "./clients.js";

export interface ChildServer extends ServerAddress {
  child: ChildProcess;
  /** Kills the process at once, as a crash would: nothing is flushed or closed. */
  kill(): Promise<void>;
}

export async function startChildServer(
  dataDir: string,
  env: Record<string, string> = {},
  options: { script?: string } = {},
): Promise<ChildServer> {
  // `script`: another server entirely (a bench's bare peer).
  const child = spawn(process.execPath, ["--import", "tsx", options.script ?? "tests/helpers/server-process.ts"], {
    env: { ...process.env, DATA_DIR: dataDir, NAVETTE_DEMO: "0", AUTH_RATE_LIMIT: "10000", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the child server did not start in time")), 30_000);
    child.once("exit", (code) => reject(new Error(`the child server exited with ${code}`)));
    lines.once("line", (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { port: number }).port);
    });
  });
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGKILL");
      await exited;
    },
  };
}
