import { integer, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, tz } from "./_columns.ts";
import { users } from "./users.ts";
import { drawings } from "./sweepstakes.ts";

/** 0005_sweepstakes.sql: one published result per drawing (the exactly-once fact). */
export const drawingResults = pgTable("drawing_results", {
  drawingId: uuid("drawing_id").primaryKey().references(() => drawings.id),
  algorithm: text("algorithm").notNull(),
  proof: jsonb("proof").$type<Record<string, unknown>>().notNull(),
  executedAt: tz("executed_at").notNull().defaultNow(),
  executedBy: uuid("executed_by").references(() => users.id),
});

/** 0005_sweepstakes.sql: stored responses of requests sent with an Idempotency-Key. */
export const idempotencyKeys = pgTable("idempotency_keys", {
  userId: uuid("user_id").notNull().references(() => users.id),
  key: text("key").notNull(),
  fingerprint: text("fingerprint").notNull(),
  status: integer("status").notNull().default(0),
  body: text("body").notNull().default("null"),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.userId, t.key] })]);
