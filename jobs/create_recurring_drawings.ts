import { createRecurringDrawings } from "../core/drawing_templates/create_recurring_drawings.ts";
import type { Services } from "../services.ts";

/** Every 10 minutes: each active template's current and next drawing exist and are scheduled. */
export async function createRecurringDrawingsTick(services: Services, now: Date): Promise<string> {
  return await createRecurringDrawings(services.core, now);
}
