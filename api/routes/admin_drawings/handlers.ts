import { createDrawing, updateDrawing } from "../../../core/drawings/drawing_operations.ts";
import { executeDrawing } from "../../../core/drawings/execute_drawing.ts";
import { addFreeEntries } from "../../../core/tickets/free_entries.ts";
import { actorOf } from "../../middleware/auth.ts";
import type { AppRouteHandler } from "../../types.ts";
import type * as routes from "./routes.ts";

export const create: AppRouteHandler<typeof routes.create> = async (c) => {
  const drawing = await createDrawing(c.var.services.core, c.req.valid("json"), actorOf(c).id);
  return c.json(drawing, 201, { location: `/api/v1/drawings/${drawing.id}` });
};

export const update: AppRouteHandler<typeof routes.update> = async (c) =>
  c.json(
    await updateDrawing(
      c.var.services.core,
      c.req.valid("param").id,
      c.req.valid("json"),
      actorOf(c).id,
    ),
    200,
  );

export const execute: AppRouteHandler<typeof routes.execute> = async (c) =>
  c.json(
    await executeDrawing(c.var.services.core, c.req.valid("param").id, { actorId: actorOf(c).id }),
    200,
  );

export const mailEntry: AppRouteHandler<typeof routes.mailEntry> = async (c) => {
  const body = c.req.valid("json");
  const tickets = await addFreeEntries(c.var.services.core, {
    userId: body.user_id,
    drawingId: c.req.valid("param").id,
    quantity: body.quantity,
    entryType: "mail",
    actorId: actorOf(c).id,
    note: body.note,
  });
  return c.json({ tickets }, 201);
};
