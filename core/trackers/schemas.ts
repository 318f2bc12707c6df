/**
 * Tracker connections as the API and the CLI show them, and the answers of the
 * connection operations.
 *
 * @module
 */
import { z } from "zod";
import { TRACKER_PROVIDERS, type TrackerProvider } from "../ingest/schemas.ts";

export { TRACKER_PROVIDERS, type TrackerProvider };

/** Display names, for messages and the test page. */
export const PROVIDER_LABELS: Record<TrackerProvider, string> = {
  apple_health: "Apple Health",
  google_fit: "Google Fit",
  fitbit: "Fitbit",
};

export const SYNC_STATUSES = ["pending", "syncing", "success", "failed", "error"] as const;
export type SyncStatus = typeof SYNC_STATUSES[number];
export const CONNECTION_STATUSES = ["pending", "active", "error", "disconnected"] as const;
export type ConnectionStatus = typeof CONNECTION_STATUSES[number];

export const ProviderParamSchema = z.object({
  provider: z.enum(TRACKER_PROVIDERS, {
    message: `must be one of ${TRACKER_PROVIDERS.join(", ")}`,
  }),
});

export const TrackerConnectionSchema = z.object({
  id: z.uuid(),
  provider: z.enum(TRACKER_PROVIDERS),
  label: z.string(),
  is_primary: z.boolean(),
  status: z.enum(CONNECTION_STATUSES),
  sync_status: z.enum(SYNC_STATUSES),
  last_sync_at: z.string().nullable(),
  next_sync_at: z.string().nullable().describe("A scheduled retry after a failed sync"),
  sync_requested: z.boolean().describe("A sync is queued ahead of the 15-minute cycle"),
  last_sync_error: z.string().nullable(),
  error_message: z.string().nullable().describe("Why the connection needs reconnecting"),
  created_at: z.string(),
});
export type TrackerConnection = z.infer<typeof TrackerConnectionSchema>;

/** Operator view: a connection with its owner (CLI `connections list`). */
export interface ConnectionWithOwner extends TrackerConnection {
  user_id: string;
  email: string;
}

export const InitiateResultSchema = z.discriminatedUnion("flow", [
  z.object({
    flow: z.literal("widget"),
    provider: z.enum(TRACKER_PROVIDERS),
    auth_url: z.string().describe("Open in a new tab; Terra's widget session"),
    session_token: z.string().describe("Terra widget session id"),
    expires_in: z.number().int(),
  }),
  z.object({
    flow: z.literal("sdk"),
    provider: z.enum(TRACKER_PROVIDERS),
    sdk_token: z.string().describe("Single-use token for the mobile SDK's initConnection"),
    reference_id: z.string().describe("Pass as the SDK's reference id"),
    expires_in: z.number().int(),
  }),
]);
export type InitiateResult = z.infer<typeof InitiateResultSchema>;

export const CallbackQuerySchema = z.object({
  state: z.string().min(1).max(200).optional(),
  user_id: z.string().min(1).max(200).optional(),
  resource: z.string().max(100).optional(),
  reference_id: z.string().max(200).optional(),
  outcome: z.enum(["success", "failure"]).optional(),
});
export type CallbackQuery = z.infer<typeof CallbackQuerySchema>;

export const MessageSchema = z.object({ message: z.string() });
