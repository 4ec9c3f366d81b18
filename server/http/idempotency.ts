// A write sent again with the same Idempotency-Key (a retry after an answer lost on the
// venue's wifi, a queue of contributions written offline) is done once: the first answer
// is kept for a day and given again, marked `Idempotent-Replayed: true`. Keys belong to
// the account that sent them. An answer that may change on a retry (a server error, 401,
// 408, 429) is not kept, so the retry runs; nor is anything of a write that holds a
// password or a secret shown once.
import { createHash } from "node:crypto";
import type { RequestHandler } from "express";
import { errors } from "../errors.js";
import type { IdempotencyStore } from "../storage/port.js";

export const idempotencyKeyPattern = /^[A-Za-z0-9_.:-]{8,128}$/;
const keptMs = 24 * 60 * 60_000;
/** A first request still unanswered after this long died with its process: its key is free again. */
const abandonedMs = 60_000;
const answersToRetry = new Set([401, 408, 425, 429]);
/**
 * Writes whose request holds a password or whose answer a secret shown once (an API token, an
 * invitation link): nothing of them is written down here, and their key is not checked.
 */
const neverKept = [/^\/auth\//, /^\/me\/tokens(\/|$)/, /^\/workshops\/[^/]+\/invitations(\/|$)/];

/** Whether a write to this path (under /api, as routes declare it) honours an Idempotency-Key. */
export const takesIdempotencyKey = (path: string) => !neverKept.some((pattern) => pattern.test(path.replace(/^\/api(?=\/)/, "")));

export function idempotentWrites(store: IdempotencyStore, callerOf: (headers: Parameters<RequestHandler>[0]["headers"]) => Promise<string | null>): RequestHandler {
  let prunedAt = 0;
  return async (req, res, next) => {
    const key = req.get("Idempotency-Key");
    if (key === undefined || req.method === "GET" || req.method === "HEAD" || !takesIdempotencyKey(req.path)) return next();
    try {
      if (!idempotencyKeyPattern.test(key)) throw errors.validation([{ path: "Idempotency-Key", message: "8 to 128 letters, digits, or _ . : -" }]);
      const userId = await callerOf(req.headers);
      if (!userId) return next(); // the route itself answers 401
      const now = Date.now();
      if (now - prunedAt > 60_000) {
        prunedAt = now;
        await store.prune(new Date(now - keptMs).toISOString());
      }
      const fingerprint = createHash("sha256").update(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`).digest("base64url");
      const claim = await store.claim({ userId, key, fingerprint, createdAt: new Date(now).toISOString() }, new Date(now - abandonedMs).toISOString());
      if (claim.kind === "taken") {
        const { record } = claim;
        if (record.fingerprint !== fingerprint) throw errors.idempotencyKeyReused();
        if (record.status === null || record.body === null) throw errors.idempotencyInProgress();
        res.set("Idempotent-Replayed", "true");
        res.status(record.status).type("application/json").send(record.body);
        return;
      }
      // The answer is kept the moment it is given, even if the caller has gone meanwhile.
      const json = res.json.bind(res);
      res.json = (body: unknown) => {
        const keep = res.statusCode < 500 && !answersToRetry.has(res.statusCode);
        const stored = keep ? store.complete(userId, key, res.statusCode, JSON.stringify(body)) : store.release(userId, key);
        stored.catch(() => undefined); // unkept, the key lapses after `abandonedMs`
        return json(body);
      };
      next();
    } catch (error) {
      next(error);
    }
  };
}
