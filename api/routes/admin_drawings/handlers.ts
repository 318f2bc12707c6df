import { executeDrawing } from "../../../core/drawings/execute_drawing.ts";
import { addFreeEntries } from "../../../core/tickets/free_entries.ts";
import { actorOf } from "../../middleware/auth.ts";
import type { AppRouteHandler } from "../../types.ts";
import type * as routes from "./routes.ts";

/** Same glue as POST/PUT /api/v1/drawings. */
export { create, update } from "../drawings/handlers.ts";

export const execute: AppRouteHandler<typeof routes.execute> = async (c) =>
  c.json(
    await executeDrawing(c.get("services").core, c.req.valid("param").id, {
      actorId: actorOf(c).id,
    }),
    200,
  );

export const mailEntry: AppRouteHandler<typeof routes.mailEntry> = async (c) => {
  const body = c.req.valid("json");
  const tickets = await addFreeEntries(c.get("services").core, {
    userId: body.user_id,
    drawingId: c.req.valid("param").id,
    quantity: body.quantity,
    entryType: "mail",
    actorId: actorOf(c).id,
    note: body.note,
  });
  return c.json({ tickets }, 201);
};
