// One error class with a snake_case code and an HTTP status. The Express error
// handler and the socket wrapper both turn it into {error:{code,message}}.
import type { ErrorCode } from "../shared/errors.js";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

export const errors = {
  badRequest: (message: string) => new AppError("bad_request", message, 400),
  validation: (issues: { path: string; message: string }[]) =>
    new AppError("validation_failed", `invalid input: ${issues.map((i) => `${i.path || "(body)"} ${i.message}`).join("; ")}`, 400, issues),
  unauthenticated: () => new AppError("unauthenticated", "sign in first", 401),
  invalidCredentials: () => new AppError("invalid_credentials", "wrong email or password", 401),
  forbidden: (action: string) => new AppError("forbidden", `your role may not do this: ${action}`, 403),
  readOnlyToken: () => new AppError("forbidden", "this API token is read-only: it may only read", 403),
  notFound: (what: string) => new AppError("not_found", `${what} not found`, 404),
  conflict: (code: ErrorCode, message: string) => new AppError(code, message, 409),
  gone: (code: ErrorCode, message: string) => new AppError(code, message, 410),
  idempotencyKeyReused: () => new AppError("idempotency_key_reused", "this Idempotency-Key was already used for another request", 422),
  idempotencyInProgress: () => new AppError("idempotency_in_progress", "a request with this Idempotency-Key is still being handled; try again in a moment", 409),
  rateLimited: () => new AppError("rate_limited", "too many attempts; wait a minute", 429),
  accountLocked: () => new AppError("account_locked", "too many failed sign-ins for this account; wait a few minutes or ask a facilitator", 429),
  badOrigin: () => new AppError("bad_origin", "this request came from another site", 403),
  unavailable: (message: string) => new AppError("unavailable", message, 503),
};

export function toApiError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError("internal", "something went wrong on the server", 500);
}
