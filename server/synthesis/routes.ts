// HTTP routes of synthesis documents: validate → authorize → service → present.
// Workshop routes list and create documents; document routes (by id) serve a workshop's
// documents and a series' synthesis alike, authorized by the registry.
import { Router, type Response } from "express";
import { z } from "zod";
import type { Action } from "../../shared/permissions.js";
import { id } from "../../shared/schemas/common.js";
import {
  applyTemplateBody,
  changeStatusBody,
  citationsQuery,
  citingPassage,
  createDocumentBody,
  createVersionBody,
  diffQuery,
  renameDocumentBody,
  richTextDocument,
  statusChange,
  synthesisDiff,
  synthesisDocument,
  synthesisVersion,
} from "../../shared/schemas/synthesis.js";
import { actorOf } from "../auth/index.js";
import { defineRoute, type Guard, type ResourceAccess } from "../http/route.js";
import type { MembershipRecord } from "../storage/port.js";
import { presentDocument, presentStatusChange } from "./presenter.js";
import type { DocumentAccess } from "./registry.js";
import type { SynthesisService } from "./service.js";

const workshopParams = z.object({ workshopId: id });
const documentParams = z.object({ documentId: id });
const versionParams = documentParams.extend({ versionId: id });
const documentBody = z.object({ document: synthesisDocument });

export function synthesisRoutes(service: SynthesisService, guard: Guard): Router {
  const router = Router();
  const tag = "synthesis";
  const accessOf = (res: Response) => res.locals.access as DocumentAccess;
  const onDocument = (action: Action): ResourceAccess => ({
    action,
    resourceParam: "documentId",
    describe: "in a series' synthesis, facilitators of any of the series' workshops act as facilitators and its other members read",
    authorize: (userId, documentId, a) => service.access(userId, documentId, a as Action),
  });

  defineRoute(
    router,
    guard,
    {
      method: "get",
      path: "/api/workshops/:workshopId/synthesis/documents",
      tag,
      summary: "The workshop's synthesis documents: its main synthesis first, its other documents, then its series' synthesis",
      access: { action: "synthesis.read", workshopParam: "workshopId" },
      params: workshopParams,
      response: z.object({ documents: z.array(synthesisDocument) }),
    },
    async ({ params, res }) => ({
      documents: (await service.listDocuments(actorOf(res).user.id, params.workshopId)).map(({ record, role }) => presentDocument(record, role)),
    }),
  );

  defineRoute(
    router,
    guard,
    {
      method: "post",
      path: "/api/workshops/:workshopId/synthesis/documents",
      tag,
      summary: "Create another document of the workshop (per-sequence notes), empty or from a template",
      access: { action: "synthesis.document.create", workshopParam: "workshopId" },
      params: workshopParams,
      body: createDocumentBody,
      response: documentBody,
      status: 201,
    },
    async ({ params, body, res }) => {
      const record = await service.createDocument(actorOf(res).user.id, params.workshopId, body);
      return { document: presentDocument(record, (res.locals.membership as MembershipRecord).role) };
    },
  );

  defineRoute(
    router,
    guard,
    {
      method: "get",
      path: "/api/workshops/:workshopId/synthesis/citations",
      tag,
      summary:
        "Passages that cite a fiche, post or proposal, or took in a proposal merged into the synthesis, among the documents I may read. Always current.",
      access: { action: "synthesis.read", workshopParam: "workshopId" },
      params: workshopParams,
      query: citationsQuery,
      response: z.object({ passages: z.array(citingPassage) }),
    },
    async ({ query, res }) => ({ passages: await service.passagesCiting(actorOf(res).user.id, query.kind, query.targetId) }),
  );

  defineRoute(
    router,
    guard,
    {
      method: "get",
      path: "/api/synthesis/documents/:documentId",
      tag,
      summary: "One synthesis document, with its status history (each change names who, when, and the version recorded)",
      access: onDocument("synthesis.read"),
      params: documentParams,
      response: z.object({ document: synthesisDocument, statusHistory: z.array(statusChange) }),
    },
    async ({ res }) => {
      const { record, role } = accessOf(res);
      const { history, names } = await service.statusHistory(record);
      return { document: presentDocument(record, role), statusHistory: history.map((c) => presentStatusChange(c, names)) };
    },
  );

  defineRoute(
    router,
    guard,
    {
      method: "get",
      path: "/api/synthesis/documents/:documentId/content",
      tag,
      summary: "The document's current text as ProseMirror JSON",
      access: onDocument("synthesis.read"),
      params: documentParams,
      response: z.object({ content: richTextDocument }),
      errors: ["unavailable"],
    },
    async ({ res }) => ({ content: (await service.content(accessOf(res).record)) as z.input<typeof richTextDocument> }),
  );

  defineRoute(
    router,
    guard,
    {
      method: "patch",
      path: "/api/synthesis/documents/:documentId",
      tag,
      summary: "Rename a per-sequence notes document (the main and series syntheses keep their names: 400)",
      access: onDocument("synthesis.document.create"),
      params: documentParams,
      body: renameDocumentBody,
      response: documentBody,
      errors: ["bad_request"],
    },
    async ({ body, res }) => {
      const { record, role } = accessOf(res);
      return { document: presentDocument(await service.rename(record, body.title), role) };
    },
  );

  defineRoute(
    router,
    guard,
    {
      method: "post",
      path: "/api/synthesis/documents/:documentId/template",
      tag,
      summary: "Fill an empty document from a template; its headings are in the document's language unless another is given",
      access: onDocument("synthesis.document.create"),
      params: documentParams,
      body: applyTemplateBody,
      response: documentBody,
      errors: ["synthesis_not_empty", "synthesis_agreed", "unavailable"],
    },
    async ({ body, res }) => {
      const { record, role } = accessOf(res);
      await service.applyTemplate(record, body.template, body.language);
      return { document: presentDocument(record, role) };
    },
  );

  defineRoute(
    router,
    guard,
    {
      method: "post",
      path: "/api/synthesis/documents/:documentId/status",
      tag,
      summary:
        "Change the status: draft → submitted → agreed, submitted → draft, agreed → draft (reopen). Records who, when and a version. While agreed, every edit is refused, on open connections too.",
      access: onDocument("synthesis.status"),
      params: documentParams,
      body: changeStatusBody,
      response: z.object({ document: synthesisDocument, change: statusChange }),
      errors: ["synthesis_status_transition", "unavailable"],
    },
    async ({ body, res }) => {
      const { record, role } = accessOf(res);
      const outcome = await service.changeStatus(record, actorOf(res).user.id, body.status, body.from);
      return { document: presentDocument(outcome.record, role), change: presentStatusChange(outcome.change, outcome.names) };
    },
  );

  defineRoute(
    router,
    guard,
    {
      method: "get",
      path: "/api/synthesis/documents/:documentId/versions",
      tag,
      summary: "Versions of the document, newest first: manual, automatic, at each status change, after each restore",
      access: onDocument("synthesis.read"),
      params: documentParams,
      response: z.object({ versions: z.array(synthesisVersion) }),
    },
    async ({ res }) => ({ versions: await service.listVersions(accessOf(res).record) }),
  );

  defineRoute(
    router,
    guard,
    {
      method: "post",
      path: "/api/synthesis/documents/:documentId/versions",
      tag,
      summary: "Record a named version of the document as it is now",
      access: onDocument("synthesis.version.create"),
      params: documentParams,
      body: createVersionBody,
      response: z.object({ version: synthesisVersion }),
      status: 201,
      errors: ["unavailable"],
    },
    async ({ body, res }) => ({ version: await service.createVersion(accessOf(res).record, actorOf(res).user.id, body.name) }),
  );

  defineRoute(
    router,
    guard,
    {
      method: "get",
      path: "/api/synthesis/documents/:documentId/versions/:versionId",
      tag,
      summary: "One version, with its text as ProseMirror JSON",
      access: onDocument("synthesis.read"),
      params: versionParams,
      response: z.object({ version: synthesisVersion, content: richTextDocument }),
    },
    async ({ params, res }) => {
      const { version, content } = await service.version(accessOf(res).record, params.versionId);
      return { version, content: content as z.input<typeof richTextDocument> };
    },
  );

  defineRoute(
    router,
    guard,
    {
      method: "get",
      path: "/api/synthesis/documents/:documentId/diff",
      tag,
      summary: "Inserted and removed words between two versions (`current` is the text now), block by block in the later text's order",
      access: onDocument("synthesis.read"),
      params: documentParams,
      query: diffQuery,
      response: synthesisDiff,
      errors: ["unavailable"],
    },
    async ({ query, res }) => service.diff(accessOf(res).record, query.from, query.to),
  );

  defineRoute(
    router,
    guard,
    {
      method: "post",
      path: "/api/synthesis/documents/:documentId/versions/:versionId/restore",
      tag,
      summary: "Bring back a version's text as a new change on top of the current one (history is kept); records a `restore` version",
      access: onDocument("synthesis.version.restore"),
      params: versionParams,
      response: z.object({ version: synthesisVersion }),
      errors: ["synthesis_agreed", "unavailable"],
    },
    async ({ params, res }) => ({ version: await service.restore(accessOf(res).record, params.versionId, actorOf(res).user.id) }),
  );

  return router;
}
