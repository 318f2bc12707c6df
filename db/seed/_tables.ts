/**
 * The tables the seeder writes and their column order, in foreign-key order:
 * the writer flushes them in exactly this order.
 *
 * @module
 */
import type { TableSpec } from "./_bulk.ts";

export const SPONSORS: TableSpec = {
  name: "sponsors",
  columns: ["id", "name", "contact_name", "contact_email", "website_url", "status", "notes"],
};
export const USERS: TableSpec = {
  name: "users",
  columns: [
    "id",
    "email",
    "password_hash",
    "role",
    "status",
    "email_verified",
    "email_verified_at",
    "point_balance",
    "points_earned_total",
    "last_login_at",
    "created_at",
    "updated_at",
  ],
};
export const PROFILES: TableSpec = {
  name: "profiles",
  columns: [
    "user_id",
    "display_name",
    "date_of_birth",
    "state",
    "biological_sex",
    "age_bracket",
    "fitness_level",
    "open_tier",
    "tier_code",
    "height_inches",
    "weight_pounds",
    "goals",
    "created_at",
    "updated_at",
  ],
};
export const DRAWINGS: TableSpec = {
  name: "drawings",
  columns: [
    "id",
    "drawing_type",
    "name",
    "description",
    "ticket_cost_points",
    "drawing_time",
    "ticket_sales_close",
    "eligibility",
    "status",
    "random_seed",
    "winner_selected_at",
    "created_by",
    "created_at",
    "updated_at",
    "completed_at",
    "ticket_sales_open",
    "closed_at",
    "cancelled_at",
  ],
};
export const PRIZES: TableSpec = {
  name: "prizes",
  columns: [
    "id",
    "drawing_id",
    "sponsor_id",
    "rank",
    "name",
    "description",
    "value_usd",
    "quantity",
    "fulfillment_type",
  ],
};
export const CONNECTIONS: TableSpec = {
  name: "tracker_connections",
  columns: [
    "id",
    "user_id",
    "provider",
    "terra_user_id",
    "is_primary",
    "status",
    "sync_status",
    "last_sync_at",
    "error_message",
    "created_at",
    "updated_at",
  ],
};
export const ACTIVITIES: TableSpec = {
  name: "activities",
  columns: [
    "id",
    "user_id",
    "connection_id",
    "external_id",
    "activity_type",
    "start_time",
    "end_time",
    "duration_minutes",
    "intensity",
    "metrics",
    "points_earned",
    "processed",
    "created_at",
    "updated_at",
  ],
};
export const TRANSACTIONS: TableSpec = {
  name: "point_transactions",
  columns: [
    "id",
    "user_id",
    "transaction_type",
    "amount",
    "balance_after",
    "reference_type",
    "reference_id",
    "description",
    "created_at",
  ],
};
/** Per user and platform day: what the daily cap has already paid (migration 0003). */
export const POINTS_DAYS: TableSpec = {
  name: "points_days",
  columns: ["user_id", "day", "bonuses", "earned", "updated_at"],
};
export const TICKETS: TableSpec = {
  name: "tickets",
  columns: [
    "id",
    "drawing_id",
    "user_id",
    "ticket_number",
    "purchase_transaction_id",
    "created_at",
  ],
};

/** Declaration order is write order: parents before children. */
export const SEED_TABLES: readonly TableSpec[] = [
  SPONSORS,
  USERS,
  PROFILES,
  DRAWINGS,
  PRIZES,
  CONNECTIONS,
  ACTIVITIES,
  TRANSACTIONS,
  POINTS_DAYS,
  TICKETS,
];

/** Every table a seed replaces; CASCADE also clears rows of later tables that reference users. */
export const DOMAIN_TABLES = [
  "prize_fulfillments",
  "tickets",
  "prizes",
  "drawings",
  "point_transactions",
  "activities",
  "tracker_connections",
  "profiles",
  "users",
  "sponsors",
] as const;
