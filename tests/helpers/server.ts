// Boots the real app on an ephemeral port with a fresh data folder.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pino, type Logger } from "pino";
import { createApp, type App } from "../../server/app.js";
import { createAuthService } from "../../server/auth/index.js";
import { configFromEnv, type Config } from "../../server/config.js";
import { seedDemo } from "../../server/demo/seed.js";
import type { Storage } from "../../server/storage/port.js";
import { openSqliteStorage } from "../../server/storage/sqlite/adapter.js";

export interface TestServer {
  url: string;
  wsUrl: string;
  port: number;
  app: App;
  /** The server's own storage, to check what it wrote down. */
  storage: Storage;
  dataDir: string;
  /** Stops the server; keeps the data folder unless `wipe` is true. */
  close(options?: { wipe?: boolean }): Promise<void>;
}

export async function startServer(options: { dataDir?: string; demo?: boolean; port?: number; config?: Partial<Config>; logger?: Logger } = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "navette-test-"));
  const config: Config = {
    ...configFromEnv({}),
    dataDir,
    clientDir: resolve("dist/client"),
    docIdleMs: 200,
    authRateLimitPerMinute: 10_000,
    // Machine translation costs CPU on every write: only tests that need it turn it on.
    translationProvider: "none",
    ...options.config,
  };
  const logger = options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
  const storage = openSqliteStorage(join(dataDir, "navette.sqlite"));
  if (options.demo) await seedDemo(storage, createAuthService(storage, config), logger);
  const app = createApp(config, storage, logger);
  const port = await app.listen(options.port ?? 0, "127.0.0.1");
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    app,
    storage,
    dataDir,
    async close({ wipe = false } = {}) {
      await app.close();
      await storage.close();
      if (wipe) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
