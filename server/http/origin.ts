// Which browser origins may act with a visitor's cookie: the server's own origin (as the
// browser sees it, through a trusted proxy if one is configured) and any configured extra
// origins. One check serves the CSRF middleware, the Socket.IO handshake and the Yjs upgrade.
import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";

export interface OriginPolicy {
  /** Read X-Forwarded-Proto and X-Forwarded-Host (set only behind a proxy you run). */
  trustProxy: boolean;
  /** Extra origins allowed, e.g. a second name serving the same pages. */
  allowedOrigins: readonly string[];
  /** Served over HTTPS (SECURE_COOKIES), possibly terminated by a proxy that says nothing. */
  https: boolean;
}

/** `scheme://host[:port]` of a URL, or null when it does not parse (`null`, `garbage`, `http://[::1`). */
export function parseOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

const firstValue = (header: string | string[] | undefined) => (Array.isArray(header) ? header[0] : header)?.split(",")[0]?.trim();

/** The origin a browser uses to reach this server for the given request. */
export function ownOrigin(req: Pick<IncomingMessage, "headers" | "socket">, policy: OriginPolicy): string | null {
  const forwardedProto = policy.trustProxy ? firstValue(req.headers["x-forwarded-proto"]) : undefined;
  const forwardedHost = policy.trustProxy ? firstValue(req.headers["x-forwarded-host"]) : undefined;
  const scheme = forwardedProto ?? ((req.socket as TLSSocket).encrypted || policy.https ? "https" : "http");
  const host = forwardedHost ?? req.headers.host;
  return host ? parseOrigin(`${scheme}://${host}`) : null;
}

/**
 * Whether a request may act with the visitor's credentials. A request without an Origin
 * header and without Sec-Fetch-Site is not a browser's cross-site request (scripts, tests);
 * a browser always sends one of them on cross-origin requests that change state.
 */
export function isSameOriginRequest(req: Pick<IncomingMessage, "headers" | "socket">, policy: OriginPolicy): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const parsed = parseOrigin(origin);
    return parsed !== null && (parsed === ownOrigin(req, policy) || policy.allowedOrigins.includes(parsed));
  }
  const site = firstValue(req.headers["sec-fetch-site"] as string | undefined);
  return site === undefined || site === "same-origin" || site === "none";
}

