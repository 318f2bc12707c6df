import type { OpenAPIHono, RouteConfig, RouteHandler } from "@hono/zod-openapi";
import type { Services } from "../services.ts";

/** Who is calling, once authentication has run. */
export interface Actor {
  id: string;
  role: "user" | "premium" | "admin";
  email: string;
  /** The session (refresh-token family) the access token was issued for. */
  sessionId?: string;
}

export interface AppEnv {
  /** Read with `c.get("name")`: Hono's `c.var` copies every variable into a new object on each access. */
  Variables: {
    services: Services;
    requestId: string;
    actor?: Actor;
  };
}

export type AppOpenAPI = OpenAPIHono<AppEnv>;
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppEnv>;
