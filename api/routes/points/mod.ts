import { createRoute, z } from "@hono/zod-openapi";
import { getBalance, listPointTransactions } from "../../../core/points/point_queries.ts";
import {
  BalanceSchema,
  POINT_FILTERS,
  POINT_LIST_SPEC,
  POINT_SORTS,
  PointTransactionSchema,
} from "../../../core/points/schemas.ts";
import { assertSelfOrAdmin, scopeToViewer } from "../../../core/auth/access.ts";
import { listQueryFrom } from "../../list.ts";
import { actorOf, secured } from "../../middleware/auth.ts";
import { problemResponses } from "../../problem.ts";
import { createRouter } from "../../router.ts";
import { jsonContent, listQuerySchema, pageSchema } from "../../schemas/common.ts";
import type { AppRouteHandler } from "../../types.ts";

const tags = ["Points"];

const list = createRoute({
  method: "get",
  path: "/api/v1/points/transactions",
  ...secured(),
  tags,
  summary: "List point transactions (the append-only ledger)",
  request: { query: listQuerySchema({ sortable: POINT_SORTS, filters: POINT_FILTERS }) },
  responses: {
    200: jsonContent(
      pageSchema(PointTransactionSchema.openapi("PointTransaction"), "PointTransactionPage"),
      "One page of ledger entries",
    ),
    ...problemResponses(400, 401, 403),
  },
});

const balance = createRoute({
  method: "get",
  path: "/api/v1/points/balance",
  ...secured(),
  tags,
  summary: "A user's balance, checked against the sum of their ledger",
  request: {
    query: z.object({
      user_id: z.uuid({ message: "must be a UUID" }).optional().openapi({
        description: "Whose balance; defaults to the caller (others: admins only)",
      }),
    }),
  },
  responses: {
    200: jsonContent(BalanceSchema.openapi("Balance"), "The balance"),
    ...problemResponses(400, 401, 403, 404),
  },
});

const listHandler: AppRouteHandler<typeof list> = async (c) => {
  const query = listQueryFrom(c, POINT_LIST_SPEC, c.req.valid("query"));
  query.filters = scopeToViewer(actorOf(c), query.filters);
  return c.json(await listPointTransactions(c.get("services").core, query), 200);
};

const balanceHandler: AppRouteHandler<typeof balance> = async (c) => {
  const actor = actorOf(c);
  const userId = c.req.valid("query").user_id ?? actor.id;
  assertSelfOrAdmin(actor, userId);
  return c.json(await getBalance(c.get("services").core, userId), 200);
};

export const pointsRouter = createRouter()
  .openapi(list, listHandler)
  .openapi(balance, balanceHandler);
