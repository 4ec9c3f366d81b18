// Building blocks shared by the schemas of every capability.
import { z } from "zod";
import { contentLanguages, uiLanguages } from "../languages.js";
import { roles } from "../permissions.js";

export const id = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "must be an id");
export const contentLanguage = z.enum(contentLanguages);
export const uiLanguage = z.enum(uiLanguages);
export const role = z.enum(roles);
export const isoDate = z.string().datetime();
export const text = (max: number) => z.string().trim().max(max);
export const requiredText = (max: number) => z.string().trim().min(1).max(max);

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

export const okBody = z.object({ ok: z.literal(true) });
