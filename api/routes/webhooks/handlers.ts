import { recordDelivery } from "../../../core/ingest/record_delivery.ts";
import { readTerraDelivery } from "../../../integrations/terra/webhook.ts";
import { problem } from "../../problem.ts";
import type { AppRouteHandler } from "../../types.ts";
import type * as routes from "./routes.ts";

export const terra: AppRouteHandler<typeof routes.terra> = async (c) => {
  const services = c.get("services");
  const read = await readTerraDelivery({
    headers: c.req.raw.headers,
    body: new Uint8Array(await c.req.arrayBuffer()),
    secret: services.config.TERRA_WEBHOOK_SECRET,
    now: services.clock.now(),
  });
  if (!read.ok) {
    return problem(c, {
      status: read.status,
      detail: read.detail,
      errors: read.field ? [{ field: read.field, message: read.detail }] : undefined,
    }) as never;
  }
  const { duplicate } = await recordDelivery(services.core, read.delivery);
  return c.json({
    status: duplicate ? "duplicate" as const : "accepted" as const,
    trace_id: read.delivery.trace_id,
  }, 200);
};
