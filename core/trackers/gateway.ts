/**
 * The tracker gateway port: what the connection and sync operations need from
 * the aggregator (Terra). integrations/terra/gateway.ts implements it.
 *
 * @module
 */
import type { NormalizedRecord, TrackerProvider } from "../ingest/schemas.ts";

/** How a connection starts: a web widget to open, or a token for the mobile SDK. */
export type ConnectionStart =
  | { flow: "widget"; url: string; sessionId: string; expiresIn: number }
  | { flow: "sdk"; token: string; expiresIn: number };

/** The aggregator's view of one of its users. */
export interface GatewayUser {
  terraUserId: string;
  provider: TrackerProvider | null;
  referenceId: string | null;
  active: boolean;
}

export interface TrackerGateway {
  /**
   * Starts a connection for `userId` (sent as Terra's reference_id). Web
   * providers redirect to `successUrl`/`failureUrl` when done.
   */
  beginConnection(input: {
    provider: TrackerProvider;
    userId: string;
    successUrl: string;
    failureUrl: string;
  }): Promise<ConnectionStart>;
  /** The aggregator's user, or null when it does not know it. */
  findUser(terraUserId: string): Promise<GatewayUser | null>;
  /** Revokes access at the aggregator; an unknown user is not an error. */
  disconnect(terraUserId: string): Promise<void>;
  /** Workouts and daily totals between two instants, read synchronously (no webhook). */
  fetchRecords(input: { terraUserId: string; from: Date; to: Date }): Promise<NormalizedRecord[]>;
}

/**
 * A gateway call that failed. `auth`: the aggregator no longer accepts this
 * user (token revoked or expired; the user must reconnect). `unavailable`:
 * rate limits, outages, timeouts (try again later).
 */
export class TrackerGatewayError extends Error {
  constructor(readonly kind: "auth" | "unavailable", message: string) {
    super(message);
    this.name = "TrackerGatewayError";
  }
}
