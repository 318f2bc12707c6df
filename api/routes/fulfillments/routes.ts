import { createRoute, z } from "@hono/zod-openapi";
import {
  AdminFulfillmentUpdateSchema,
  ForfeitInputSchema,
  FULFILLMENT_FILTERS,
  FULFILLMENT_SORTS,
  FulfillmentSchema,
  ShipInputSchema,
  ShippingAddressSchema,
} from "../../../core/fulfillment/schemas.ts";
import { secured } from "../../middleware/auth.ts";
import { problemResponses } from "../../problem.ts";
import {
  IdParamSchema,
  jsonBody,
  jsonContent,
  listQuerySchema,
  pageSchema,
} from "../../schemas/common.ts";

const tags = ["Fulfillments"];
const Fulfillment = FulfillmentSchema.openapi("Fulfillment");
const query = listQuerySchema({ sortable: FULFILLMENT_SORTS, filters: FULFILLMENT_FILTERS });
const page = jsonContent(pageSchema(Fulfillment, "FulfillmentPage"), "One page of fulfillments");
const one = jsonContent(Fulfillment, "The fulfillment");

export const mine = createRoute({
  ...secured(),
  method: "get",
  path: "/api/v1/fulfillments",
  tags,
  summary: "The caller's prizes and their fulfillment status",
  request: { query },
  responses: { 200: page, ...problemResponses(400, 401) },
});

export const get = createRoute({
  ...secured(),
  method: "get",
  path: "/api/v1/fulfillments/{id}",
  tags,
  summary: "One of the caller's prizes (any for an admin)",
  request: { params: IdParamSchema },
  responses: { 200: one, ...problemResponses(400, 401, 404) },
});

export const address = createRoute({
  ...secured(),
  method: "put",
  path: "/api/v1/fulfillments/{id}/address",
  tags,
  summary: "Give the US shipping address of a physical prize",
  request: {
    params: IdParamSchema,
    body: jsonBody(ShippingAddressSchema, {
      name: "Sam Runner",
      line1: "1 Main St",
      city: "Austin",
      state: "TX",
      zip: "78701",
    }),
  },
  responses: { 200: one, ...problemResponses(400, 401, 404, 409, 422) },
});

export const adminList = createRoute({
  ...secured("admin"),
  method: "get",
  path: "/api/v1/admin/fulfillments",
  tags: ["Admin - Fulfillments"],
  summary: "All fulfillments (filter[status]=address_confirmed for the shipping queue)",
  request: { query },
  responses: { 200: page, ...problemResponses(400, 401, 403) },
});

export const adminUpdate = createRoute({
  ...secured("admin"),
  method: "put",
  path: "/api/v1/admin/fulfillments/{id}",
  tags: ["Admin - Fulfillments"],
  summary: "Mark delivered, or forfeit with a reason (the alternate winner is drawn)",
  request: {
    params: IdParamSchema,
    body: jsonBody(AdminFulfillmentUpdateSchema, { status: "delivered" }),
  },
  responses: { 200: one, ...problemResponses(400, 401, 403, 404, 409, 422) },
});

export const ship = createRoute({
  ...secured("admin"),
  method: "post",
  path: "/api/v1/admin/fulfillments/{id}/ship",
  tags: ["Admin - Fulfillments"],
  summary: "Mark a confirmed physical prize shipped with carrier and tracking",
  request: {
    params: IdParamSchema,
    body: jsonBody(ShipInputSchema, { carrier: "USPS", tracking_number: "9400123456789" }),
  },
  responses: { 200: one, ...problemResponses(400, 401, 403, 404, 409, 422) },
});

export const deliver = createRoute({
  ...secured("admin"),
  method: "post",
  path: "/api/v1/admin/fulfillments/{id}/deliver",
  tags: ["Admin - Fulfillments"],
  summary: "Mark a shipped prize delivered",
  request: { params: IdParamSchema },
  responses: { 200: one, ...problemResponses(400, 401, 403, 404, 409) },
});

export const forfeit = createRoute({
  ...secured("admin"),
  method: "post",
  path: "/api/v1/admin/fulfillments/{id}/forfeit",
  tags: ["Admin - Fulfillments"],
  summary: "Forfeit a prize not yet shipped; the next alternate of the draw wins it",
  request: { params: IdParamSchema, body: jsonBody(ForfeitInputSchema, { reason: "declined" }) },
  responses: {
    200: jsonContent(
      z.object({ forfeited: Fulfillment, alternate: Fulfillment.nullable() }),
      "The forfeited fulfillment and the alternate's",
    ),
    ...problemResponses(400, 401, 403, 404, 409, 422),
  },
});

export const taxForm = createRoute({
  ...secured("admin"),
  method: "post",
  path: "/api/v1/admin/fulfillments/{id}/tax-form",
  tags: ["Admin - Fulfillments"],
  summary: "Record the winner's Form W-9 as received (when and by whom; no TIN is stored)",
  description: "A fulfillment with `needs_tax_form` cannot be shipped or delivered (409) until " +
    "this is recorded. 409 when no form is needed or it was already recorded.",
  request: { params: IdParamSchema },
  responses: { 200: one, ...problemResponses(400, 401, 403, 404, 409) },
});
