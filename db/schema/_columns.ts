import { integer, timestamp, uuid } from "drizzle-orm/pg-core";

/** Timestamps with time zone, read as JS Dates. */
export const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const id = () => uuid("id").primaryKey().defaultRandom();
export const createdAt = () => tz("created_at").notNull().defaultNow();
export const updatedAt = () => tz("updated_at").notNull().defaultNow();
export const deletedAt = () => tz("deleted_at");
export const version = () => integer("version").notNull().default(1);
