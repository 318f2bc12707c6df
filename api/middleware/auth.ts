/**
 * Authentication and role checks for routes. A route module adds one line:
 *
 * ```ts
 * createRoute({ ...secured("admin"), method: "get", path: "/api/v1/admin/users", ... })
 * ```
 *
 * `secured()` (any signed-in user) or `secured("admin")` puts the middleware in
 * front of validation and marks the route with the bearer scheme in OpenAPI.
 * Handlers read the caller from `c.get("actor")`.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { hasRole, INSUFFICIENT } from "../../core/auth/access.ts";
import type { Role } from "../../core/users/schemas.ts";
import { problem } from "../problem.ts";
import type { Actor, AppEnv } from "../types.ts";

/** The OpenAPI security requirement of protected routes. */
export const BEARER_SECURITY = [{ bearerAuth: [] as string[] }];

/** The bearer scheme, registered once on the app's OpenAPI document. */
export const BEARER_SCHEME = {
  type: "http",
  scheme: "bearer",
  bearerFormat: "JWT",
  description: "Access token from POST /api/v1/auth/login (RS256, 30 minutes).",
} as const;

type Outcome = { actor: Actor } | { status: 401; detail: string; error?: string } | null;

async function authenticate(c: Context<AppEnv>): Promise<Outcome> {
  const header = c.req.header("authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return { status: 401, detail: "Invalid token", error: "invalid_request" };
  const services = c.get("services");
  const result = await services.jwt.verify(match[1], services.clock.now());
  if (!result.ok) {
    return {
      status: 401,
      detail: result.reason === "expired" ? "Token expired" : "Invalid token",
      error: "invalid_token",
    };
  }
  const { sub, email, role, sid } = result.claims;
  return { actor: { id: sub, email, role, sessionId: sid } };
}

function unauthorized(c: Context<AppEnv>, detail: string, error?: string): Response {
  const challenge = error ? `Bearer error="${error}"` : "Bearer";
  return problem(c, { status: 401, detail, headers: { "www-authenticate": challenge } });
}

/** Sets `c.get("actor")` when a valid token is sent; a bad token is still a 401. */
export function optionalAuth(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const outcome = await authenticate(c);
    if (outcome && "status" in outcome) return unauthorized(c, outcome.detail, outcome.error);
    if (outcome) c.set("actor", outcome.actor);
    await next();
  };
}

/**
 * 401 "Authentication required" without a token, "Token expired" or "Invalid
 * token" for a bad one; 403 "Insufficient permissions" when `roles` is given
 * and the caller holds none of them.
 */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const outcome = await authenticate(c);
    if (!outcome) return unauthorized(c, "Authentication required");
    if ("status" in outcome) return unauthorized(c, outcome.detail, outcome.error);
    if (roles.length > 0 && !hasRole(outcome.actor, roles)) {
      return problem(c, { status: 403, detail: INSUFFICIENT });
    }
    c.set("actor", outcome.actor);
    await next();
  };
}

/** Any signed-in user. */
export function requireAuth(): MiddlewareHandler<AppEnv> {
  return requireRole();
}

/**
 * Spread into `createRoute({...})`: the auth middleware plus the OpenAPI
 * security marker. No roles means any signed-in user.
 */
export function secured(...roles: Role[]) {
  return { middleware: [requireRole(...roles)], security: BEARER_SECURITY };
}

/** The caller on a route behind {@link secured}; throws if the route forgot it. */
export function actorOf(c: Context<AppEnv>): Actor {
  const actor = c.get("actor");
  if (!actor) throw new Error("actorOf() used on a route without secured()");
  return actor;
}
