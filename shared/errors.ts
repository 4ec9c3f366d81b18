// Error codes the API returns. The client translates `errors.<code>`, so every
// locale must hold a message for each code (a unit test checks it).

export const errorCodes = [
  "bad_request",
  "validation_failed",
  "unauthenticated",
  "invalid_credentials",
  "forbidden",
  "not_found",
  "email_taken",
  "invitation_expired",
  "invitation_used",
  "already_member",
  "last_facilitator",
  "in_series",
  "synthesis_agreed",
  "synthesis_status_transition",
  "synthesis_not_empty",
  "sequence_closed",
  "sequence_not_open",
  "sequence_order",
  "invalid_transition",
  "not_author",
  "fiche_finalised",
  "fiche_not_submitted",
  "consent_missing",
  "edit_conflict",
  "post_hidden",
  "already_supported",
  "not_supported",
  "proposal_decided",
  "amendment_decided",
  "amendment_outdated",
  "invalid_cursor",
  "translation_unavailable",
  "translation_stale",
  "own_translation",
  "live_session_running",
  "no_live_session",
  "poll_closed",
  "invalid_choice",
  "live_item_not_found",
  "idempotency_key_reused",
  "idempotency_in_progress",
  "rate_limited",
  "account_locked",
  "bad_origin",
  "unavailable",
  "internal",
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Field-level problems, for validation errors. */
  issues?: { path: string; message: string }[];
}

export type Ack<T = Record<string, unknown>> = ({ ok: true } & T) | { ok: false; error: ApiError };
