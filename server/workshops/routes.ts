// HTTP routes of workshops, members and invitations: validate → authorize → service → present.
import { Router, type Response } from "express";
import { z } from "zod";
import { id, okBody } from "../../shared/schemas/common.js";
import {
  acceptedInvitation,
  changeRoleBody,
  createSeriesBody,
  createInvitationBody,
  createWorkshopBody,
  invitation,
  invitationPreview,
  joinSeriesBody,
  member,
  series,
  updateWorkshopBody,
  workshop,
} from "../../shared/schemas/workshops.js";
import { actorOf } from "../auth/index.js";
import { defineRoute, type Guard } from "../http/route.js";
import type { MembershipRecord } from "../storage/port.js";
import { presentInvitation, presentMember, presentWorkshop } from "./presenter.js";
import type { WorkshopService } from "./service.js";

const membershipOf = (res: Response) => res.locals.membership as MembershipRecord;
const workshopParams = z.object({ workshopId: id });
const workshopBody = z.object({ workshop });

export function workshopRoutes(service: WorkshopService, guard: Guard): Router {
  const router = Router();
  const tag = "workshops";

  defineRoute(
    router,
    guard,
    { method: "get", path: "/api/workshops", tag, summary: "Workshops I am a member of", access: "user", response: z.object({ workshops: z.array(workshop) }) },
    async ({ res }) => ({
      workshops: await Promise.all(
        (await service.listForUser(actorOf(res).user.id)).map(async (w) => {
          const { series } = await service.context(w);
          return presentWorkshop(w, w.role, w.memberCount, series);
        }),
      ),
    }),
  );

  defineRoute(
    router,
    guard,
    { method: "post", path: "/api/workshops", tag, summary: "Create a workshop; its creator becomes its facilitator", access: "user", body: createWorkshopBody, response: workshopBody, status: 201 },
    async ({ body, res }) => ({ workshop: presentWorkshop(await service.create(actorOf(res).user.id, body), "facilitator", 1, null) }),
  );

  defineRoute(
    router,
    guard,
    { method: "get", path: "/api/workshops/:workshopId", tag, summary: "One workshop, with its current reading grid", access: { action: "workshop.read", workshopParam: "workshopId" }, params: workshopParams, response: workshopBody },
    async ({ params, res }) => {
      const found = await service.requireWorkshop(params.workshopId);
      const { memberCount, series } = await service.context(found);
      return { workshop: presentWorkshop(found, membershipOf(res).role, memberCount, series) };
    },
  );

  defineRoute(
    router,
    guard,
    {
      method: "patch",
      path: "/api/workshops/:workshopId",
      tag,
      summary: "Update a workshop. A changed reading grid becomes a new version; questions sent with their id keep it.",
      access: { action: "workshop.update", workshopParam: "workshopId" },
      params: workshopParams,
      body: updateWorkshopBody,
      response: workshopBody,
    },
    async ({ params, body, res }) => {
      const updated = await service.update(params.workshopId, body);
      const { memberCount, series } = await service.context(updated);
      return { workshop: presentWorkshop(updated, membershipOf(res).role, memberCount, series) };
    },
  );

  defineRoute(
    router,
    guard,
    { method: "get", path: "/api/workshops/:workshopId/members", tag, summary: "Members of a workshop with their roles", access: { action: "workshop.members.list", workshopParam: "workshopId" }, params: workshopParams, response: z.object({ members: z.array(member) }) },
    async ({ params }) => ({ members: (await service.members(params.workshopId)).map(presentMember) }),
  );

  defineRoute(
    router,
    guard,
    {
      method: "patch",
      path: "/api/workshops/:workshopId/members/:userId",
      tag,
      summary: "Change a member's role",
      access: { action: "workshop.members.changeRole", workshopParam: "workshopId" },
      params: workshopParams.extend({ userId: id }),
      body: changeRoleBody,
      response: z.object({ member }),
      errors: ["last_facilitator"],
    },
    async ({ params, body }) => ({ member: presentMember(await service.changeRole(params.workshopId, params.userId, body.role)) }),
  );

  defineRoute(
    router,
    guard,
    { method: "get", path: "/api/workshops/:workshopId/invitations", tag, summary: "Invitation links of a workshop", access: { action: "invitation.list", workshopParam: "workshopId" }, params: workshopParams, response: z.object({ invitations: z.array(invitation) }) },
    async ({ params }) => ({ invitations: (await service.listInvitations(params.workshopId)).map(presentInvitation) }),
  );

  defineRoute(
    router,
    guard,
    { method: "post", path: "/api/workshops/:workshopId/invitations", tag, summary: "Create an invitation link that grants a role", access: { action: "invitation.create", workshopParam: "workshopId" }, params: workshopParams, body: createInvitationBody, response: z.object({ invitation }), status: 201 },
    async ({ params, body, res }) => ({
      invitation: presentInvitation(await service.createInvitation(params.workshopId, actorOf(res).user.id, body)),
    }),
  );

  defineRoute(
    router,
    guard,
    { method: "delete", path: "/api/workshops/:workshopId/invitations/:invitationId", tag, summary: "Revoke an invitation link", access: { action: "invitation.revoke", workshopParam: "workshopId" }, params: workshopParams.extend({ invitationId: id }), response: okBody },
    async ({ params }) => {
      await service.revokeInvitation(params.workshopId, params.invitationId);
      return { ok: true as const };
    },
  );

  const seriesBody = z.object({ series });

  defineRoute(
    router,
    guard,
    { method: "get", path: "/api/series", tag, summary: "Series (démarches) in which I facilitate a workshop: those I may add another workshop to", access: "user", response: z.object({ series: z.array(series) }) },
    async ({ res }) => ({ series: await service.seriesIFacilitate(actorOf(res).user.id) }),
  );

  defineRoute(
    router,
    guard,
    {
      method: "get",
      path: "/api/series/:seriesId",
      tag,
      summary: "A series and its workshops; for members of any of its workshops (404 for others)",
      access: "user",
      params: z.object({ seriesId: id }),
      response: seriesBody,
      errors: ["not_found"],
    },
    async ({ params, res }) => ({ series: await service.series(params.seriesId, actorOf(res).user.id) }),
  );

  defineRoute(
    router,
    guard,
    {
      method: "post",
      path: "/api/workshops/:workshopId/series",
      tag,
      summary: "Start a series with this workshop as its first stage",
      access: { action: "workshop.update", workshopParam: "workshopId" },
      params: workshopParams,
      body: createSeriesBody,
      response: seriesBody,
      status: 201,
      errors: ["in_series"],
    },
    async ({ params, body, res }) => ({ series: await service.createSeries(params.workshopId, actorOf(res).user.id, body) }),
  );

  defineRoute(
    router,
    guard,
    {
      method: "put",
      path: "/api/workshops/:workshopId/series",
      tag,
      summary: "Add this workshop to a series; I must also facilitate one of the series' workshops (403), and the workshop must not be in another series (409)",
      access: { action: "workshop.update", workshopParam: "workshopId" },
      params: workshopParams,
      body: joinSeriesBody,
      response: seriesBody,
      errors: ["in_series", "not_found"],
    },
    async ({ params, body, res }) => ({ series: await service.joinSeries(params.workshopId, actorOf(res).user.id, body.seriesId) }),
  );

  defineRoute(
    router,
    guard,
    {
      method: "delete",
      path: "/api/workshops/:workshopId/series",
      tag,
      summary: "Take this workshop out of its series; its members stop reading the series' synthesis",
      access: { action: "workshop.update", workshopParam: "workshopId" },
      params: workshopParams,
      response: okBody,
    },
    async ({ params }) => {
      await service.leaveSeries(params.workshopId);
      return { ok: true as const };
    },
  );

  const tokenParams = z.object({ token: z.string().min(20).max(200) });

  defineRoute(
    router,
    guard,
    { method: "get", path: "/api/invitations/:token", tag, summary: "What an invitation link leads to, before accepting it", access: "public", params: tokenParams, response: z.object({ invitation: invitationPreview }), errors: ["not_found"] },
    async ({ params }) => ({ invitation: await service.previewInvitation(params.token) }),
  );

  defineRoute(
    router,
    guard,
    { method: "post", path: "/api/invitations/:token/accept", tag, summary: "Accept an invitation: become a member with its role", access: "user", params: tokenParams, response: acceptedInvitation, errors: ["not_found", "invitation_expired", "invitation_used"] },
    async ({ params, res }) => service.acceptInvitation(params.token, actorOf(res).user.id),
  );

  return router;
}
