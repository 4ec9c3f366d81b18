// HTTP routes of accounts: register, log in and out, profile, API tokens.
import { Router, type Request, type Response } from "express";
import { rateLimit } from "express-rate-limit";
import { z } from "zod";
import { apiToken, createdToken, createTokenBody, loginBody, registerBody, updateMeBody, user } from "../../shared/schemas/auth.js";
import { id, okBody } from "../../shared/schemas/common.js";
import { errors } from "../errors.js";
import { defineRoute, type Guard } from "../http/route.js";
import { readCredentials, SESSION_COOKIE } from "./credentials.js";
import { actorOf } from "./guard.js";
import { presentToken, presentUser, type AuthService } from "./service.js";

export function authRoutes(auth: AuthService, guard: Guard, options: { secureCookies: boolean; rateLimitPerMinute: number; accountFailures: number; accountLockMinutes: number }): Router {
  const router = Router();
  const userBody = z.object({ user });

  // Failed sign-ins are what password guessing looks like: they are counted per account
  // (a short lockout of that account only) and per address (a ceiling high enough for a
  // room of 80 behind one public address). Successful sign-ins do not count.
  const limitOf = (windowMs: number, limit: number, error: () => Error, keyOf?: (req: Request) => string) =>
    rateLimit({
      windowMs,
      limit,
      skipSuccessfulRequests: true,
      standardHeaders: "draft-8",
      legacyHeaders: false,
      ...(keyOf && { keyGenerator: keyOf }),
      handler: (_req, _res, next) => next(error()),
    });
  const accountOf = (req: Request) => {
    const email = (req.body as { email?: unknown } | undefined)?.email;
    return `account:${typeof email === "string" ? email.trim().toLowerCase() : ""}`;
  };
  router.use("/api/auth/login", limitOf(options.accountLockMinutes * 60_000, options.accountFailures, errors.accountLocked, accountOf));
  router.use(["/api/auth/login", "/api/auth/register"], limitOf(60_000, options.rateLimitPerMinute, errors.rateLimited));

  async function signIn(res: Response, userId: string) {
    const session = await auth.startSession(userId);
    res.cookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: "lax",
      secure: options.secureCookies,
      expires: session.expiresAt,
      path: "/",
    });
  }

  defineRoute(
    router,
    guard,
    { method: "post", path: "/api/auth/register", tag: "auth", summary: "Create an account and sign in", access: "public", body: registerBody, response: userBody, status: 201, errors: ["email_taken", "rate_limited"] },
    async ({ body, res }) => {
      const created = await auth.register(body);
      await signIn(res, created.id);
      return { user: presentUser(created) };
    },
  );

  defineRoute(
    router,
    guard,
    { method: "post", path: "/api/auth/login", tag: "auth", summary: "Sign in with email and password; sets the session cookie", access: "public", body: loginBody, response: userBody, errors: ["invalid_credentials", "account_locked", "rate_limited"] },
    async ({ body, res }) => {
      const found = await auth.checkPassword(body.email, body.password);
      await signIn(res, found.id);
      return { user: presentUser(found) };
    },
  );

  defineRoute(
    router,
    guard,
    { method: "post", path: "/api/auth/logout", tag: "auth", summary: "End the current browser session", access: "public", response: okBody },
    async ({ req, res }) => {
      const { sessionToken } = readCredentials(req.headers);
      if (sessionToken) await auth.endSession(sessionToken);
      res.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true as const };
    },
  );

  defineRoute(
    router,
    guard,
    { method: "get", path: "/api/me", tag: "auth", summary: "The signed-in user", access: "user", response: userBody },
    async ({ res }) => ({ user: presentUser(actorOf(res).user) }),
  );

  defineRoute(
    router,
    guard,
    { method: "patch", path: "/api/me", tag: "auth", summary: "Change my display name or preferred language", access: "user", body: updateMeBody, response: userBody },
    async ({ body, res }) => ({ user: presentUser(await auth.updateProfile(actorOf(res).user.id, body)) }),
  );

  defineRoute(
    router,
    guard,
    { method: "get", path: "/api/me/tokens", tag: "auth", summary: "My personal API tokens (secrets are never shown again)", access: "user", response: z.object({ tokens: z.array(apiToken) }) },
    async ({ res }) => ({ tokens: (await auth.listApiTokens(actorOf(res).user.id)).map(presentToken) }),
  );

  defineRoute(
    router,
    guard,
    { method: "post", path: "/api/me/tokens", tag: "auth", summary: "Create a personal API token for scripts: send it as `Authorization: Bearer <token>`. It expires after `expiresInDays` (90 by default); a `read` token may only read", access: "user", body: createTokenBody, response: z.object({ token: createdToken }), status: 201 },
    async ({ body, res }) => {
      const created = await auth.createApiToken(actorOf(res).user.id, body);
      return { token: { ...presentToken(created), token: created.token } };
    },
  );

  defineRoute(
    router,
    guard,
    { method: "delete", path: "/api/me/tokens/:tokenId", tag: "auth", summary: "Revoke one of my API tokens", access: "user", params: z.object({ tokenId: id }), response: okBody, errors: ["not_found"] },
    async ({ params, res }) => {
      await auth.revokeApiToken(actorOf(res).user.id, params.tokenId);
      return { ok: true as const };
    },
  );

  return router;
}
