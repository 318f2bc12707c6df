import type { MiddlewareHandler } from "hono";
import { routeTemplate } from "../route_template.ts";
import type { AppEnv } from "../types.ts";

/** Counts and times every request by its route template (never the raw path: ids would explode cardinality). */
export function httpMetrics(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { metrics } = c.get("services");
    const started = performance.now();
    metrics.httpInFlight.add(1);
    try {
      await next();
    } finally {
      metrics.httpInFlight.add(-1);
      const route = routeTemplate(c);
      const labels = { method: c.req.method, route };
      metrics.httpRequests.inc({ ...labels, status: String(c.res.status) });
      metrics.httpDuration.observe((performance.now() - started) / 1000, labels);
    }
  };
}
