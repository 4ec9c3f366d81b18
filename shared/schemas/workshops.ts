// Bodies and shapes of workshops, members and invitations.
import { z } from "zod";
import { contentLanguage, id, isoDate, requiredText, role, text } from "./common.js";

export const questionId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, "lowercase letters, digits and dashes");

export const readingGridQuestion = z.object({ id: questionId, text: requiredText(1000) });

export const readingGrid = z.object({
  version: z.number().int().min(1),
  questions: z.array(readingGridQuestion),
});

/** On write, a question without id is new and gets one; existing ids stay stable. */
export const readingGridInput = z
  .array(z.object({ id: questionId.optional(), text: requiredText(1000) }))
  .max(30)
  .refine((qs) => new Set(qs.filter((q) => q.id).map((q) => q.id)).size === qs.filter((q) => q.id).length, "question ids must be unique");

export const workingLanguages = z
  .array(contentLanguage)
  .min(1)
  .max(8)
  .refine((ls) => new Set(ls).size === ls.length, "languages must be unique");

export const createWorkshopBody = z.object({
  title: requiredText(200),
  description: text(5000).default(""),
  theme: text(200).default(""),
  languages: workingLanguages,
  readingGrid: readingGridInput.default([]),
});

export const updateWorkshopBody = z
  .object({
    title: requiredText(200),
    description: text(5000),
    theme: text(200),
    languages: workingLanguages,
    readingGrid: readingGridInput,
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, "nothing to update");

export const workshop = z.object({
  id,
  /** The series (démarche) this workshop is a stage of, if any. */
  series: z.object({ id, title: z.string() }).nullable(),
  title: z.string(),
  description: z.string(),
  theme: z.string(),
  languages: z.array(z.string()),
  readingGrid: readingGrid,
  createdAt: isoDate,
  updatedAt: isoDate,
  /** The reader's own role in this workshop. */
  myRole: role,
  memberCount: z.number().int(),
});

export const member = z.object({
  userId: id,
  displayName: z.string(),
  language: z.string(),
  role,
  joinedAt: isoDate,
});

export const changeRoleBody = z.object({ role });

export const createInvitationBody = z.object({
  role,
  expiresInDays: z.number().int().min(1).max(365).default(30),
  maxUses: z.number().int().min(1).max(1000).default(100),
});

export const invitation = z.object({
  id,
  role,
  token: z.string(),
  path: z.string(),
  expiresAt: isoDate,
  maxUses: z.number().int(),
  uses: z.number().int(),
  revoked: z.boolean(),
  createdAt: isoDate,
});

export const invitationPreview = z.object({
  workshopId: id,
  workshopTitle: z.string(),
  role,
  usable: z.boolean(),
  reason: z.enum(["ok", "expired", "used", "revoked"]),
});

export const acceptedInvitation = z.object({ workshopId: id, role });

export type ReadingGrid = z.infer<typeof readingGrid>;
export type ReadingGridInput = z.infer<typeof readingGridInput>;
export type CreateWorkshopBody = z.infer<typeof createWorkshopBody>;
export type UpdateWorkshopBody = z.infer<typeof updateWorkshopBody>;
export type Workshop = z.infer<typeof workshop>;
export type Member = z.infer<typeof member>;
export type CreateInvitationBody = z.infer<typeof createInvitationBody>;
export type Invitation = z.infer<typeof invitation>;
export type InvitationPreview = z.infer<typeof invitationPreview>;

/** A series (démarche): workshops held one after another on one theme, with one shared synthesis. */
export const createSeriesBody = z.object({ title: requiredText(200), description: text(2000).default("") });
export const joinSeriesBody = z.object({ seriesId: id });

export const series = z.object({
  id,
  title: z.string(),
  description: z.string(),
  createdAt: isoDate,
  /** Its workshops in the order they were created, with my role in each (null where I am not a member). */
  stages: z.array(z.object({ workshopId: id, title: z.string(), myRole: role.nullable() })),
  /** Facilitators of any of its workshops may add another workshop they facilitate. */
  canAddWorkshops: z.boolean(),
});

export type CreateSeriesBody = z.infer<typeof createSeriesBody>;
export type Series = z.infer<typeof series>;
