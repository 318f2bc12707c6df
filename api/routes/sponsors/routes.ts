import { createRoute } from "@hono/zod-openapi";
import {
  CreateSponsorSchema,
  SPONSOR_FILTERS,
  SPONSOR_SORTS,
  SponsorSchema,
  UpdateSponsorSchema,
} from "../../../core/sponsors/schemas.ts";
import { secured } from "../../middleware/auth.ts";
import { problemResponses } from "../../problem.ts";
import {
  IdParamSchema,
  jsonBody,
  jsonContent,
  listQuerySchema,
  pageSchema,
} from "../../schemas/common.ts";

const tags = ["Sponsors"];
const Sponsor = SponsorSchema.openapi("Sponsor");

export const list = createRoute({
  method: "get",
  path: "/api/v1/sponsors",
  ...secured(),
  tags,
  summary: "List sponsors",
  request: { query: listQuerySchema({ sortable: SPONSOR_SORTS, filters: SPONSOR_FILTERS }) },
  responses: {
    200: jsonContent(pageSchema(Sponsor, "SponsorPage"), "One page of sponsors"),
    ...problemResponses(400, 401),
  },
});

export const get = createRoute({
  method: "get",
  path: "/api/v1/sponsors/{id}",
  ...secured(),
  tags,
  summary: "Get a sponsor",
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(Sponsor, "The sponsor"), ...problemResponses(400, 401, 403, 404) },
});

export const create = createRoute({
  method: "post",
  path: "/api/v1/sponsors",
  ...secured("admin"),
  tags,
  summary: "Create a sponsor (admin)",
  request: {
    body: jsonBody(CreateSponsorSchema, {
      name: "Acme Fitness",
      contact_email: "partners@acme.example",
      website_url: "https://acme.example",
    }),
  },
  responses: {
    201: jsonContent(Sponsor, "The created sponsor"),
    ...problemResponses(400, 401, 403, 409, 413, 422),
  },
});

export const update = createRoute({
  method: "put",
  path: "/api/v1/sponsors/{id}",
  ...secured("admin"),
  tags,
  summary: "Update a sponsor (admin)",
  request: { params: IdParamSchema, body: jsonBody(UpdateSponsorSchema, { status: "inactive" }) },
  responses: {
    200: jsonContent(Sponsor, "The updated sponsor"),
    ...problemResponses(400, 401, 403, 404, 409, 422),
  },
});

export const remove = createRoute({
  method: "delete",
  path: "/api/v1/sponsors/{id}",
  ...secured("admin"),
  tags,
  summary: "Soft-delete a sponsor (admin)",
  request: { params: IdParamSchema },
  responses: { 204: { description: "Deleted" }, ...problemResponses(400, 401, 403, 404) },
});
