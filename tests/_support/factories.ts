/**
 * Valid inputs with unique values; override what a test cares about.
 *
 * @module
 */
import type { CreateUserInput } from "../../core/users/schemas.ts";
import type { CreateDrawingInput } from "../../core/drawings/schemas.ts";
import type { Orm } from "../../db/client.ts";
import { activities } from "../../db/schema/mod.ts";

let counter = 0;

export function userInput(overrides: Partial<CreateUserInput> = {}): CreateUserInput {
  counter++;
  return {
    email: `user${counter}.${crypto.randomUUID().slice(0, 8)}@example.com`,
    role: "user",
    status: "active",
    display_name: `Tester ${counter}`,
    date_of_birth: "1990-06-15",
    state: "CA",
    biological_sex: "female",
    fitness_level: "intermediate",
    open_tier: false,
    ...overrides,
  };
}

/** Inserts an activity row directly (ingestion is tested on its own). */
export async function insertActivity(
  services: { db: { orm: Orm } },
  values: Partial<typeof activities.$inferInsert> & { userId: string },
): Promise<typeof activities.$inferSelect> {
  const [row] = await services.db.orm.insert(activities).values({
    activityType: "steps",
    startTime: new Date("2026-03-10T15:00:00Z"),
    metrics: { steps: 5000 },
    ...values,
  }).returning();
  return row;
}

export function drawingInput(overrides: Partial<CreateDrawingInput> = {}): CreateDrawingInput {
  return {
    drawing_type: "weekly",
    name: `Weekly Drawing ${++counter}`,
    ticket_cost_points: 100,
    drawing_time: "2027-01-10T20:00:00.000Z",
    ticket_sales_close: "2027-01-10T19:55:00.000Z",
    eligibility: {},
    prizes: [{
      rank: 1,
      name: "Gift card",
      value_usd: 50,
      quantity: 1,
      fulfillment_type: "digital",
    }],
    ...overrides,
  };
}
