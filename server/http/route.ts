// One way to declare an HTTP route: its schemas, its permission and its errors are
// written once and serve validation, authorization and the OpenAPI document alike.
import { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import type { Request, Response, Router } from "express";
import { z } from "zod";
import type { ErrorCode } from "../../shared/errors.js";
import { errorBody } from "../../shared/schemas/common.js";
import { errors } from "../errors.js";
import { idempotencyKeyPattern, takesIdempotencyKey } from "./idempotency.js";

/** Who may call a route: anyone, any signed-in user, or a workshop action from the permission table. */
export type Access = "public" | "user" | { action: string; workshopParam: string } | ResourceAccess;

/**
 * An action from the permission table on a resource that is not a workshop (a series'
 * synthesis is read by members of all its workshops): its capability resolves the caller's
 * role for it, and throws not_found or forbidden like a workshop check.
 */
export interface ResourceAccess {
  action: string;
  resourceParam: string;
  /** How the role is found, for the API documentation. */
  describe: string;
  authorize(userId: string, resourceId: string, action: string): Promise<unknown>;
}

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> {
  method: "get" | "post" | "patch" | "put" | "delete";
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  status?: number;
  errors?: ErrorCode[];
}

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  req: Request;
  res: Response;
}

const statusOf: Partial<Record<ErrorCode, number>> = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  email_taken: 409,
  already_member: 409,
  last_facilitator: 409,
  in_series: 409,
  synthesis_agreed: 409,
  synthesis_status_transition: 409,
  synthesis_not_empty: 409,
  sequence_closed: 409,
  sequence_not_open: 409,
  sequence_order: 409,
  invalid_transition: 409,
  not_author: 403,
  fiche_finalised: 409,
  fiche_not_submitted: 409,
  consent_missing: 409,
  edit_conflict: 409,
  post_hidden: 409,
  already_supported: 409,
  not_supported: 409,
  proposal_decided: 409,
  amendment_decided: 409,
  amendment_outdated: 409,
  invalid_cursor: 400,
  translation_unavailable: 422,
  translation_stale: 409,
  own_translation: 409,
  invitation_expired: 410,
  invitation_used: 410,
  live_session_running: 409,
  no_live_session: 409,
  poll_closed: 409,
  invalid_choice: 400,
  idempotency_key_reused: 422,
  idempotency_in_progress: 409,
  rate_limited: 429,
  account_locked: 429,
  bad_origin: 403,
  unavailable: 503,
};


/** Every write takes one (see http/idempotency.ts). */
const idempotencyHeaders = z.object({
  "Idempotency-Key": z
    .string()
    .regex(idempotencyKeyPattern)
    .optional()
    .describe("A key of your own for this write (8–128 of A–Z a–z 0–9 _ . : -). Sent again with the same key and body within a day, the write is done once and its first answer is given again, with `Idempotent-Replayed: true`."),
});

function describeAccess(access: Access): string {
  if (access === "public") return "Public.";
  if (access === "user") return "Any signed-in user (session cookie or `Authorization: Bearer <token>`).";
  if ("authorize" in access) return `Callers whose role allows \`${access.action}\` (see shared/permissions.ts); ${access.describe}. Others get 404.`;
  return `Members whose role allows \`${access.action}\` (see shared/permissions.ts); non-members get 404.`;
}

export function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  const result = schema.safeParse(value);
  if (!result.success) throw errors.validation(zodIssues(result.error));
  return result.data;
}

/**
 * Checks who the caller is and what they may do; provided by the auth capability, one per app,
 * with the app's API document, which each route fills as it is declared.
 */
export type Guard = ((req: Request, res: Response, access: Access) => Promise<void>) & { readonly registry: OpenAPIRegistry };

/** An empty API document, for a new app's guard. */
export const newApiRegistry = () => new OpenAPIRegistry();

export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  router: Router,
  guard: Guard,
  spec: RouteSpec<P, Q, B, R>,
  handler: (ctx: RouteContext<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<z.input<R>>,
): void {
  const status = spec.status ?? 200;
  const documentedErrors = [...new Set<ErrorCode>([
    ...(spec.body || spec.query || spec.params ? (["validation_failed"] as const) : []),
    ...(spec.access === "public" ? [] : (["unauthenticated"] as const)),
    ...(typeof spec.access === "object" ? (["forbidden", "not_found"] as const) : []),
    ...(spec.errors ?? []),
    ...(spec.method !== "get" && takesIdempotencyKey(spec.path) ? (["idempotency_key_reused", "idempotency_in_progress"] as const) : []),
  ])];
  const errorResponses: Record<string, { description: string; content: { "application/json": { schema: typeof errorBody } } }> = {};
  for (const code of documentedErrors) {
    const httpStatus = String(statusOf[code] ?? 400);
    const previous = errorResponses[httpStatus]?.description;
    errorResponses[httpStatus] = {
      description: previous ? `${previous}, ${code}` : code,
      content: { "application/json": { schema: errorBody } },
    };
  }
  guard.registry.registerPath({
    method: spec.method,
    path: spec.path.replace(/:([A-Za-z]+)/g, "{$1}"),
    summary: spec.summary,
    description: describeAccess(spec.access),
    tags: [spec.tag],
    request: {
      ...(spec.params ? { params: spec.params as unknown as z.ZodObject } : {}),
      ...(spec.query ? { query: spec.query as unknown as z.ZodObject } : {}),
      ...(spec.body ? { body: { content: { "application/json": { schema: spec.body } } } } : {}),
      ...(spec.method !== "get" && takesIdempotencyKey(spec.path) ? { headers: idempotencyHeaders } : {}),
    },
    responses: {
      [status]: { description: "OK", content: { "application/json": { schema: spec.response } } },
      ...errorResponses,
    },
  });

  router[spec.method](spec.path, async (req: Request, res: Response) => {
    const params = parse(spec.params, req.params);
    const query = parse(spec.query, req.query);
    const body = parse(spec.body, req.body ?? {});
    await guard(req, res, spec.access);
    const result = await handler({ params, query, body, req, res });
    res.status(status).json(result);
  });
}
