// Configuration comes only from environment variables (documented in the README).
import { resolve } from "node:path";

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Seed the demo series and workshop when the database is empty. */
  demo: boolean;
  /** Serve the built SPA from this folder, if it exists. */
  clientDir: string;
  /** Mark cookies Secure (behind HTTPS). */
  secureCookies: boolean;
  sessionDays: number;
  /** How long an unused Yjs document stays in memory after its last connection closes. */
  docIdleMs: number;
  /** Fold a document's update log into a snapshot once it holds this many entries. */
  docCompactAfter: number;
  /** Minutes between the first edit after a synthesis version and the automatic version that follows. */
  synthesisAutoSnapshotMinutes: number;
  logLevel: string;
  /** Failed sign-ins and registrations allowed per client address and minute. */
  authRateLimitPerMinute: number;
  /** Failed sign-ins that lock an account (for password sign-in only) for `accountLockMinutes`. */
  accountFailures: number;
  accountLockMinutes: number;
  /** Socket events one connection may send per second, and at once; an account may send twice as many over all its connections. */
  socketEventsPerSecond: number;
  socketEventsBurst: number;
  /** How long a dropped live connection may stay away and still be handed what it missed; after that, pages load afresh. */
  liveRecoveryMs: number;
  /** Express's `trust proxy`: false (the default), a number of hops, or addresses ("loopback"). */
  trustProxy: boolean | number | string;
  /** Origins besides the server's own that may act with a visitor's cookie (comma-separated). */
  allowedOrigins: string[];
  /** Machine translation: "apertium", "libretranslate", "none", or "auto" (apertium when installed, else none). */
  translationProvider: string;
  libreTranslateUrl: string;
  libreTranslateKey: string;
  /** Machine translation jobs waiting at most; more are refused (logged and counted). */
  translationQueueMax: number;
  /** Quiet time after the last edit of a synthesis before its changed blocks get machine drafts. */
  synthesisTranslationDelayMs: number;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? "0.0.0.0",
    dataDir: resolve(env.DATA_DIR ?? "data"),
    demo: (env.NAVETTE_DEMO ?? "1") !== "0",
    clientDir: resolve(env.CLIENT_DIR ?? "dist/client"),
    secureCookies: env.SECURE_COOKIES === "1",
    sessionDays: Number(env.SESSION_DAYS ?? 30),
    docIdleMs: Number(env.DOC_IDLE_MS ?? 30_000),
    docCompactAfter: Number(env.DOC_COMPACT_AFTER ?? 500),
    synthesisAutoSnapshotMinutes: Number(env.SYNTHESIS_AUTOSNAPSHOT_MIN ?? 10),
    logLevel: env.LOG_LEVEL ?? "info",
    authRateLimitPerMinute: Number(env.AUTH_RATE_LIMIT ?? 100),
    accountFailures: Number(env.AUTH_ACCOUNT_FAILURES ?? 10),
    accountLockMinutes: Number(env.AUTH_ACCOUNT_LOCK_MIN ?? 15),
    socketEventsPerSecond: Number(env.SOCKET_EVENTS_PER_SECOND ?? 10),
    socketEventsBurst: Number(env.SOCKET_EVENTS_BURST ?? 30),
    liveRecoveryMs: Number(env.LIVE_RECOVERY_MS ?? 2 * 60_000),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    allowedOrigins: (env.ALLOWED_ORIGINS ?? "").split(",").map((o) => o.trim()).filter(Boolean),
    translationProvider: env.TRANSLATION_PROVIDER ?? "auto",
    libreTranslateUrl: env.LIBRETRANSLATE_URL ?? "",
    libreTranslateKey: env.LIBRETRANSLATE_KEY ?? "",
    translationQueueMax: Number(env.TRANSLATION_QUEUE_MAX ?? 1000),
    synthesisTranslationDelayMs: Number(env.SYNTHESIS_TRANSLATION_DELAY_MS ?? 3000),
  };
}

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (!value || value === "0" || value === "false") return false;
  if (value === "true") return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}
