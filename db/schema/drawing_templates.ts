import { boolean, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt, version } from "./_columns.ts";
import { users } from "./users.ts";

/** 0009_beacon_templates_tax_forms.sql: recurring drawings. */
export const drawingTemplates = pgTable("drawing_templates", {
  id: id(),
  drawingType: text("drawing_type", { enum: ["daily", "weekly", "monthly"] }).notNull(),
  namePattern: text("name_pattern").notNull(),
  description: text("description"),
  ticketCostPoints: integer("ticket_cost_points").notNull(),
  prizes: jsonb("prizes").$type<unknown[]>().notNull().default([]),
  eligibility: jsonb("eligibility").$type<Record<string, unknown>>().notNull().default({}),
  rulesText: text("rules_text"),
  perUserCap: integer("per_user_cap").notNull().default(1),
  freeEntriesPerUser: integer("free_entries_per_user").notNull().default(1),
  useBeacon: boolean("use_beacon").notNull().default(false),
  salesOpenMinutes: integer("sales_open_minutes").notNull().default(0),
  salesCloseMinutesBeforeEnd: integer("sales_close_minutes_before_end").notNull().default(0),
  drawingMinutesAfterEnd: integer("drawing_minutes_after_end").notNull().default(0),
  active: boolean("active").notNull().default(true),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
});
