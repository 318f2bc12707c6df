import { integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_columns.ts";
import { users } from "./users.ts";

/** Append-only: the database refuses UPDATE and DELETE (migration 0001). */
export const pointTransactions = pgTable("point_transactions", {
  id: id(),
  userId: uuid("user_id").notNull().references(() => users.id),
  transactionType: text("transaction_type", { enum: ["earn", "spend", "adjust", "refund"] })
    .notNull(),
  amount: integer("amount").notNull(),
  balanceAfter: integer("balance_after").notNull(),
  referenceType: text("reference_type"),
  referenceId: uuid("reference_id"),
  description: text("description").notNull().default(""),
  createdAt: createdAt(),
});
