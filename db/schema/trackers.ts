import { boolean, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, deletedAt, id, tz, updatedAt } from "./_columns.ts";
import { users } from "./users.ts";

export const trackerConnections = pgTable("tracker_connections", {
  id: id(),
  userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  provider: text("provider", { enum: ["apple_health", "google_fit", "fitbit"] }).notNull(),
  terraUserId: text("terra_user_id"),
  isPrimary: boolean("is_primary").notNull().default(false),
  status: text("status", { enum: ["pending", "active", "error", "disconnected"] }).notNull()
    .default("active"),
  syncStatus: text("sync_status", { enum: ["pending", "syncing", "success", "failed"] }).notNull()
    .default("pending"),
  accessTokenEnc: text("access_token_enc"),
  refreshTokenEnc: text("refresh_token_enc"),
  tokenExpiresAt: tz("token_expires_at"),
  lastSyncAt: tz("last_sync_at"),
  errorMessage: text("error_message"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  deletedAt: deletedAt(),
});

export const activities = pgTable("activities", {
  id: id(),
  userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  connectionId: uuid("connection_id").references(() => trackerConnections.id, {
    onDelete: "set null",
  }),
  externalId: text("external_id"),
  activityType: text("activity_type", { enum: ["steps", "workout", "active_minutes"] }).notNull(),
  startTime: tz("start_time").notNull(),
  endTime: tz("end_time"),
  durationMinutes: integer("duration_minutes"),
  intensity: text("intensity", { enum: ["light", "moderate", "vigorous"] }),
  metrics: jsonb("metrics").$type<Record<string, unknown>>().notNull().default({}),
  pointsEarned: integer("points_earned").notNull().default(0),
  processed: boolean("processed").notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
