import { createRoute } from "@hono/zod-openapi";
import {
  CreateTemplateSchema,
  DrawingTemplateSchema,
  TEMPLATE_FILTERS,
  TEMPLATE_SORTS,
  UpdateTemplateSchema,
} from "../../../core/drawing_templates/schemas.ts";
import { secured } from "../../middleware/auth.ts";
import { problemResponses } from "../../problem.ts";
import {
  IdParamSchema,
  jsonBody,
  jsonContent,
  listQuerySchema,
  pageSchema,
} from "../../schemas/common.ts";

const tags = ["Admin - Drawing templates"];
const Template = DrawingTemplateSchema.openapi("DrawingTemplate");
const one = jsonContent(Template, "The template");
const path = "/api/v1/admin/drawing-templates";

export const list = createRoute({
  ...secured("admin"),
  method: "get",
  path,
  tags,
  summary: "List recurring-drawing templates",
  request: { query: listQuerySchema({ sortable: TEMPLATE_SORTS, filters: TEMPLATE_FILTERS }) },
  responses: {
    200: jsonContent(pageSchema(Template, "DrawingTemplatePage"), "One page of templates"),
    ...problemResponses(400, 401, 403),
  },
});

export const get = createRoute({
  ...secured("admin"),
  method: "get",
  path: `${path}/{id}`,
  tags,
  summary: "Get a recurring-drawing template",
  request: { params: IdParamSchema },
  responses: { 200: one, ...problemResponses(400, 401, 403, 404) },
});

export const create = createRoute({
  ...secured("admin"),
  method: "post",
  path,
  tags,
  summary: "Create a template; a job creates and schedules its current and next period's drawing",
  request: {
    body: jsonBody(CreateTemplateSchema, {
      drawing_type: "weekly",
      name_pattern: "Weekly Steps Drawing {date}",
      ticket_cost_points: 100,
      prizes: [{ rank: 1, name: "$50 Gift Card", value_usd: 50, fulfillment_type: "digital" }],
      sales_open_minutes: 0,
      sales_close_minutes_before_end: 5,
      drawing_minutes_after_end: 0,
    }),
  },
  responses: { 201: one, ...problemResponses(400, 401, 403, 422) },
});

export const update = createRoute({
  ...secured("admin"),
  method: "put",
  path: `${path}/{id}`,
  tags,
  summary: "Update a template (applies to drawings created afterwards); `version` guards edits",
  request: {
    params: IdParamSchema,
    body: jsonBody(UpdateTemplateSchema, { active: false, version: 1 }),
  },
  responses: { 200: one, ...problemResponses(400, 401, 403, 404, 409, 422) },
});

export const remove = createRoute({
  ...secured("admin"),
  method: "delete",
  path: `${path}/{id}`,
  tags,
  summary: "Delete a template; drawings it created stay",
  request: { params: IdParamSchema },
  responses: { 204: { description: "Deleted" }, ...problemResponses(400, 401, 403, 404) },
});
