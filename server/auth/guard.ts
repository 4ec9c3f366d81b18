// The HTTP side of authentication: resolves the actor once per request and checks
// a route's declared access against the permission table.
import type { Request, Response } from "express";
import type { Action } from "../../shared/permissions.js";
import { errors } from "../errors.js";
import { newApiRegistry, type Access, type Guard } from "../http/route.js";
import type { Storage } from "../storage/port.js";
import { authorizeInWorkshop } from "./authorize.js";
import { readCredentials } from "./credentials.js";
import type { Actor, AuthService } from "./service.js";

export function createGuard(storage: Storage, auth: AuthService): Guard {
  const guard = async (req: Request, res: Response, access: Access) => {
    if (access === "public") return;
    const actor = await auth.actorFrom(readCredentials(req.headers));
    if (!actor) throw errors.unauthenticated();
    if (actor.readOnly && req.method !== "GET" && req.method !== "HEAD") throw errors.readOnlyToken();
    res.locals.actor = actor;
    if (typeof access === "object" && "authorize" in access) {
      res.locals.access = await access.authorize(actor.user.id, req.params[access.resourceParam] as string, access.action);
    } else if (typeof access === "object") {
      const workshopId = req.params[access.workshopParam] as string;
      res.locals.membership = await authorizeInWorkshop(storage, actor.user.id, workshopId, access.action as Action);
    }
  };
  return Object.assign(guard, { registry: newApiRegistry() });
}

export function actorOf(res: Response): Actor {
  const actor = res.locals.actor as Actor | undefined;
  if (!actor) throw errors.unauthenticated();
  return actor;
}
