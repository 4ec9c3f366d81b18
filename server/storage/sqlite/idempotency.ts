// Idempotency keys in SQLite: the claim is one transaction, so two copies of a request
// arriving together cannot both run.
import type Database from "better-sqlite3";
import type { IdempotencyClaim, IdempotencyRecord, IdempotencyStore } from "../port.js";
import { preparedStatements } from "./contributions.js";
import type { Row } from "./row.js";

const toRecord = (r: Row): IdempotencyRecord => ({
  userId: r.user_id as string,
  key: r.key as string,
  fingerprint: r.fingerprint as string,
  status: (r.status as number | null) ?? null,
  body: (r.body as string | null) ?? null,
  createdAt: r.created_at as string,
});

export function idempotencyStore(db: Database.Database): IdempotencyStore {
  const prepared = preparedStatements(db);
  const claimTx = db.transaction((claim: IdempotencyClaim, staleBefore: string): IdempotencyRecord | null => {
    const row = prepared("SELECT * FROM idempotency_keys WHERE user_id = ? AND key = ?").get(claim.userId, claim.key) as Row | undefined;
    // A request that never answered (the process died) leaves its claim; it lapses.
    if (row && !(row.status === null && (row.created_at as string) < staleBefore)) return toRecord(row);
    prepared("INSERT OR REPLACE INTO idempotency_keys (user_id, key, fingerprint, status, body, created_at) VALUES (?, ?, ?, NULL, NULL, ?)").run(
      claim.userId,
      claim.key,
      claim.fingerprint,
      claim.createdAt,
    );
    return null;
  });
  return {
    async claim(claim, staleBefore) {
      const held = claimTx(claim, staleBefore);
      return held ? { kind: "taken", record: held } : { kind: "claimed" };
    },
    async complete(userId, key, status, body) {
      prepared("UPDATE idempotency_keys SET status = ?, body = ? WHERE user_id = ? AND key = ?").run(status, body, userId, key);
    },
    async release(userId, key) {
      prepared("DELETE FROM idempotency_keys WHERE user_id = ? AND key = ? AND status IS NULL").run(userId, key);
    },
    async prune(before) {
      prepared("DELETE FROM idempotency_keys WHERE created_at < ?").run(before);
    },
  };
}
