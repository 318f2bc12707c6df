/**
 * GET /api/v1/tickets: the caller's tickets across drawings.
 *
 * @module
 */
import { createRoute } from "@hono/zod-openapi";
import { listMyTickets } from "../../../core/tickets/ticket_queries.ts";
import {
  TICKET_FILTERS,
  TICKET_LIST_SPEC,
  TICKET_SORTS,
  TicketSchema,
} from "../../../core/tickets/schemas.ts";
import { listQueryFrom } from "../../list.ts";
import { actorOf, secured } from "../../middleware/auth.ts";
import { problemResponses } from "../../problem.ts";
import { jsonContent, listQuerySchema, pageSchema } from "../../schemas/common.ts";
import { createRouter } from "../../router.ts";

const list = createRoute({
  ...secured(),
  method: "get",
  path: "/api/v1/tickets",
  tags: ["Tickets"],
  summary: "List the caller's tickets (filter[drawing_id], filter[entry_type])",
  request: { query: listQuerySchema({ sortable: TICKET_SORTS, filters: TICKET_FILTERS }) },
  responses: {
    200: jsonContent(pageSchema(TicketSchema.openapi("Ticket"), "TicketPage"), "One page"),
    ...problemResponses(400, 401),
  },
});

export const ticketsRouter = createRouter().openapi(list, async (c) => {
  const query = listQueryFrom(c, TICKET_LIST_SPEC, c.req.valid("query"));
  return c.json(await listMyTickets(c.get("services").core, actorOf(c).id, query), 200);
});
