import {
  createTemplate,
  deleteTemplate,
  getTemplate,
  listTemplates,
  updateTemplate,
} from "../../../core/drawing_templates/template_operations.ts";
import { TEMPLATE_LIST_SPEC } from "../../../core/drawing_templates/schemas.ts";
import { listQueryFrom } from "../../list.ts";
import { actorOf } from "../../middleware/auth.ts";
import type { AppRouteHandler } from "../../types.ts";
import type * as routes from "./routes.ts";

export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  const query = listQueryFrom(c, TEMPLATE_LIST_SPEC, c.req.valid("query"));
  return c.json(await listTemplates(c.get("services").core, query), 200);
};

export const get: AppRouteHandler<typeof routes.get> = async (c) =>
  c.json(await getTemplate(c.get("services").core, c.req.valid("param").id), 200);

export const create: AppRouteHandler<typeof routes.create> = async (c) => {
  const template = await createTemplate(c.get("services").core, c.req.valid("json"), actorOf(c).id);
  return c.json(template, 201, { location: `/api/v1/admin/drawing-templates/${template.id}` });
};

export const update: AppRouteHandler<typeof routes.update> = async (c) =>
  c.json(
    await updateTemplate(
      c.get("services").core,
      c.req.valid("param").id,
      c.req.valid("json"),
      actorOf(c).id,
    ),
    200,
  );

export const remove: AppRouteHandler<typeof routes.remove> = async (c) => {
  await deleteTemplate(c.get("services").core, c.req.valid("param").id, actorOf(c).id);
  return c.body(null, 204);
};
