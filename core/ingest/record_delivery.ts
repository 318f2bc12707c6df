import type { CoreDeps } from "../ports.ts";
import type { NewWebhookEvent } from "./repo.ts";

/**
 * Records one verified webhook delivery before it is acknowledged. The trace
 * id is the primary key, so a redelivery records nothing; a redelivery of an
 * event whose processing failed puts it back in the queue.
 *
 * @example
 * ```ts
 * const { duplicate } = await recordDelivery(deps, { trace_id, event_type: "daily", ... });
 * ```
 */
export async function recordDelivery(
  deps: CoreDeps,
  delivery: NewWebhookEvent,
): Promise<{ duplicate: boolean }> {
  return { duplicate: !await deps.store.ingest.recordEvent(delivery) };
}
