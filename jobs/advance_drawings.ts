import { advanceDueDrawings } from "../core/drawings/scheduled_moves.ts";
import type { Services } from "../services.ts";

/** Every minute: scheduled → open when sales start, open → closed when they end. */
export async function advanceDrawingsTick(services: Services, now: Date): Promise<string> {
  return await advanceDueDrawings(services.core, now);
}
