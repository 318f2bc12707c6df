import {
  deliverFulfillment,
  forfeitFulfillment,
  getFulfillment,
  listFulfillments,
  listMyFulfillments,
  shipFulfillment,
  submitAddress,
} from "../../../core/fulfillment/fulfillment_operations.ts";
import { recordTaxForm } from "../../../core/fulfillment/tax_form.ts";
import { FULFILLMENT_LIST_SPEC } from "../../../core/fulfillment/schemas.ts";
import { invalidField } from "../../../core/errors.ts";
import { listQueryFrom } from "../../list.ts";
import { actorOf } from "../../middleware/auth.ts";
import type { AppRouteHandler } from "../../types.ts";
import type * as routes from "./routes.ts";

export const mine: AppRouteHandler<typeof routes.mine> = async (c) => {
  const query = listQueryFrom(c, FULFILLMENT_LIST_SPEC, c.req.valid("query"));
  return c.json(await listMyFulfillments(c.get("services").core, actorOf(c).id, query), 200);
};

export const get: AppRouteHandler<typeof routes.get> = async (c) =>
  c.json(await getFulfillment(c.get("services").core, c.req.valid("param").id, actorOf(c)), 200);

export const address: AppRouteHandler<typeof routes.address> = async (c) =>
  c.json(
    await submitAddress(
      c.get("services").core,
      c.req.valid("param").id,
      actorOf(c).id,
      c.req.valid("json"),
    ),
    200,
  );

export const adminList: AppRouteHandler<typeof routes.adminList> = async (c) => {
  const query = listQueryFrom(c, FULFILLMENT_LIST_SPEC, c.req.valid("query"));
  return c.json(await listFulfillments(c.get("services").core, query), 200);
};

export const adminUpdate: AppRouteHandler<typeof routes.adminUpdate> = async (c) => {
  const { id } = c.req.valid("param");
  const body = c.req.valid("json");
  const core = c.get("services").core;
  if (body.status === "delivered") {
    return c.json(await deliverFulfillment(core, id, actorOf(c).id, body.notes), 200);
  }
  if (!body.reason) throw invalidField("reason", "is required to forfeit a prize");
  const { forfeited } = await forfeitFulfillment(
    core,
    id,
    { reason: body.reason, note: body.notes },
    actorOf(c).id,
  );
  return c.json(forfeited, 200);
};

export const ship: AppRouteHandler<typeof routes.ship> = async (c) =>
  c.json(
    await shipFulfillment(
      c.get("services").core,
      c.req.valid("param").id,
      c.req.valid("json"),
      actorOf(c).id,
    ),
    200,
  );

export const deliver: AppRouteHandler<typeof routes.deliver> = async (c) =>
  c.json(
    await deliverFulfillment(c.get("services").core, c.req.valid("param").id, actorOf(c).id),
    200,
  );

export const forfeit: AppRouteHandler<typeof routes.forfeit> = async (c) => {
  const body = c.req.valid("json");
  return c.json(
    await forfeitFulfillment(
      c.get("services").core,
      c.req.valid("param").id,
      { reason: body.reason, note: body.note },
      actorOf(c).id,
    ),
    200,
  );
};

export const taxForm: AppRouteHandler<typeof routes.taxForm> = async (c) =>
  c.json(await recordTaxForm(c.get("services").core, c.req.valid("param").id, actorOf(c).id), 200);
