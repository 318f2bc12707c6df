import { runFulfillmentDeadlines } from "../core/fulfillment/deadlines.ts";
import type { Services } from "../services.ts";

/** Hourly: reminder 7 days after a winner notice, forfeit (and alternate) at 14 days. */
export async function fulfillmentRemindersTick(services: Services, now: Date): Promise<string> {
  return await runFulfillmentDeadlines(services.core, now);
}
