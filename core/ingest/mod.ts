/**
 * Ingestion: normalized tracker records become activities and points, and
 * recorded webhook deliveries are processed once.
 *
 * @module
 */
export * from "./schemas.ts";
export type * from "./repo.ts";
export * from "./records.ts";
export * from "./ingest_records.ts";
export * from "./process_webhook_events.ts";
export * from "./record_delivery.ts";
export * from "./plan_batches.ts";
