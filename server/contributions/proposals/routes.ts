// HTTP routes of proposals, supports and amendments.
import { Router } from "express";
import { z } from "zod";
import { id } from "../../../shared/schemas/common.js";
import {
  amendment,
  createAmendmentBody,
  createProposalBody,
  decideAmendmentBody,
  editProposalBody,
  page,
  pageQuery,
  proposalForReader,
  proposalRevision,
  proposalsQuery,
  setProposalStatusBody,
} from "../../../shared/schemas/contributions.js";
import { defineRoute, type Guard } from "../../http/route.js";
import { presentPage } from "../paging.js";
import type { Reader } from "../reader.js";
import { readerOf, workshopParams } from "../routing.js";
import { presentAmendment, presentProposalForReader, presentProposalRevision } from "./presenter.js";
import type { ProposalService } from "./service.js";
import type { ProposalView } from "../../storage/port.js";

export function proposalRoutes(service: ProposalService, guard: Guard): Router {
  const router = Router();
  const tag = "proposals";
  const base = "/api/workshops/:workshopId";
  const proposalParams = workshopParams.extend({ proposalId: id });
  const proposalBody = z.object({ proposal: proposalForReader });
  const amendmentBody = z.object({ amendment });
  const read = { action: "contribution.read", workshopParam: "workshopId" };
  const forReader = async (reader: Reader, proposal: ProposalView) => ({ proposal: presentProposalForReader(await service.supportedBy(reader, [proposal]))(proposal) });

  defineRoute(
    router,
    guard,
    { method: "get", path: `${base}/proposals`, tag, summary: "Proposals, sorted by supports, newest or oldest; ?status= to filter", access: read, params: workshopParams, query: proposalsQuery, response: page(proposalForReader), errors: ["invalid_cursor"] },
    async ({ params, query, res }) => {
      const found = await service.list(params.workshopId, query);
      return presentPage(found, presentProposalForReader(await service.supportedBy(readerOf(res), found.items)));
    },
  );

  defineRoute(
    router,
    guard,
    { method: "post", path: `${base}/proposals`, tag, summary: "Make a proposal", access: { action: "proposal.create", workshopParam: "workshopId" }, params: workshopParams, body: createProposalBody, response: proposalBody, status: 201, errors: ["sequence_closed", "sequence_not_open"] },
    async ({ params, body, res }) => forReader(readerOf(res), await service.create(readerOf(res), params.workshopId, body)),
  );

  defineRoute(
    router,
    guard,
    { method: "get", path: `${base}/proposals/:proposalId`, tag, summary: "One proposal", access: read, params: proposalParams, response: proposalBody },
    async ({ params, res }) => forReader(readerOf(res), await service.requireProposal(params.workshopId, params.proposalId)),
  );

  defineRoute(
    router,
    guard,
    {
      method: "patch",
      path: `${base}/proposals/:proposalId`,
      tag,
      summary: "Edit my own proposal from the version I read; every version is kept",
      access: { action: "proposal.create", workshopParam: "workshopId" },
      params: proposalParams,
      body: editProposalBody,
      response: proposalBody,
      errors: ["not_author", "edit_conflict", "proposal_decided", "sequence_closed"],
    },
    async ({ params, body, res }) => forReader(readerOf(res), await service.edit(readerOf(res), params.workshopId, params.proposalId, body)),
  );

  defineRoute(
    router,
    guard,
    { method: "get", path: `${base}/proposals/:proposalId/revisions`, tag, summary: "Every version of a proposal, oldest first, with the amendment that made it", access: read, params: proposalParams, query: pageQuery, response: page(proposalRevision), errors: ["invalid_cursor"] },
    async ({ params, query }) => presentPage(await service.revisions(params.workshopId, params.proposalId, query), presentProposalRevision),
  );

  defineRoute(
    router,
    guard,
    { method: "post", path: `${base}/proposals/:proposalId/support`, tag, summary: "Support a proposal: once per member", access: { action: "proposal.support", workshopParam: "workshopId" }, params: proposalParams, response: proposalBody, errors: ["already_supported", "proposal_decided", "sequence_closed"] },
    async ({ params, res }) => forReader(readerOf(res), await service.support(readerOf(res), params.workshopId, params.proposalId)),
  );

  defineRoute(
    router,
    guard,
    { method: "delete", path: `${base}/proposals/:proposalId/support`, tag, summary: "Withdraw my support", access: { action: "proposal.support", workshopParam: "workshopId" }, params: proposalParams, response: proposalBody, errors: ["not_supported", "proposal_decided", "sequence_closed"] },
    async ({ params, res }) => forReader(readerOf(res), await service.withdrawSupport(readerOf(res), params.workshopId, params.proposalId)),
  );

  defineRoute(
    router,
    guard,
    {
      method: "post",
      path: `${base}/proposals/:proposalId/status`,
      tag,
      summary:
        "Mark a proposal retained, merged (into the synthesis) or declined, with a reason; open takes a decision back. With merged, `passage` links the proposal to the synthesis block that took it in (again on an already merged proposal adds a link); a passage not in the workshop's or its series' synthesis is 404",
      access: { action: "proposal.setStatus", workshopParam: "workshopId" },
      params: proposalParams,
      body: setProposalStatusBody,
      response: proposalBody,
      errors: ["invalid_transition"],
    },
    async ({ params, body, res }) => forReader(readerOf(res), await service.setStatus(readerOf(res), params.workshopId, params.proposalId, body.status, body.reason, body.passage)),
  );

  defineRoute(
    router,
    guard,
    { method: "get", path: `${base}/proposals/:proposalId/amendments`, tag, summary: "Amendments to a proposal, oldest first", access: read, params: proposalParams, query: pageQuery, response: page(amendment), errors: ["invalid_cursor"] },
    async ({ params, query }) => presentPage(await service.listAmendments(params.workshopId, params.proposalId, query), presentAmendment),
  );

  defineRoute(
    router,
    guard,
    {
      method: "post",
      path: `${base}/proposals/:proposalId/amendments`,
      tag,
      summary: "Suggest a change: a whole new body (and optionally title), with a rationale",
      access: { action: "amendment.create", workshopParam: "workshopId" },
      params: proposalParams,
      body: createAmendmentBody,
      response: amendmentBody,
      status: 201,
      errors: ["proposal_decided", "sequence_closed", "sequence_not_open"],
    },
    async ({ params, body, res }) => ({ amendment: presentAmendment(await service.amend(readerOf(res), params.workshopId, params.proposalId, body)) }),
  );

  defineRoute(
    router,
    guard,
    {
      method: "post",
      path: `${base}/amendments/:amendmentId/decision`,
      tag,
      summary: "Accept or reject an amendment: the proposal's author, or roles with amendment.decideAny. Accepting makes it the proposal's new version.",
      access: { action: "proposal.create", workshopParam: "workshopId" },
      params: workshopParams.extend({ amendmentId: id }),
      body: decideAmendmentBody,
      response: amendmentBody,
      errors: ["not_author", "amendment_decided", "amendment_outdated", "proposal_decided", "sequence_closed"],
    },
    async ({ params, body, res }) => ({ amendment: presentAmendment(await service.decide(readerOf(res), params.workshopId, params.amendmentId, body.decision, body.reason)) }),
  );

  return router;
}
