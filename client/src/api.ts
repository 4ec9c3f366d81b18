// The one way the client talks HTTP to the server: JSON in, JSON out, and every
// failure thrown as an ApiRequestError carrying the server's error code.
import type { ApiError, ErrorCode } from "../../shared/errors.js";

export class ApiRequestError extends Error {
  readonly status: number;
  readonly error: ApiError;

  constructor(status: number, error: ApiError) {
    super(error.message);
    this.name = "ApiRequestError";
    this.status = status;
    this.error = error;
  }

  get code(): ErrorCode {
    return this.error.code;
  }
}

/** Turns anything thrown into an error code the UI can translate. */
export function errorCodeOf(error: unknown): ErrorCode {
  return error instanceof ApiRequestError ? error.code : "internal";
}

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A fresh Idempotency-Key (crypto.randomUUID needs a secure origin; a venue's LAN address is not one). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Waits before sending a write again: its answer was lost, or its first copy is still running. */
const retryDelaysMs = [1_000, 3_000];
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One attempt; `idempotencyKey` makes a write safe to send again. */
export async function send<T>(method: Method, path: string, body: unknown, idempotencyKey: string | null): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: {
        Accept: "application/json",
        ...(body !== undefined && { "Content-Type": "application/json" }),
        ...(idempotencyKey && { "Idempotency-Key": idempotencyKey }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    // The network failed before any answer: the server is down or unreachable.
    throw new ApiRequestError(0, { code: "unavailable", message: String(cause) });
  }

  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok) return payload as T;

  const error = (payload as { error?: ApiError } | undefined)?.error;
  if (error && typeof error.code === "string") throw new ApiRequestError(response.status, error);
  throw new ApiRequestError(response.status, {
    code: response.status === 404 ? "not_found" : response.status >= 500 ? "internal" : "bad_request",
    message: `HTTP ${response.status}`,
  });
}

/**
 * Every write carries an Idempotency-Key and is sent again, with the same key, when its
 * answer was lost on the way (the venue's wifi): the server does it once whatever happens.
 */
async function request<T>(method: Method, path: string, body?: unknown, key = newIdempotencyKey()): Promise<T> {
  if (method === "GET") return send<T>(method, path, body, null);
  for (let attempt = 0; ; attempt++) {
    try {
      return await send<T>(method, path, body, key);
    } catch (error) {
      const again = error instanceof ApiRequestError && (error.status === 0 || error.code === "idempotency_in_progress");
      if (!again || attempt >= retryDelaysMs.length || !navigator.onLine) throw error;
      await pause(retryDelaysMs[attempt]!);
    }
  }
}

export const api = {
  get: <T>(path: string) => request<T>("GET", path),
  post: <T>(path: string, body: unknown = {}) => request<T>("POST", path, body),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, body),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  delete: <T>(path: string) => request<T>("DELETE", path),
  /** A write under a key of the caller's (a write kept on the device keeps its key). */
  write: <T>(method: Exclude<Method, "GET">, path: string, body: unknown, key: string) => request<T>(method, path, body, key),
};

/** A query string from the defined values only: `?a=1&b=x`, or "" when none. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}
