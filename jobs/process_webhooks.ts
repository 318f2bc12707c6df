/**
 * Processes recorded Terra webhook deliveries (the receiver only records and
 * acknowledges). Safe on several instances at once: each event is claimed
 * with FOR UPDATE SKIP LOCKED and processed in one transaction.
 *
 * @module
 */
import { processWebhookEvents } from "../core/ingest/process_webhook_events.ts";
import { decodeTerraEvent } from "../integrations/terra/normalize.ts";
import type { Services } from "../services.ts";

/** One tick: processes up to 500 due events; returns a one-line summary. */
export async function processWebhooksTick(services: Services, now: Date): Promise<string> {
  const started = performance.now();
  const s = await processWebhookEvents(services.core, {
    decode: decodeTerraEvent,
    limit: 500,
    batchSize: 200,
  });
  const ms = Math.round(performance.now() - started);
  return `webhooks at ${now.toISOString()}: ${s.processed} processed, ${s.parked} parked, ` +
    `${s.ignored} ignored, ${s.failed} failed in ${ms} ms`;
}
