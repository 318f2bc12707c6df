import type { MiddlewareHandler } from "hono";
import { routeTemplate } from "../route_template.ts";
import type { AppEnv } from "../types.ts";

const VALID_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Takes or makes X-Request-ID, echoes it, and logs one line per request. */
export function requestContext(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && VALID_ID.test(incoming) ? incoming : crypto.randomUUID();
    c.set("requestId", requestId);
    const started = performance.now();
    await next();
    c.res.headers.set("x-request-id", requestId);
    const ms = Math.round((performance.now() - started) * 10) / 10;
    c.res.headers.set("server-timing", `app;dur=${ms}`);
    c.get("services").logger.info("request", {
      request_id: requestId,
      method: c.req.method,
      route: routeTemplate(c),
      status: c.res.status,
      duration_ms: ms,
      user_id: c.get("actor")?.id,
    });
  };
}
