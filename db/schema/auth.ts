import { integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tz } from "./_columns.ts";
import { users } from "./users.ts";

export const refreshTokens = pgTable("refresh_tokens", {
  id: id(),
  familyId: uuid("family_id").notNull(),
  parentId: uuid("parent_id"),
  userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull(),
  expiresAt: tz("expires_at").notNull(),
  familyExpiresAt: tz("family_expires_at").notNull(),
  usedAt: tz("used_at"),
  revokedAt: tz("revoked_at"),
  createdAt: createdAt(),
});

export const oneTimeTokens = pgTable("one_time_tokens", {
  id: id(),
  userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  purpose: text("purpose", { enum: ["verify_email", "reset_password"] }).notNull(),
  tokenHash: text("token_hash").notNull(),
  expiresAt: tz("expires_at").notNull(),
  usedAt: tz("used_at"),
  createdAt: createdAt(),
});

export const loginFailures = pgTable("login_failures", {
  email: text("email").primaryKey(),
  failures: integer("failures").notNull(),
  windowStartedAt: tz("window_started_at").notNull(),
  lockedUntil: tz("locked_until"),
  updatedAt: tz("updated_at").notNull().defaultNow(),
});
