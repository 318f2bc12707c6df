import { executeDueDrawings } from "../core/drawings/scheduled_moves.ts";
import type { Services } from "../services.ts";

/** Every minute: executes closed drawings whose drawing_time has come (each at most once). */
export async function executeDueDrawingsTick(services: Services, now: Date): Promise<string> {
  return await executeDueDrawings(services.core, now);
}
