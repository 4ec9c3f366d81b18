// Bodies of the account routes: register, log in, profile, API tokens.
import { z } from "zod";
import { contentLanguage, id, isoDate, requiredText } from "./common.js";

export const email = z.string().trim().toLowerCase().email().max(254);
// Passwords people reach for first, in the languages of our networks; refused outright.
const commonPasswords = new Set([
  "password", "password1", "password12", "password123", "motdepasse", "motdepasse1", "contrasena", "contraseña",
  "1234567890", "0123456789", "12345678910", "qwertyuiop", "azertyuiop", "qwertzuiop", "iloveyou12", "jetaime123",
  "bienvenue1", "bienvenido", "welcome123", "letmein123", "administrator", "navette123", "changeme123",
]);

/** At least 10 characters, not a common password, and not a single character or pair repeated. */
export const password = z
  .string()
  .min(10, "at least 10 characters")
  .max(200)
  .refine((value) => !commonPasswords.has(value.toLowerCase()), "this password is too common")
  .refine((value) => new Set(value).size >= 4, "use more different characters");

export const registerBody = z.object({
  email,
  password,
  displayName: requiredText(80),
  language: contentLanguage.default("fr"),
});

export const loginBody = z.object({ email, password: z.string().min(1).max(200) });

export const updateMeBody = z
  .object({
    displayName: requiredText(80),
    language: contentLanguage,
    /** The language I write in, when it is not my interface language; null follows `language` again. */
    writingLanguage: contentLanguage.nullable(),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, "nothing to update");

export const user = z.object({
  id,
  email: z.string(),
  displayName: z.string(),
  language: z.string(),
  /** The language my contributions are taken to be written in when detection is unsure; `language` unless I said otherwise. */
  writingLanguage: z.string(),
  createdAt: isoDate,
});

export const tokenScopes = ["read", "write"] as const;

export const createTokenBody = z.object({
  name: requiredText(80),
  /** `read`: GET requests, listening in live rooms and reading synthesis documents only. */
  scope: z.enum(tokenScopes).default("write"),
  /** Days until the token stops working: 90 unless said otherwise, a year at most. */
  expiresInDays: z.number().int().min(1).max(365).default(90),
});

export const apiToken = z.object({
  id,
  name: z.string(),
  createdAt: isoDate,
  lastUsedAt: isoDate.nullable(),
  scope: z.enum(tokenScopes),
  expiresAt: isoDate.nullable(),
});

/** Returned once, at creation: the secret is never shown again. */
export const createdToken = apiToken.extend({ token: z.string() });

export type RegisterBody = z.infer<typeof registerBody>;
export type LoginBody = z.infer<typeof loginBody>;
export type UpdateMeBody = z.infer<typeof updateMeBody>;
export type User = z.infer<typeof user>;
export type ApiToken = z.infer<typeof apiToken>;
export type CreatedToken = z.infer<typeof createdToken>;
