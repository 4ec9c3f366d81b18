// HTTP routes of fiches navettes.
import { Router } from "express";
import { z } from "zod";
import { id } from "../../../shared/schemas/common.js";
import {
  consentBody,
  createFicheBody,
  fiche,
  ficheEntryBody,
  ficheListQuery,
  ficheRevision,
  ficheSummary,
  page,
  pageQuery,
  setFicheStatusBody,
  updateFicheBody,
} from "../../../shared/schemas/contributions.js";
import { errors } from "../../errors.js";
import { defineRoute, type Guard } from "../../http/route.js";
import { presentPage } from "../paging.js";
import { readerOf, workshopParams } from "../routing.js";
import { presentFiche, presentFicheOutside, presentFicheRevision, presentFicheSummary } from "./presenter.js";
import type { FicheService } from "./service.js";

export function ficheRoutes(service: FicheService, guard: Guard): Router {
  const router = Router();
  const tag = "fiches";
  const base = "/api/workshops/:workshopId/fiches";
  const ficheParams = workshopParams.extend({ ficheId: id });
  const ficheBody = z.object({ fiche });
  const read = { action: "contribution.read", workshopParam: "workshopId" };

  defineRoute(
    router,
    guard,
    { method: "get", path: base, tag, summary: "Fiches in the order they were written; drafts only for their authors and facilitators", access: read, params: workshopParams, query: ficheListQuery, response: page(ficheSummary), errors: ["invalid_cursor"] },
    async ({ params, query, res }) => presentPage(await service.list(readerOf(res), params.workshopId, query), presentFicheSummary),
  );

  defineRoute(
    router,
    guard,
    {
      method: "post",
      path: base,
      tag,
      summary: "Start a fiche (a draft). Rows may stay empty. Allowed while illustrate is upcoming or open.",
      access: { action: "fiche.create", workshopParam: "workshopId" },
      params: workshopParams,
      body: createFicheBody,
      response: ficheBody,
      status: 201,
      errors: ["sequence_closed"],
    },
    async ({ params, body, res }) => ({ fiche: presentFiche(await service.create(readerOf(res), params.workshopId, body)) }),
  );

  defineRoute(
    router,
    guard,
    { method: "get", path: `${base}/:ficheId`, tag, summary: "One fiche with its feedback and replies; someone else's draft is not found", access: read, params: ficheParams, response: ficheBody },
    async ({ params, res }) => ({ fiche: presentFiche(await service.requireReadable(readerOf(res), params.workshopId, params.ficheId)) }),
  );

  defineRoute(
    router,
    guard,
    {
      method: "patch",
      path: `${base}/:ficheId`,
      tag,
      summary: "Change rows of a fiche (its authors, or facilitators). Send the version you started from: rows changed meanwhile by someone else are refused, others merge.",
      access: { action: "fiche.create", workshopParam: "workshopId" },
      params: ficheParams,
      body: updateFicheBody,
      response: ficheBody,
      errors: ["not_author", "fiche_finalised", "edit_conflict", "sequence_closed", "sequence_not_open"],
    },
    async ({ params, body, res }) => ({ fiche: presentFiche(await service.updateRows(readerOf(res), params.workshopId, params.ficheId, body)) }),
  );

  defineRoute(
    router,
    guard,
    {
      method: "post",
      path: `${base}/:ficheId/status`,
      tag,
      summary: "Submit a draft (authors), finalise a submitted fiche (authors, facilitators), or reopen a finalised one (facilitators, status submitted)",
      access: { action: "fiche.create", workshopParam: "workshopId" },
      params: ficheParams,
      body: setFicheStatusBody,
      response: ficheBody,
      errors: ["not_author", "invalid_transition", "sequence_closed", "sequence_not_open"],
    },
    async ({ params, body, res }) => ({ fiche: presentFiche(await service.setStatus(readerOf(res), params.workshopId, params.ficheId, body.status)) }),
  );

  defineRoute(
    router,
    guard,
    {
      method: "put",
      path: `${base}/:ficheId/consent`,
      tag,
      summary: "Set consent to circulate (host side or facilitators): to the participants, as a working document, and conditions. Never blocked by a closed sequence.",
      access: { action: "fiche.consent", workshopParam: "workshopId" },
      params: ficheParams,
      body: consentBody,
      response: ficheBody,
    },
    async ({ params, body, res }) => ({ fiche: presentFiche(await service.setConsent(readerOf(res), params.workshopId, params.ficheId, body)) }),
  );

  for (const [kind, path, action, summary] of [
    ["observerFeedback", "observer-feedback", "fiche.observerFeedback", "Add observers' feedback (OBC) to a submitted fiche: a signed, dated entry"],
    ["hostReply", "host-replies", "fiche.hostReply", "Add the hosts' reply and additions to a submitted fiche: a signed, dated entry"],
  ] as const) {
    defineRoute(
      router,
      guard,
      {
        method: "post",
        path: `${base}/:ficheId/${path}`,
        tag,
        summary,
        access: { action, workshopParam: "workshopId" },
        params: ficheParams,
        body: ficheEntryBody,
        response: ficheBody,
        status: 201,
        errors: ["fiche_not_submitted", "fiche_finalised", "sequence_closed", "sequence_not_open"],
      },
      async ({ params, body, res }) => ({ fiche: presentFiche(await service.addEntry(readerOf(res), params.workshopId, params.ficheId, kind, body.body)) }),
    );
  }

  defineRoute(
    router,
    guard,
    { method: "get", path: `${base}/:ficheId/revisions`, tag, summary: "Every save of a fiche, oldest first: who changed which rows, when, and to what", access: read, params: ficheParams, query: pageQuery, response: page(ficheRevision), errors: ["invalid_cursor"] },
    async ({ params, query, res }) => presentPage(await service.revisions(readerOf(res), params.workshopId, params.ficheId, query), presentFicheRevision),
  );

  defineRoute(
    router,
    guard,
    {
      method: "get",
      path: `${base}/:ficheId/export`,
      tag,
      summary: "The fiche as it may leave the workshop (export, outside view): refused unless consent to the participants is yes",
      access: read,
      params: ficheParams,
      response: ficheBody,
      errors: ["consent_missing"],
    },
    async ({ params, res }) => {
      const outside = presentFicheOutside(await service.requireReadable(readerOf(res), params.workshopId, params.ficheId));
      if (!outside) throw errors.conflict("consent_missing", "the hosts have not agreed to circulate this fiche to the participants");
      return { fiche: outside };
    },
  );

  return router;
}
