import type { Context } from "hono";
import {
  completeConnection,
  disconnectTracker,
  initiateConnection,
  listConnections,
  PROVIDER_LABELS,
  requestManualSync,
  setPrimaryConnection,
  type TrackerDeps,
} from "../../../core/trackers/mod.ts";
import { PROVIDERS } from "../../../integrations/terra/providers.ts";
import { actorOf } from "../../middleware/auth.ts";
import type { AppEnv, AppRouteHandler } from "../../types.ts";
import type * as routes from "./routes.ts";

const deps = (c: Context<AppEnv>): TrackerDeps => {
  const services = c.get("services");
  return { ...services.core, trackers: services.terra.gateway };
};

const PROVIDER_CHOICES = PROVIDERS.map((p) => ({
  provider: p.provider,
  label: PROVIDER_LABELS[p.provider],
  flow: p.sdkOnly ? "sdk" as const : "widget" as const,
}));

export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  const items = await listConnections(c.get("services").core, actorOf(c).id);
  return c.json({ items, providers: PROVIDER_CHOICES }, 200);
};

export const initiate: AppRouteHandler<typeof routes.initiate> = async (c) => {
  const { provider } = c.req.valid("param");
  return c.json(await initiateConnection(deps(c), { userId: actorOf(c).id, provider }), 200);
};

export const callback: AppRouteHandler<typeof routes.callback> = async (c) => {
  const outcome = await completeConnection(deps(c), {
    provider: c.req.valid("param").provider,
    query: c.req.valid("query"),
  });
  return c.redirect(outcome.redirect, 302) as never;
};

export const disconnect: AppRouteHandler<typeof routes.disconnect> = async (c) => {
  const { provider } = c.req.valid("param");
  const { message } = await disconnectTracker(deps(c), { userId: actorOf(c).id, provider });
  return c.json({ message }, 200);
};

export const setPrimary: AppRouteHandler<typeof routes.setPrimary> = async (c) => {
  const { provider } = c.req.valid("param");
  const items = await setPrimaryConnection(c.get("services").core, {
    userId: actorOf(c).id,
    provider,
  });
  return c.json({ items }, 200);
};

export const sync: AppRouteHandler<typeof routes.sync> = async (c) => {
  const { provider } = c.req.valid("param");
  return c.json(
    await requestManualSync(c.get("services").core, { userId: actorOf(c).id, provider }),
    202,
  );
};
