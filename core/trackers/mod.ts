/**
 * Tracker connections: connect (widget or SDK token, CSRF-checked callback),
 * list, set primary, disconnect, manual sync, and the periodic sync that
 * polls the aggregator as a safety net for missed webhooks.
 *
 * @module
 */
export * from "./schemas.ts";
export * from "./gateway.ts";
export type * from "./repo.ts";
export type { TrackerDeps } from "./_deps.ts";
export * from "./list_connections.ts";
export * from "./initiate_connection.ts";
export * from "./complete_connection.ts";
export * from "./disconnect_tracker.ts";
export * from "./set_primary.ts";
export * from "./request_sync.ts";
export * from "./sync_connection.ts";
export * from "./sync_due.ts";
export * from "./list_all_connections.ts";
