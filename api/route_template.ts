import type { Context } from "hono";
import { matchedRoutes } from "hono/route";

/**
 * The route template that answered (e.g. "/api/v1/users/:id"): the last matched
 * route that is not middleware. Logs, metrics and error reports use it instead
 * of the raw path, so ids never become labels.
 */
export function routeTemplate(c: Context): string {
  return matchedRoutes(c).filter((r) => r.method !== "ALL").at(-1)?.path ?? "unmatched";
}
