import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../../router.ts";
import { jsonContent } from "../../schemas/common.ts";
import type { AppRouteHandler } from "../../types.ts";

const tags = ["Health"];
const Ok = z.object({ status: z.literal("ok") }).openapi("HealthOk");
const Ready = z.object({
  status: z.enum(["ready", "unavailable"]),
  checks: z.object({
    database: z.object({
      ok: z.boolean(),
      kind: z.string(),
      version: z.string().nullable(),
      error: z.string().optional(),
    }),
    cache: z.object({ ok: z.boolean(), kind: z.string(), error: z.string().optional() }),
    jobs: z.object({
      ok: z.boolean(),
      running_here: z.boolean(),
      last_runs: z.record(z.string(), z.object({ at: z.string(), outcome: z.string().nullable() })),
      error: z.string().optional(),
    }),
  }),
}).openapi("Readiness");

const health = createRoute({
  method: "get",
  path: "/health",
  tags,
  summary: "Liveness (the process answers)",
  responses: { 200: jsonContent(Ok, "Running") },
});
const live = createRoute({ ...health, path: "/health/live" });
const ready = createRoute({
  method: "get",
  path: "/health/ready",
  tags,
  summary: "Readiness: database (with version), cache, and the job scheduler's last ticks",
  responses: { 200: jsonContent(Ready, "Ready"), 503: jsonContent(Ready, "A dependency is down") },
});

const ok: AppRouteHandler<typeof health> = (c) => c.json({ status: "ok" as const }, 200);

const readyHandler: AppRouteHandler<typeof ready> = async (c) => {
  const report = await c.get("services").readiness();
  return c.json(report, report.status === "ready" ? 200 : 503);
};

export const healthRouter = createRouter()
  .openapi(health, ok)
  .openapi(live, ok)
  .openapi(ready, readyHandler);
