import { createRoute, z } from "@hono/zod-openapi";
import {
  CreateDrawingSchema,
  DRAWING_FILTERS,
  DRAWING_SORTS,
  DrawingSchema,
  UpdateDrawingSchema,
} from "../../../core/drawings/schemas.ts";
import { DrawingDetailSchema } from "../../../core/drawings/drawing_detail.ts";
import { DrawingResultsSchema } from "../../../core/drawings/drawing_results.ts";
import { ProofLeafSchema } from "../../../core/drawings/draw/mod.ts";
import {
  FreeEntryInputSchema,
  PurchaseInputSchema,
  PurchaseResultSchema,
  TicketSchema,
} from "../../../core/tickets/schemas.ts";
import { secured } from "../../middleware/auth.ts";
import { problemResponses } from "../../problem.ts";
import {
  IdParamSchema,
  jsonBody,
  jsonContent,
  listQuerySchema,
  pageSchema,
} from "../../schemas/common.ts";

const tags = ["Drawings"];
const Drawing = DrawingSchema.openapi("Drawing");

export const list = createRoute({
  ...secured(),
  method: "get",
  path: "/api/v1/drawings",
  tags,
  summary: "List drawings",
  request: { query: listQuerySchema({ sortable: DRAWING_SORTS, filters: DRAWING_FILTERS }) },
  responses: {
    200: jsonContent(pageSchema(Drawing, "DrawingPage"), "One page of drawings"),
    ...problemResponses(400, 401),
  },
});

export const get = createRoute({
  ...secured(),
  method: "get",
  path: "/api/v1/drawings/{id}",
  tags,
  summary: "Get a drawing with its prizes, the caller's odds and how to enter free",
  request: { params: IdParamSchema },
  responses: {
    200: jsonContent(DrawingDetailSchema.openapi("DrawingDetail"), "The drawing"),
    ...problemResponses(400, 401, 404),
  },
});

export const createExample = {
  drawing_type: "weekly",
  name: "Weekly Fitness Gear Drawing",
  ticket_cost_points: 100,
  drawing_time: "2027-01-10T20:00:00Z",
  ticket_sales_close: "2027-01-10T19:55:00Z",
  eligibility: { user_type: "all", min_account_age_days: 7 },
  prizes: [{ rank: 1, name: "$50 Amazon Gift Card", value_usd: 50, fulfillment_type: "digital" }],
};

export const create = createRoute({
  ...secured("admin"),
  method: "post",
  path: "/api/v1/drawings",
  tags,
  summary: "Create a drawing (admin); it starts as draft",
  request: { body: jsonBody(CreateDrawingSchema, createExample) },
  responses: {
    201: jsonContent(Drawing, "The created drawing"),
    ...problemResponses(400, 401, 403, 413, 422),
  },
});

export const update = createRoute({
  ...secured("admin"),
  method: "put",
  path: "/api/v1/drawings/{id}",
  tags,
  summary: "Update a drawing (admin): fields still editable in its state, or a status move",
  request: {
    params: IdParamSchema,
    body: jsonBody(UpdateDrawingSchema, { status: "scheduled" }),
  },
  responses: {
    200: jsonContent(Drawing, "The updated drawing"),
    ...problemResponses(400, 401, 403, 404, 409, 422),
  },
});

export const purchase = createRoute({
  ...secured(),
  method: "post",
  path: "/api/v1/drawings/{id}/tickets",
  tags,
  summary: "Buy tickets with points (one transaction; Idempotency-Key replays a repeat)",
  request: {
    params: IdParamSchema,
    headers: z.object({
      "idempotency-key": z.string().min(1).max(200).optional().openapi({
        description: "Any unique string; repeating a request with it buys once",
      }),
    }),
    body: jsonBody(PurchaseInputSchema, { quantity: 5 }),
  },
  responses: {
    201: jsonContent(PurchaseResultSchema.openapi("TicketPurchase"), "The tickets bought"),
    ...problemResponses(400, 401, 403, 404, 409, 422),
  },
});

export const freeEntry = createRoute({
  ...secured(),
  method: "post",
  path: "/api/v1/drawings/{id}/free-entries",
  tags,
  summary: "Enter free (no purchase necessary), up to the rules' number per drawing",
  request: { params: IdParamSchema, body: jsonBody(FreeEntryInputSchema, { quantity: 1 }) },
  responses: {
    201: jsonContent(z.object({ tickets: z.array(TicketSchema) }), "The free tickets"),
    ...problemResponses(400, 401, 403, 404, 409, 422),
  },
});

export const results = createRoute({
  ...secured(),
  method: "get",
  path: "/api/v1/drawings/{id}/results",
  tags,
  summary: "Results of a completed drawing: winners, ticket numbers, prizes, whether you won",
  request: { params: IdParamSchema },
  responses: {
    200: jsonContent(DrawingResultsSchema.openapi("DrawingResults"), "The results"),
    ...problemResponses(400, 401, 404, 409),
  },
});

export const proof = createRoute({
  method: "get",
  path: "/api/v1/drawings/{id}/proof",
  tags,
  summary: "The fitdraw-v1 proof: anyone can recompute the winners from it and the leaves",
  request: { params: IdParamSchema },
  responses: {
    200: jsonContent(z.record(z.string(), z.unknown()), "The proof"),
    ...problemResponses(400, 404),
  },
});

export const leaves = createRoute({
  method: "get",
  path: "/api/v1/drawings/{id}/proof/leaves",
  tags,
  summary: "The frozen ticket list (number, id, owner pseudonym), paged, to rebuild the root",
  request: {
    params: IdParamSchema,
    query: z.object({
      page: z.coerce.number().int().min(1).default(1),
      per_page: z.coerce.number().int().min(1).max(10_000).default(1000),
    }),
  },
  responses: {
    200: jsonContent(
      z.object({
        items: z.array(ProofLeafSchema),
        total: z.number().int(),
        page: z.number().int(),
        per_page: z.number().int(),
      }),
      "One page of leaves",
    ),
    ...problemResponses(400, 404, 409),
  },
});

export const myProof = createRoute({
  ...secured(),
  method: "get",
  path: "/api/v1/drawings/{id}/tickets/mine/proof",
  tags,
  summary: "Merkle inclusion proofs of the caller's tickets",
  request: { params: IdParamSchema },
  responses: {
    200: jsonContent(z.record(z.string(), z.unknown()), "Inclusion proofs"),
    ...problemResponses(400, 401, 404, 409),
  },
});
