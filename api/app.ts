/**
 * The HTTP application: middleware, every resource router, the OpenAPI
 * document at /openapi.json, Swagger UI at /docs and the test page at /test/.
 *
 * @module
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { swaggerUI } from "@hono/swagger-ui";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import { routeTemplate } from "./route_template.ts";
import { secureHeaders } from "hono/secure-headers";
import { serveStatic } from "hono/deno";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { DomainError } from "../core/errors.ts";
import { isDatabaseUnavailable } from "../db/client.ts";
import type { Services } from "../services.ts";
import { requestContext } from "./middleware/request_context.ts";
import { httpMetrics } from "./middleware/metrics.ts";
import { rateLimit } from "./middleware/rate_limit.ts";
import { metricsEndpoint } from "./routes/metrics.ts";
import { domainProblem, problem } from "./problem.ts";
import { ROUTERS } from "./routes/mod.ts";
import type { AppEnv } from "./types.ts";

export const API_INFO = {
  openapi: "3.1.0",
  info: {
    title: "FitTrack API",
    version: "1.0.0",
    description:
      "Points for moving: trackers, tier-adjusted points, leaderboards and sweepstakes. " +
      "Errors are RFC 9457 problem+json; lists take page, per_page (max 100), sort and filter[field].",
  },
} as const;

const WEBHOOK_MAX_BODY_BYTES = 16 * 1024 * 1024;
const STATIC_ROOT = new URL("../static/", import.meta.url).pathname;

export function createApp(services: Services): OpenAPIHono<AppEnv> {
  const { config } = services;
  const app = new OpenAPIHono<AppEnv>({ strict: false });

  app.use("*", async (c, next) => {
    c.set("services", services);
    await next();
  });
  app.use("*", requestContext());
  app.use("*", httpMetrics());
  // Everything, the test page included, runs under a 'self'-only policy. Only
  // Swagger UI (/docs) needs its CDN bundle and the inline script that starts it.
  const strictPolicy = {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", "data:"],
    connectSrc: ["'self'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    objectSrc: ["'none'"],
  };
  const headersWith = (contentSecurityPolicy: typeof strictPolicy) =>
    secureHeaders({
      contentSecurityPolicy,
      strictTransportSecurity: config.isProduction ? "max-age=31536000; includeSubDomains" : false,
      referrerPolicy: "no-referrer",
      xFrameOptions: "DENY",
    });
  const strictHeaders = headersWith(strictPolicy);
  const docsHeaders = headersWith({
    ...strictPolicy,
    scriptSrc: ["'self'", "https://cdn.jsdelivr.net", "'unsafe-inline'"],
    styleSrc: ["'self'", "https://cdn.jsdelivr.net", "'unsafe-inline'"],
    imgSrc: ["'self'", "data:", "https://cdn.jsdelivr.net"],
  });
  app.use("*", (c, next) => (c.req.path === "/docs" ? docsHeaders : strictHeaders)(c, next));
  app.use(
    "/api/*",
    cors({
      origin: config.CORS_ORIGINS,
      credentials: true,
      exposeHeaders: ["x-request-id", "retry-after"],
    }),
  );
  app.use(
    "/api/*",
    (c, next) => {
      // Terra sends large-request chunks of up to 10 MB; everything else stays small.
      const maxSize = c.req.path === "/api/v1/webhooks/terra"
        ? WEBHOOK_MAX_BODY_BYTES
        : config.MAX_BODY_BYTES;
      return bodyLimit({
        maxSize,
        onError: (c) =>
          problem(c, { status: 413, detail: `The request body is larger than ${maxSize} bytes.` }),
      })(c, next);
    },
  );

  if (config.RATE_LIMIT_PER_MINUTE > 0) {
    app.use(
      "/api/*",
      rateLimit({ name: "ip", limit: config.RATE_LIMIT_PER_MINUTE, windowSeconds: 60 }),
    );
  }

  for (const router of ROUTERS) app.route("/", router);

  app.get("/metrics", metricsEndpoint(services));
  app.doc31("/openapi.json", API_INFO);
  app.get("/docs", swaggerUI({ url: "/openapi.json", title: "FitTrack API" }));
  app.get("/", (c) => c.redirect(config.testPageEnabled ? "/test/" : "/docs"));

  if (config.testPageEnabled) {
    // strict: false routes "/test/" here too (and trims c.req.path): redirect the bare path only.
    app.get(
      "/test",
      (c, next) => (new URL(c.req.url).pathname === "/test" ? c.redirect("/test/") : next()),
    );
    app.use(
      "/test/*",
      serveStatic({ root: STATIC_ROOT, rewriteRequestPath: (p) => p.replace(/^\/test/, "/test") }),
    );
  }

  app.notFound((c) =>
    problem(c, {
      status: 404,
      detail: `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`,
    })
  );
  app.onError((error, c) => {
    if (error instanceof DomainError) return domainProblem(c, error);
    if (error instanceof HTTPException) {
      const status = error.status as ContentfulStatusCode;
      const detail = /JSON/i.test(error.message)
        ? "The request body is not valid JSON."
        : error.message || "The request could not be processed.";
      return problem(c, { status, detail });
    }
    if (isDatabaseUnavailable(error)) {
      services.logger.warn("database unavailable", { request_id: c.get("requestId") });
      return problem(c, {
        status: 503,
        detail: "The database is unavailable; the request changed nothing. Try again shortly.",
        headers: { "retry-after": "5" },
      });
    }
    const route = routeTemplate(c);
    void services.errors.capture({
      error,
      request: {
        method: c.req.method,
        route,
        requestId: c.get("requestId"),
        userAgent: c.req.header("user-agent"),
      },
      userId: c.get("actor")?.id,
    });
    services.logger.error("unhandled error", {
      request_id: c.get("requestId"),
      route,
      error: error instanceof Error
        ? {
          name: error.name,
          message: error.message,
          stack: config.isProduction ? undefined : error.stack,
        }
        : String(error),
    });
    return problem(c, {
      status: 500,
      detail: "Something went wrong on our side; the request changed nothing.",
    });
  });
  return app;
}
