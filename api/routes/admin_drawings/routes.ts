import { createRoute, z } from "@hono/zod-openapi";
import { MailEntryInputSchema, TicketSchema } from "../../../core/tickets/schemas.ts";
import { secured } from "../../middleware/auth.ts";
import { problemResponses } from "../../problem.ts";
import { IdParamSchema, jsonBody, jsonContent } from "../../schemas/common.ts";
import * as drawingRoutes from "../drawings/routes.ts";

const tags = ["Admin - Drawings"];

/** Same contracts as POST/PUT /api/v1/drawings (admin-only there too), under /admin. */
export const create = createRoute({
  ...drawingRoutes.create,
  path: "/api/v1/admin/drawings",
  tags,
  summary: "Create a drawing; it starts as draft",
});

export const update = createRoute({
  ...drawingRoutes.update,
  path: "/api/v1/admin/drawings/{id}",
  tags,
  summary: "Update a drawing, or apply any legal status move (scheduled, open, closed, cancelled)",
});

export const ExecutionSchema = z.object({
  drawing_id: z.uuid(),
  ticket_count: z.number().int(),
  winners: z.number().int(),
  merkle_root: z.string(),
  key: z.string(),
}).openapi("DrawingExecution");

export const execute = createRoute({
  ...secured("admin"),
  method: "post",
  path: "/api/v1/admin/drawings/{id}/execute",
  tags,
  summary: "Execute a closed drawing now (fitdraw-v1); runs at most once",
  request: { params: IdParamSchema },
  responses: {
    200: jsonContent(ExecutionSchema, "The execution"),
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

export const mailEntry = createRoute({
  ...secured("admin"),
  method: "post",
  path: "/api/v1/admin/drawings/{id}/free-entries",
  tags,
  summary: "Record a mailed-in free entry (AMOE) for a user",
  request: {
    params: IdParamSchema,
    body: jsonBody(MailEntryInputSchema, {
      user_id: "550e8400-e29b-41d4-a716-446655440000",
      quantity: 1,
      note: "Postcard received 2027-01-05",
    }),
  },
  responses: {
    201: jsonContent(z.object({ tickets: z.array(TicketSchema) }), "The free tickets"),
    ...problemResponses(400, 401, 403, 404, 409, 422),
  },
});
