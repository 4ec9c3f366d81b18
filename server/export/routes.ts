// GET …/synthesis/documents/:documentId/export: the document as a file. defineRoute answers
// JSON only, so file routes (this one, a live session's minutes) register their own OpenAPI
// entry (binary bodies, by content type) and go through the same steps: validate, authorize
// with the guard, build the model, write it, send.
import { Router, type Request, type Response } from "express";
import { z } from "zod";
import { errorBody, id } from "../../shared/schemas/common.js";
import { exportFormats, exportQuery, languagesOf } from "../../shared/schemas/export.js";
import { errors } from "../errors.js";
import { zodIssues, type Access, type Guard } from "../http/route.js";
import type { Exporter } from "./build.js";
import { contentTypes, type ExportFormat, type ExportModel } from "./model.js";
import { write } from "./writers/index.js";

const params = z.object({ workshopId: id, documentId: id });
const path = "/api/workshops/:workshopId/synthesis/documents/:documentId/export";
const access: Access = { action: "synthesis.export", workshopParam: "workshopId" };

function parsed<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw errors.validation(zodIssues(result.error));
  return result.data;
}

/** A file name from the title: letters, digits and dashes. */
export const fileNameOf = (title: string, extension: string) =>
  `${title.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase() || "synthesis"}.${extension}`;

/** What a file route is: where it answers, what it takes, who may ask. */
export interface FileRouteSpec<P extends z.ZodType, Q extends z.ZodType> {
  path: string;
  params: P;
  query: Q;
  access: Access;
  summary: string;
  description: string;
}

/**
 * A GET route that answers an export as a file, through the same steps as every route:
 * validate, authorize with the guard, build the format-neutral model, write it.
 */
export function fileRoute<P extends z.ZodType, Q extends z.ZodType>(
  router: Router,
  guard: Guard,
  spec: FileRouteSpec<P, Q>,
  build: (input: { params: z.infer<P>; query: z.infer<Q>; req: Request }) => Promise<{ model: ExportModel; format: ExportFormat }>,
): void {
  const error = (description: string) => ({ description, content: { "application/json": { schema: errorBody } } });
  guard.registry.registerPath({
    method: "get",
    path: spec.path.replace(/:([A-Za-z]+)/g, "{$1}"),
    summary: spec.summary,
    description: spec.description,
    tags: ["export"],
    request: { params: spec.params as never, query: spec.query as never },
    responses: {
      200: {
        description: "The file, as an attachment",
        content: Object.fromEntries(exportFormats.map((f) => [contentTypes[f].split(";")[0]!, { schema: { type: "string", format: f === "md" || f === "html" ? "text" : "binary" } }])),
      },
      400: error("validation_failed, bad_request"),
      401: error("unauthenticated"),
      403: error("forbidden"),
      404: error("not_found"),
      503: error("unavailable"),
    },
  });

  router.get(spec.path, async (req: Request, res: Response) => {
    const params = parsed(spec.params, req.params);
    const query = parsed(spec.query, req.query);
    await guard(req, res, spec.access);
    const { model, format } = await build({ params, query, req });
    const body = await write(model, format);
    res.set("Content-Type", contentTypes[format]);
    res.set("Content-Disposition", `attachment; filename="${fileNameOf(model.title, format)}"`);
    res.status(200).send(body);
  });
}

export function exportRoutes(exporter: Exporter, guard: Guard): Router {
  const router = Router();
  fileRoute(
    router,
    guard,
    {
      path,
      params,
      query: exportQuery,
      access,
      summary:
        "Export a synthesis document (now, or at a version) as Markdown, HTML, DOCX or PDF, in one language or two side by side. Blocks without a translation show the original marked \"not translated\"; stale and machine translations are marked; drafts and submitted texts carry a watermark on every page; citations become footnotes.",
      description: "Members whose role allows `synthesis.export` (see shared/permissions.ts); non-members get 404. Works with a read-only API token.",
    },
    async ({ params: { workshopId, documentId }, query, req }) => {
      const model = await exporter.build({
        workshopId,
        documentId,
        ...(query.version && { versionId: query.version }),
        languages: languagesOf(query.lang),
        lineNumbers: query.lineNumbers === "1",
        ...(query.pack && { pack: query.pack }),
        baseUrl: `${req.protocol}://${req.get("host") ?? "localhost"}`,
      });
      return { model, format: query.format };
    },
  );
  return router;
}
