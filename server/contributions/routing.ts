// What every contribution route needs from the request: the reader and the workshop's params.
import type { Response } from "express";
import { z } from "zod";
import { id } from "../../shared/schemas/common.js";
import { actorOf } from "../auth/index.js";
import type { MembershipRecord } from "../storage/port.js";
import type { Reader } from "./reader.js";

/** Set by the guard once the route's action is authorized in the workshop. */
export const readerOf = (res: Response): Reader => ({ userId: actorOf(res).user.id, role: (res.locals.membership as MembershipRecord).role });

export const workshopParams = z.object({ workshopId: id });
