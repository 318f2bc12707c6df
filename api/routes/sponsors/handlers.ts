import { SPONSOR_LIST_SPEC } from "../../../core/sponsors/schemas.ts";
import {
  createSponsor,
  deleteSponsor,
  getSponsor,
  listSponsors,
  updateSponsor,
} from "../../../core/sponsors/sponsor_operations.ts";
import { listQueryFrom } from "../../list.ts";
import type { AppRouteHandler } from "../../types.ts";
import type * as routes from "./routes.ts";

export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  const query = listQueryFrom(c, SPONSOR_LIST_SPEC, c.req.valid("query"));
  return c.json(await listSponsors(c.get("services").core, query), 200);
};

export const get: AppRouteHandler<typeof routes.get> = async (c) =>
  c.json(await getSponsor(c.get("services").core, c.req.valid("param").id), 200);

export const create: AppRouteHandler<typeof routes.create> = async (c) => {
  const sponsor = await createSponsor(c.get("services").core, c.req.valid("json"));
  return c.json(sponsor, 201, { location: `/api/v1/sponsors/${sponsor.id}` });
};

export const update: AppRouteHandler<typeof routes.update> = async (c) => {
  const { id } = c.req.valid("param");
  return c.json(await updateSponsor(c.get("services").core, id, c.req.valid("json")), 200);
};

export const remove: AppRouteHandler<typeof routes.remove> = async (c) => {
  await deleteSponsor(c.get("services").core, c.req.valid("param").id);
  return c.body(null, 204);
};
