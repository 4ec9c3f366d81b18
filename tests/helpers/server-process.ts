// The real server in a child process, for tests that kill it: starts on DATA_DIR at an
// ephemeral port and prints {"port":<n>} on one line once it listens.
import { join } from "node:path";
import { pino } from "pino";
import { createApp } from "../../server/app.js";
import { configFromEnv } from "../../server/config.js";
import { openSqliteStorage } from "../../server/storage/sqlite/adapter.js";

const config = { ...configFromEnv(), port: 0, demo: false };
const storage = openSqliteStorage(join(config.dataDir, "navette.sqlite"));
const app = createApp(config, storage, pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }));
const port = await app.listen(0, "127.0.0.1");
process.stdout.write(`${JSON.stringify({ port })}\n`);
