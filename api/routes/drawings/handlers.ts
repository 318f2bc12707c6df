import {
  createDrawing,
  listDrawings,
  updateDrawing,
} from "../../../core/drawings/drawing_operations.ts";
import { getDrawingDetail } from "../../../core/drawings/drawing_detail.ts";
import {
  getLeaves,
  getProof,
  getResults,
  myInclusionProofs,
} from "../../../core/drawings/drawing_results.ts";
import { DRAWING_LIST_SPEC } from "../../../core/drawings/schemas.ts";
import { addFreeEntries } from "../../../core/tickets/free_entries.ts";
import { purchaseTickets } from "../../../core/tickets/purchase_tickets.ts";
import { listQueryFrom } from "../../list.ts";
import { actorOf } from "../../middleware/auth.ts";
import type { AppRouteHandler } from "../../types.ts";
import type * as routes from "./routes.ts";

export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  const query = listQueryFrom(c, DRAWING_LIST_SPEC, c.req.valid("query"));
  return c.json(await listDrawings(c.get("services").core, query), 200);
};

export const get: AppRouteHandler<typeof routes.get> = async (c) =>
  c.json(
    await getDrawingDetail(c.get("services").core, c.req.valid("param").id, actorOf(c).id),
    200,
  );

export const create: AppRouteHandler<typeof routes.create> = async (c) => {
  const drawing = await createDrawing(c.get("services").core, c.req.valid("json"), actorOf(c).id);
  return c.json(drawing, 201, { location: `/api/v1/drawings/${drawing.id}` });
};

export const update: AppRouteHandler<typeof routes.update> = async (c) => {
  const { id } = c.req.valid("param");
  const drawing = await updateDrawing(
    c.get("services").core,
    id,
    c.req.valid("json"),
    actorOf(c).id,
  );
  return c.json(drawing, 200);
};

export const purchase: AppRouteHandler<typeof routes.purchase> = async (c) => {
  const { result, replayed } = await purchaseTickets(c.get("services").core, {
    userId: actorOf(c).id,
    drawingId: c.req.valid("param").id,
    quantity: c.req.valid("json").quantity,
    idempotencyKey: c.req.valid("header")["idempotency-key"],
  });
  return c.json(result, 201, replayed ? { "idempotent-replayed": "true" } : {});
};

export const freeEntry: AppRouteHandler<typeof routes.freeEntry> = async (c) => {
  const tickets = await addFreeEntries(c.get("services").core, {
    userId: actorOf(c).id,
    drawingId: c.req.valid("param").id,
    quantity: c.req.valid("json").quantity,
    entryType: "free",
  });
  return c.json({ tickets }, 201);
};

export const results: AppRouteHandler<typeof routes.results> = async (c) =>
  c.json(await getResults(c.get("services").core, c.req.valid("param").id, actorOf(c).id), 200);

export const proof: AppRouteHandler<typeof routes.proof> = async (c) =>
  c.json(await getProof(c.get("services").core, c.req.valid("param").id), 200);

export const leaves: AppRouteHandler<typeof routes.leaves> = async (c) => {
  const { page, per_page } = c.req.valid("query");
  return c.json(
    await getLeaves(c.get("services").core, c.req.valid("param").id, page, per_page),
    200,
  );
};

export const myProof: AppRouteHandler<typeof routes.myProof> = async (c) =>
  c.json(
    await myInclusionProofs(c.get("services").core, c.req.valid("param").id, actorOf(c).id),
    200,
  );
