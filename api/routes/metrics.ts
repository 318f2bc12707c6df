import type { Handler } from "hono";
import type { Services } from "../../services.ts";
import { problem } from "../problem.ts";
import type { AppEnv } from "../types.ts";

/**
 * Prometheus scrape endpoint. Open in development; with METRICS_TOKEN set (required
 * in production) it answers only `Authorization: Bearer <METRICS_TOKEN>`.
 */
export function metricsEndpoint(services: Services): Handler<AppEnv> {
  const token = services.config.METRICS_TOKEN;
  return (c) => {
    if (token && c.req.header("authorization") !== `Bearer ${token}`) {
      return problem(c, { status: 404, detail: `No route for GET /metrics.` });
    }
    return c.text(services.metrics.render(), 200, {
      "content-type": "text/plain; version=0.0.4; charset=utf-8",
      "cache-control": "no-store",
    });
  };
}
