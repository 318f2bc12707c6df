/**
 * RFC 9457 problem details: the one table from domain error code to HTTP
 * status and title, and the responder every error path uses.
 *
 * @module
 */
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { DomainErrorCode, FieldError } from "../core/errors.ts";

export const ProblemSchema = z.object({
  type: z.string().openapi({ example: "https://fittrack.dev/problems/validation" }),
  title: z.string().openapi({ example: "Validation failed" }),
  status: z.number().int().openapi({ example: 422 }),
  detail: z.string().openapi({ example: "email must be an email address" }),
  instance: z.string().optional().openapi({ example: "/api/v1/users" }),
  request_id: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
}).openapi("Problem");
export type Problem = z.infer<typeof ProblemSchema>;

const TABLE: Record<DomainErrorCode, { status: ContentfulStatusCode; title: string }> = {
  validation: { status: 422, title: "Validation failed" },
  bad_request: { status: 400, title: "Bad request" },
  not_found: { status: 404, title: "Not found" },
  conflict: { status: 409, title: "Conflict" },
  version_conflict: { status: 409, title: "Version conflict" },
  unauthenticated: { status: 401, title: "Unauthorized" },
  forbidden: { status: 403, title: "Forbidden" },
  email_not_verified: { status: 403, title: "Email not verified" },
  rate_limited: { status: 429, title: "Too many requests" },
  account_locked: { status: 429, title: "Account locked" },
  token_invalid: { status: 400, title: "Invalid token" },
  token_expired: { status: 400, title: "Token expired" },
  token_used: { status: 400, title: "Token already used" },
  invalid_state: { status: 409, title: "Invalid state" },
  insufficient_points: { status: 409, title: "Insufficient points" },
  not_available: { status: 404, title: "Not available" },
  service_unavailable: { status: 503, title: "Service unavailable" },
};

const STATUS_TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  413: "Payload too large",
  415: "Unsupported media type",
  422: "Validation failed",
  429: "Too many requests",
  500: "Internal server error",
  503: "Service unavailable",
};

export function statusOf(code: DomainErrorCode): ContentfulStatusCode {
  return TABLE[code].status;
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

/** Renders a problem+json response. */
export function problem(
  c: Context,
  init: {
    status: ContentfulStatusCode;
    detail: string;
    title?: string;
    errors?: FieldError[];
    headers?: Record<string, string>;
  },
): Response {
  const title = init.title ?? STATUS_TITLES[init.status] ?? "Error";
  const body: Problem = {
    type: `https://fittrack.dev/problems/${slug(title)}`,
    title,
    status: init.status,
    detail: init.detail,
    instance: new URL(c.req.url).pathname,
    request_id: c.get("requestId" as never) as string | undefined,
    ...(init.errors && init.errors.length > 0 ? { errors: init.errors } : {}),
  };
  return new Response(JSON.stringify(body), {
    status: init.status,
    headers: { "content-type": "application/problem+json", ...init.headers },
  });
}

/** The problem for a domain error code. */
export function domainProblem(
  c: Context,
  error: {
    code: DomainErrorCode;
    message: string;
    details: { errors?: FieldError[]; retryAfterSeconds?: number };
  },
): Response {
  const { status, title } = TABLE[error.code];
  const retry = error.details.retryAfterSeconds;
  return problem(c, {
    status,
    title,
    detail: error.message,
    errors: error.details.errors,
    headers: retry ? { "retry-after": String(retry) } : undefined,
  });
}

/** OpenAPI response entries for the problem statuses a route can answer. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(statuses.map((s) => [s, {
    description: STATUS_TITLES[s] ?? "Error",
    content: { "application/problem+json": { schema: ProblemSchema } },
  }]));
}
