// The embedded default adapter: one SQLite file through better-sqlite3, in WAL mode.
// Calls are synchronous underneath; the port is async so a networked adapter fits.
import { Database } from "./driver.js";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Storage } from "../port.js";
import { debateStore } from "./debate.js";
import { ficheStore } from "./fiches.js";
import { idempotencyStore } from "./idempotency.js";
import { liveSessionStore } from "./live-sessions.js";
import { migrations } from "./migrations.js";
import { proposalStore } from "./proposals.js";
import { readingStore } from "./reading.js";
import { sequenceStore } from "./sequences.js";
import { synthesisStore } from "./synthesis.js";
import { translationStore } from "./translations.js";
import { credentialStore, userStore } from "./users.js";
import { workshopStore } from "./workshops.js";
import { yjsLog } from "./yjs.js";

/** Applies, in order, each migration not applied yet; each in its own transaction. */
export function migrate(db: Database): void {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)");
  const applied = new Set((db.prepare("SELECT name FROM schema_migrations").all() as { name: string }[]).map((r) => r.name));
  for (const step of migrations) {
    if (applied.has(step.name)) continue;
    db.transaction(() => {
      db.exec(step.sql);
      db.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)").run(step.name, new Date().toISOString());
    })();
  }
}

/** `durable: false` skips the fsync of each commit (a crash stays safe, a power cut may lose the last ones): for benches' bulk seeding, never for the app. */
export function openSqliteStorage(file: string, options: { durable?: boolean } = {}): Storage {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  // FULL: a commit survives power loss, which "appended before acknowledged" relies on.
  db.pragma(options.durable === false ? "synchronous = NORMAL" : "synchronous = FULL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  const yjs = yjsLog(db, file === ":memory:" || options.durable === false ? null : `${file}-wal`);
  return {
    kind: "sqlite",
    users: userStore(db),
    credentials: credentialStore(db),
    workshops: workshopStore(db),
    yjs,
    synthesis: synthesisStore(db),
    sequences: sequenceStore(db),
    fiches: ficheStore(db),
    debate: debateStore(db),
    proposals: proposalStore(db),
    reading: readingStore(db),
    translations: translationStore(db),
    liveSessions: liveSessionStore(db),
    idempotency: idempotencyStore(db),
    async close() {
      await yjs.close();
      db.close();
    },
  };
}
