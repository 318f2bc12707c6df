import { date, integer, pgTable, primaryKey, uuid } from "drizzle-orm/pg-core";
import { updatedAt } from "./_columns.ts";
import { users } from "./users.ts";

/** Per user and platform day: paid-for high-water marks, bonuses, points earned (0003). */
export const pointsDays = pgTable("points_days", {
  userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  day: date("day", { mode: "string" }).notNull(),
  stepsBasis: integer("steps_basis").notNull().default(0),
  lightMinutesBasis: integer("light_minutes_basis").notNull().default(0),
  moderateMinutesBasis: integer("moderate_minutes_basis").notNull().default(0),
  vigorousMinutesBasis: integer("vigorous_minutes_basis").notNull().default(0),
  bonuses: integer("bonuses").notNull().default(0),
  earned: integer("earned").notNull().default(0),
  updatedAt: updatedAt(),
}, (t) => [primaryKey({ columns: [t.userId, t.day] })]);
