import {
  bigint,
  boolean,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, deletedAt, id, tz, updatedAt, version } from "./_columns.ts";
import { users } from "./users.ts";
import { pointTransactions } from "./points.ts";
import { drawingTemplates } from "./drawing_templates.ts";

export const sponsors = pgTable("sponsors", {
  id: id(),
  name: text("name").notNull(),
  contactName: text("contact_name"),
  contactEmail: text("contact_email"),
  websiteUrl: text("website_url"),
  logoUrl: text("logo_url"),
  status: text("status", { enum: ["active", "inactive"] }).notNull().default("active"),
  notes: text("notes"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  deletedAt: deletedAt(),
});

export const drawings = pgTable("drawings", {
  id: id(),
  drawingType: text("drawing_type", { enum: ["daily", "weekly", "monthly", "annual"] }).notNull(),
  name: text("name").notNull(),
  description: text("description"),
  ticketCostPoints: integer("ticket_cost_points").notNull(),
  drawingTime: tz("drawing_time").notNull(),
  ticketSalesClose: tz("ticket_sales_close").notNull(),
  eligibility: jsonb("eligibility").$type<Record<string, unknown>>().notNull().default({}),
  status: text("status", {
    enum: ["draft", "scheduled", "open", "closed", "completed", "cancelled"],
  }).notNull().default("draft"),
  totalTickets: integer("total_tickets").notNull().default(0),
  randomSeed: text("random_seed"),
  winnerSelectedAt: tz("winner_selected_at"),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  completedAt: tz("completed_at"),
  deletedAt: deletedAt(),
  version: version(),
  // 0005_sweepstakes.sql
  ticketSalesOpen: tz("ticket_sales_open"),
  perUserCap: integer("per_user_cap").notNull().default(1),
  freeEntriesPerUser: integer("free_entries_per_user").notNull().default(1),
  rulesText: text("rules_text"),
  rulesSha256: text("rules_sha256"),
  commitment: text("commitment"),
  seedSecret: text("seed_secret"),
  pseudonymKey: text("pseudonym_key"),
  merkleRoot: text("merkle_root"),
  frozenTicketCount: integer("frozen_ticket_count"),
  closedAt: tz("closed_at"),
  cancelledAt: tz("cancelled_at"),
  // 0009_beacon_templates_tax_forms.sql
  useBeacon: boolean("use_beacon").notNull().default(false),
  beaconRound: bigint("beacon_round", { mode: "number" }),
  templateId: uuid("template_id").references(() => drawingTemplates.id, { onDelete: "set null" }),
  periodStart: tz("period_start"),
}, (t) => [unique("drawings_template_period_key").on(t.templateId, t.periodStart)]);

export const prizes = pgTable("prizes", {
  id: id(),
  drawingId: uuid("drawing_id").notNull().references(() => drawings.id, { onDelete: "cascade" }),
  sponsorId: uuid("sponsor_id").references(() => sponsors.id),
  rank: integer("rank").notNull(),
  name: text("name").notNull(),
  description: text("description"),
  valueUsd: numeric("value_usd", { precision: 10, scale: 2 }).notNull().default("0"),
  quantity: integer("quantity").notNull().default(1),
  fulfillmentType: text("fulfillment_type", { enum: ["digital", "physical"] }).notNull()
    .default("physical"),
  imageUrl: text("image_url"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const tickets = pgTable("tickets", {
  id: id(),
  drawingId: uuid("drawing_id").notNull().references(() => drawings.id),
  userId: uuid("user_id").notNull().references(() => users.id),
  ticketNumber: integer("ticket_number").notNull(),
  purchaseTransactionId: uuid("purchase_transaction_id").references(() => pointTransactions.id),
  isWinner: boolean("is_winner").notNull().default(false),
  prizeId: uuid("prize_id").references(() => prizes.id),
  createdAt: createdAt(),
  // 0005_sweepstakes.sql
  entryType: text("entry_type", { enum: ["purchase", "free", "mail"] }).notNull()
    .default("purchase"),
});

export const prizeFulfillments = pgTable("prize_fulfillments", {
  id: id(),
  ticketId: uuid("ticket_id").notNull().references(() => tickets.id),
  prizeId: uuid("prize_id").notNull().references(() => prizes.id),
  userId: uuid("user_id").notNull().references(() => users.id),
  status: text("status", {
    enum: ["pending", "winner_notified", "address_confirmed", "shipped", "delivered", "forfeited"],
  }).notNull().default("pending"),
  shippingAddress: jsonb("shipping_address").$type<Record<string, string>>(),
  trackingNumber: text("tracking_number"),
  carrier: text("carrier"),
  notes: text("notes"),
  notifiedAt: tz("notified_at"),
  addressConfirmedAt: tz("address_confirmed_at"),
  shippedAt: tz("shipped_at"),
  deliveredAt: tz("delivered_at"),
  forfeitedAt: tz("forfeited_at"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
  // 0005_sweepstakes.sql
  drawingId: uuid("drawing_id").references(() => drawings.id),
  candidatePosition: integer("candidate_position"),
  reminderSentAt: tz("reminder_sent_at"),
  forfeitReason: text("forfeit_reason"),
  needsTaxForm: boolean("needs_tax_form").notNull().default(false),
  // 0009_beacon_templates_tax_forms.sql
  taxFormReceivedAt: tz("tax_form_received_at"),
  taxFormRecordedBy: uuid("tax_form_recorded_by").references(() => users.id),
});
