// Entry point: read the configuration, open storage, seed the demo, listen.
import { join } from "node:path";
import { pino } from "pino";
import { createApp } from "./app.js";
import { createAuthService } from "./auth/index.js";
import { configFromEnv } from "./config.js";
import { demoAccounts, DEMO_PASSWORD, seedDemo } from "./demo/seed.js";
import { openSqliteStorage } from "./storage/sqlite/adapter.js";

const config = configFromEnv();
const logger = pino({ level: config.logLevel });
// Last resort: a bug reached from one request must not stop a meeting for everyone.
process.on("uncaughtException", (err) => logger.error({ err }, "uncaught exception; still serving"));
process.on("unhandledRejection", (err) => logger.error({ err }, "unhandled rejection; still serving"));
const storage = openSqliteStorage(join(config.dataDir, "navette.sqlite"));
if (config.demo) await seedDemo(storage, createAuthService(storage, config), logger);

const app = createApp(config, storage, logger);
const port = await app.listen(config.port, config.host);
logger.info(`Navette is running at http://localhost:${port}`);
if (config.demo) {
  logger.info(`Demo accounts (password "${DEMO_PASSWORD}"): ${demoAccounts.map((a) => `${a.email} (${a.role})`).join(", ")}`);
}

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    logger.info("stopping");
    await app.close();
    await storage.close();
    process.exit(0);
  });
}
