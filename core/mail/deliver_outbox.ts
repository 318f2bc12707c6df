/**
 * Delivers due outbox mail: each claimed message is sent once per attempt;
 * a failure is retried with exponential backoff and given up after
 * {@link MAX_ATTEMPTS}. Delivery is at least once (a crash between send and
 * mark resends after the lease).
 *
 * @module
 */
import type { MailTransport, OutboxRepo } from "./outbox.ts";

export const MAX_ATTEMPTS = 8;
/** How long a claimed batch is hidden from other instances while it is sent. */
export const LEASE_SECONDS = 120;

/**
 * Seconds to wait before attempt `attempts + 1`: 30 s, 60 s, 120 s... capped at one hour.
 *
 * @example retryDelaySeconds(1) === 30
 */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
}

export interface DeliveryResult {
  sent: number;
  retrying: number;
  failed: number;
}

/** Sends up to `batch` due messages through `transport`. */
export async function deliverOutbox(
  deps: { outbox: OutboxRepo; transport: MailTransport; from: string },
  now: Date,
  batch = 50,
): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0 };
  const due = await deps.outbox.claimDue(now, batch, LEASE_SECONDS);
  for (const message of due) {
    try {
      await deps.transport.send(message, deps.from);
      await deps.outbox.markSent(message.id, now);
      result.sent++;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const giveUp = message.attempts >= MAX_ATTEMPTS;
      const retryAt = giveUp
        ? null
        : new Date(now.getTime() + retryDelaySeconds(message.attempts) * 1000);
      await deps.outbox.markFailed(message.id, reason, retryAt);
      if (giveUp) result.failed++;
      else result.retrying++;
    }
  }
  return result;
}
