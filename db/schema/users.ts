import { boolean, char, date, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, deletedAt, id, tz, updatedAt, version } from "./_columns.ts";

export const users = pgTable("users", {
  id: id(),
  email: text("email").notNull(),
  passwordHash: text("password_hash"),
  role: text("role", { enum: ["user", "premium", "admin"] }).notNull().default("user"),
  status: text("status", { enum: ["pending", "active", "suspended", "banned"] }).notNull()
    .default("pending"),
  emailVerified: boolean("email_verified").notNull().default(false),
  emailVerifiedAt: tz("email_verified_at"),
  pointBalance: integer("point_balance").notNull().default(0),
  pointsEarnedTotal: integer("points_earned_total").notNull().default(0),
  lastLoginAt: tz("last_login_at"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  deletedAt: deletedAt(),
  version: version(),
});

export const profiles = pgTable("profiles", {
  userId: uuid("user_id").primaryKey().references(() => users.id, { onDelete: "cascade" }),
  displayName: text("display_name").notNull(),
  dateOfBirth: date("date_of_birth", { mode: "string" }).notNull(),
  state: char("state", { length: 2 }).notNull(),
  biologicalSex: text("biological_sex", { enum: ["male", "female"] }).notNull(),
  ageBracket: text("age_bracket", { enum: ["18-29", "30-39", "40-49", "50-59", "60+"] }).notNull(),
  fitnessLevel: text("fitness_level", { enum: ["beginner", "intermediate", "advanced"] })
    .notNull(),
  openTier: boolean("open_tier").notNull().default(false),
  tierCode: text("tier_code").notNull(),
  heightInches: integer("height_inches"),
  weightPounds: integer("weight_pounds"),
  goals: jsonb("goals").$type<string[]>().notNull().default([]),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
});
