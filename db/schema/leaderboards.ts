import { boolean, date, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { tz } from "./_columns.ts";
import { users } from "./users.ts";

/** Per period, period start and user: points earned and when that total was reached (0006). */
export const leaderboardScores = pgTable("leaderboard_scores", {
  periodKind: text("period_kind", { enum: ["daily", "weekly", "monthly", "alltime"] }).notNull(),
  periodStart: date("period_start", { mode: "string" }).notNull(),
  userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  tierCode: text("tier_code").notNull(),
  points: integer("points").notNull(),
  reachedAt: tz("reached_at").notNull(),
  hidden: boolean("hidden").notNull().default(false),
}, (t) => [primaryKey({ columns: [t.periodKind, t.periodStart, t.userId] })]);
