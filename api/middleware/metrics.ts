import type { MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { AppEnv } from "../types.ts";

/** Counts and times every request by its route template (never the raw path: ids would explode cardinality). */
export function httpMetrics(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { metrics } = c.var.services;
    const started = performance.now();
    metrics.httpInFlight.add(1);
    try {
      await next();
    } finally {
      metrics.httpInFlight.add(-1);
      // The last matched non-middleware route is the handler that answered.
      const handler = matchedRoutes(c).filter((r) => r.method !== "ALL").at(-1);
      const route = handler?.path ?? "unmatched";
      const labels = { method: c.req.method, route };
      metrics.httpRequests.inc({ ...labels, status: String(c.res.status) });
      metrics.httpDuration.observe((performance.now() - started) / 1000, labels);
    }
  };
}
