/**
 * Fixed-window rate limits on `services.cache` (Redis when configured, so the
 * limit holds across instances). Over the limit: 429 problem with Retry-After.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { getConnInfo } from "hono/deno";
import { problem } from "../problem.ts";
import type { AppEnv } from "../types.ts";

export interface RateLimitOptions {
  /** Part of the cache key, e.g. "login-ip". */
  name: string;
  limit: number;
  windowSeconds: number;
  /** Who is limited; the client address by default. "" means the whole route. */
  key?: (c: Context<AppEnv>) => string;
  /**
   * Count only responses with these statuses (e.g. [401] for failed logins);
   * all requests when absent. Counting happens after the handler answers.
   */
  countStatuses?: number[];
}

/** The client's address as the socket saw it ("local" for in-process requests). */
export function clientAddress(c: Context<AppEnv>): string {
  if (c.get("services").config.TRUST_PROXY) {
    // Behind our own proxy (nginx), the first X-Forwarded-For hop is the client.
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "local";
  } catch {
    return "local";
  }
}

function limited(c: Context<AppEnv>, retryAfter: number): Response {
  return problem(c, {
    status: 429,
    detail: `Too many requests; try again in ${retryAfter} seconds.`,
    headers: { "retry-after": String(retryAfter) },
  });
}

export function rateLimit(options: RateLimitOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const who = (options.key ?? clientAddress)(c);
    const cacheKey = `rl:${options.name}:${who}`;
    const { cache } = c.get("services");
    if (!options.countStatuses) {
      const { count, resetSeconds } = await cache.hit(cacheKey, options.windowSeconds);
      if (count > options.limit) return limited(c, resetSeconds);
      await next();
      return;
    }
    // Outcome-counted limits check the current count first, then count this answer.
    const seen = Number(await cache.get(cacheKey) ?? 0);
    if (seen >= options.limit) return limited(c, options.windowSeconds);
    await next();
    if (options.countStatuses.includes(c.res.status)) {
      await cache.hit(cacheKey, options.windowSeconds);
    }
  };
}
