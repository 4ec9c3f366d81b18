// Reads credentials from a request's headers: the session cookie, or a bearer token.
// Used alike by HTTP routes, the Socket.IO handshake and the Yjs upgrade.
import type { IncomingHttpHeaders } from "node:http";

export const SESSION_COOKIE = "navette_session";

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export function readCredentials(headers: IncomingHttpHeaders, extraToken?: string | null): { sessionToken?: string; bearer?: string } {
  const authorization = headers.authorization;
  const bearer = authorization?.startsWith("Bearer ") ? authorization.slice(7).trim() : extraToken || undefined;
  return { sessionToken: readCookie(headers.cookie, SESSION_COOKIE), bearer };
}
