import { createRoute } from "@hono/zod-openapi";
import { buildSummary } from "../../../core/reports/build_summary.ts";
import { SummarySchema } from "../../../core/reports/schemas.ts";
import { secured } from "../../middleware/auth.ts";
import { problemResponses } from "../../problem.ts";
import { createRouter } from "../../router.ts";
import { jsonContent } from "../../schemas/common.ts";
import type { AppRouteHandler } from "../../types.ts";

const summary = createRoute({
  method: "get",
  path: "/api/v1/reports/summary",
  ...secured("admin"),
  tags: ["Reports"],
  summary: "System summary: counts, breakdowns, workflow figures, integrity checks",
  responses: {
    200: jsonContent(SummarySchema.openapi("Summary"), "The summary"),
    ...problemResponses(401, 403),
  },
});

const summaryHandler: AppRouteHandler<typeof summary> = async (c) =>
  c.json(await buildSummary(c.get("services").core), 200);

export const reportsRouter = createRouter().openapi(summary, summaryHandler);
