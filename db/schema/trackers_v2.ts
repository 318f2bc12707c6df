import { boolean, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, deletedAt, tz, updatedAt } from "./_columns.ts";
import { users } from "./users.ts";

/**
 * tracker_connections as 0007_trackers.sql leaves it: every column, with
 * sync_status's new 'error' and the sync bookkeeping columns. trackers.ts keeps
 * 0001's view for the code written against it.
 */
export const trackerConnectionsV2 = pgTable("tracker_connections", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  provider: text("provider", { enum: ["apple_health", "google_fit", "fitbit"] }).notNull(),
  terraUserId: text("terra_user_id"),
  isPrimary: boolean("is_primary").notNull().default(false),
  status: text("status", { enum: ["pending", "active", "error", "disconnected"] }).notNull()
    .default("active"),
  syncStatus: text("sync_status", {
    enum: ["pending", "syncing", "success", "failed", "error"],
  }).notNull().default("pending"),
  lastSyncAt: tz("last_sync_at"),
  errorMessage: text("error_message"),
  syncAttempts: integer("sync_attempts").notNull().default(0),
  nextSyncAt: tz("next_sync_at"),
  syncRequestedAt: tz("sync_requested_at"),
  manualSyncAt: tz("manual_sync_at"),
  lastSyncError: text("last_sync_error"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  deletedAt: deletedAt(),
});

/** 0007_trackers.sql: OAuth `state` of a started web connection (hashed, single use). */
export const trackerAuthStates = pgTable("tracker_auth_states", {
  stateHash: text("state_hash").primaryKey(),
  userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  provider: text("provider").notNull(),
  expiresAt: tz("expires_at").notNull(),
  usedAt: tz("used_at"),
  createdAt: createdAt(),
});
