import { bigint, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { tz } from "./_columns.ts";

/** Each webhook delivery once, keyed by its trace id (0004). */
export const webhookEvents = pgTable("webhook_events", {
  traceId: text("trace_id").primaryKey(),
  provider: text("provider").notNull().default("terra"),
  eventType: text("event_type").notNull(),
  terraUserId: text("terra_user_id"),
  reference: text("reference"),
  orderingTs: bigint("ordering_ts", { mode: "number" }),
  payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
  status: text("status", { enum: ["pending", "processed", "parked", "failed", "ignored"] })
    .notNull().default("pending"),
  attempts: integer("attempts").notNull().default(0),
  lastError: text("last_error"),
  nextAttemptAt: tz("next_attempt_at").notNull().defaultNow(),
  outcome: jsonb("outcome").$type<Record<string, unknown>>(),
  receivedAt: tz("received_at").notNull().defaultNow(),
  processedAt: tz("processed_at"),
});
