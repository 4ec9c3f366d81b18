// HTTP routes of stored translations: validate → authorize → service → present.
import { Router, type Response } from "express";
import { z } from "zod";
import { id } from "../../shared/schemas/common.js";
import {
  fieldTranslations,
  fieldTranslationsQuery,
  listTranslationsQuery,
  machineRequestResult,
  queueQuery,
  requestMachineBody,
  sourceLanguageBody,
  targetParams,
  targetTranslations,
  translation,
  translationParams,
  translatorQueue,
  writeTranslationBody,
} from "../../shared/schemas/translations.js";
import { actorOf } from "../auth/index.js";
import { defineRoute, type Guard } from "../http/route.js";
import type { MembershipRecord, Storage } from "../storage/port.js";
import { peopleOf, presentTarget, presentTranslation } from "./presenter.js";
import type { TranslationService } from "./service.js";

const readerOf = (res: Response) => ({ userId: actorOf(res).user.id, role: (res.locals.membership as MembershipRecord).role });
const base = "/api/workshops/:workshopId/translations";
const one = `${base}/:targetKind/:targetId/:field/:language`;
const translationBody = z.object({ translation });

export function translationRoutes(service: TranslationService, storage: Storage, guard: Guard): Router {
  const router = Router();
  const tag = "translations";
  const access = (action: string) => ({ action, workshopParam: "workshopId" });
  const present = (entry: Parameters<typeof presentTranslation>[0]) => presentTranslation(entry, peopleOf(storage));

  defineRoute(
    router,
    guard,
    {
      method: "get",
      path: base,
      tag,
      summary:
        "The stored translations of one target (every language, or one), each flagged stale when its source changed since; fields not yet translated into the reader's language are queued for machine drafts (listed in `queued`)",
      access: access("translation.read"),
      params: z.object({ workshopId: id }),
      query: listTranslationsQuery,
      response: targetTranslations,
    },
    async ({ params, query, res }) => {
      const { target, records } = await service.list({ workshopId: params.workshopId, targetKind: query.targetKind, targetId: query.targetId }, readerOf(res), query.language);
      const person = peopleOf(storage);
      // What the reader reads but nobody translated into their language yet gets a machine draft.
      const queued = await service.draftForReader(target, actorOf(res).user.language);
      return { ...presentTarget(target, await Promise.all(records.map((entry) => presentTranslation(entry, person)))), queued };
    },
  );

  defineRoute(
    router,
    guard,
    {
      method: "get",
      path: `${base}/field`,
      tag,
      summary: "One field (a title) of up to 200 targets of one kind in one language, for a list: each with its translation or null; unknown or hidden ids are left out",
      access: access("translation.read"),
      params: z.object({ workshopId: id }),
      query: fieldTranslationsQuery,
      response: fieldTranslations,
    },
    async ({ params, query, res }) => ({
      items: await Promise.all(
        (await service.listField(params.workshopId, query.targetKind, query.targetIds, query.field, query.language, readerOf(res))).map(async (item) => ({
          targetId: item.targetId,
          sourceLanguage: item.sourceLanguage,
          translation: item.entry ? await present(item.entry) : null,
        })),
      ),
    }),
  );

  defineRoute(
    router,
    guard,
    {
      method: "get",
      path: `${base}/queue`,
      tag,
      summary: "The translator's queue: missing, machine-only and stale fields, with counts and progress per language",
      access: access("translation.read"),
      params: z.object({ workshopId: id }),
      query: queueQuery,
      response: translatorQueue,
    },
    async ({ params, query, res }) => service.translatorQueue(params.workshopId, readerOf(res), query.language),
  );

  defineRoute(
    router,
    guard,
    {
      method: "post",
      path: `${base}/machine`,
      tag,
      summary: "Request machine drafts of a target's fields; made in the background, announced by translation.updated. Never replaces a person's translation.",
      access: access("translation.requestMachine"),
      params: z.object({ workshopId: id }),
      body: requestMachineBody,
      response: machineRequestResult,
      status: 202,
      errors: ["translation_unavailable"],
    },
    async ({ params, body, res }) =>
      service.requestMachine({ workshopId: params.workshopId, targetKind: body.targetKind, targetId: body.targetId }, readerOf(res), body.fields, body.languages),
  );

  defineRoute(
    router,
    guard,
    {
      method: "put",
      path: one,
      tag,
      summary: "Write a person's translation of one field (a draft, by me); it takes over machine output and records the source it translates",
      access: access("translation.write"),
      params: translationParams,
      body: writeTranslationBody,
      response: translationBody,
    },
    async ({ params, body, res }) => ({ translation: await present(await service.writeHuman(params, actorOf(res).user.id, readerOf(res), body.text)) }),
  );

  defineRoute(
    router,
    guard,
    {
      method: "post",
      path: `${one}/review`,
      tag,
      summary: "Mark a current translation reviewed; a second translator does it, not the one who wrote it",
      access: access("translation.review"),
      params: translationParams,
      response: translationBody,
      errors: ["translation_stale", "own_translation", "edit_conflict"],
    },
    async ({ params, res }) => ({ translation: await present(await service.review(params, actorOf(res).user.id, readerOf(res))) }),
  );

  defineRoute(
    router,
    guard,
    {
      method: "post",
      path: `${one}/confirm`,
      tag,
      summary: "Confirm that a stale translation still holds: it is attached to the current source again",
      access: access("translation.write"),
      params: translationParams,
      response: translationBody,
    },
    async ({ params, res }) => ({ translation: await present(await service.confirm(params, readerOf(res))) }),
  );

  defineRoute(
    router,
    guard,
    {
      method: "put",
      path: "/api/workshops/:workshopId/source-language/:targetKind/:targetId",
      tag,
      summary: "Correct the detected language of a target's source text (its author, a translator or a facilitator)",
      access: access("translation.read"),
      params: targetParams,
      body: sourceLanguageBody,
      response: targetTranslations,
    },
    async ({ params, body, res }) => {
      const target = await service.setSourceLanguage(params, readerOf(res), body.language);
      const { records } = await service.list(params, readerOf(res));
      const person = peopleOf(storage);
      return presentTarget(target, await Promise.all(records.map((entry) => presentTranslation(entry, person))));
    },
  );

  return router;
}
