import { z } from "zod";
import type { CoreDeps } from "../ports.ts";
import { NO_PURCHASE_NECESSARY } from "../tickets/free_entries.ts";
import { oddsFor } from "../tickets/odds.ts";
import { OddsSchema } from "../tickets/schemas.ts";
import { getDrawing } from "./drawing_operations.ts";
import { DrawingSchema } from "./schemas.ts";

export const DrawingDetailSchema = DrawingSchema.extend({
  odds: OddsSchema,
  free_entry: z.object({
    notice: z.string(),
    free_entries_per_user: z.number().int(),
    your_free_entries: z.number().int(),
  }),
});
export type DrawingDetail = z.infer<typeof DrawingDetailSchema>;

/** A drawing as its page shows it to `userId`: odds ("1 in 1001") and how to enter free. */
export async function getDrawingDetail(
  deps: CoreDeps,
  id: string,
  userId: string,
): Promise<DrawingDetail> {
  const drawing = await getDrawing(deps, id);
  const [mine, free] = await Promise.all([
    deps.store.tickets.count(id, userId),
    deps.store.tickets.count(id, userId, ["free", "mail"]),
  ]);
  return {
    ...drawing,
    odds: oddsFor(drawing.total_tickets, mine),
    free_entry: {
      notice: NO_PURCHASE_NECESSARY,
      free_entries_per_user: drawing.free_entries_per_user,
      your_free_entries: free,
    },
  };
}
