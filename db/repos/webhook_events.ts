/**
 * webhook_events storage for {@link DrizzleIngestRepo}: record once by trace
 * id, claim with FOR UPDATE SKIP LOCKED so instances never process one event twice.
 *
 * @module
 */
import { and, asc, eq, inArray, lt, lte, sql } from "drizzle-orm";
import type { DueEvent, NewWebhookEvent, WebhookEvent } from "../../core/ingest/repo.ts";
import type { Orm } from "../client.ts";
import { webhookEvents } from "../schema/mod.ts";

type Row = typeof webhookEvents.$inferSelect;

function toEvent(row: Row): WebhookEvent {
  return {
    trace_id: row.traceId,
    event_type: row.eventType,
    terra_user_id: row.terraUserId,
    ordering_ts: row.orderingTs,
    payload: row.payload,
    status: row.status,
    attempts: row.attempts,
  };
}

const DUE = ["pending", "failed"] as const;

/**
 * One statement: inserts the delivery, or on a repeated trace id re-queues it
 * only if its processing had failed. `xmax = 0` tells a fresh insert apart.
 */
export async function recordEvent(orm: Orm, event: NewWebhookEvent): Promise<boolean> {
  const rows = await orm.insert(webhookEvents).values({
    traceId: event.trace_id,
    eventType: event.event_type,
    terraUserId: event.terra_user_id,
    reference: event.reference,
    orderingTs: event.ordering_ts,
    payload: event.payload,
  }).onConflictDoUpdate({
    target: webhookEvents.traceId,
    set: { status: "pending", attempts: 0, nextAttemptAt: sql`now()` },
    setWhere: eq(webhookEvents.status, "failed"),
  }).returning({ inserted: sql<boolean>`(xmax = 0)` });
  return rows.length === 1 && rows[0].inserted === true;
}

export async function dueEvents(
  orm: Orm,
  limit: number,
  maxAttempts: number,
): Promise<DueEvent[]> {
  const rows = await orm.select({
    trace_id: webhookEvents.traceId,
    terra_user_id: webhookEvents.terraUserId,
  }).from(webhookEvents)
    .where(and(
      inArray(webhookEvents.status, [...DUE]),
      lt(webhookEvents.attempts, maxAttempts),
      lte(webhookEvents.nextAttemptAt, sql`now()`),
    ))
    .orderBy(asc(webhookEvents.receivedAt), asc(webhookEvents.traceId)).limit(limit);
  return rows;
}

export async function claimEvent(
  orm: Orm,
  traceId: string,
  maxAttempts: number,
): Promise<WebhookEvent | null> {
  const [row] = await orm.select().from(webhookEvents).where(and(
    eq(webhookEvents.traceId, traceId),
    inArray(webhookEvents.status, [...DUE]),
    lt(webhookEvents.attempts, maxAttempts),
  )).for("update", { skipLocked: true });
  return row ? toEvent(row) : null;
}

/** {@link claimEvent} for several events in one statement; the claimed ones in `traceIds` order. */
export async function claimEvents(
  orm: Orm,
  traceIds: string[],
  maxAttempts: number,
): Promise<WebhookEvent[]> {
  const rows = await orm.select().from(webhookEvents).where(and(
    inArray(webhookEvents.traceId, traceIds),
    inArray(webhookEvents.status, [...DUE]),
    lt(webhookEvents.attempts, maxAttempts),
  )).for("update", { skipLocked: true });
  const byId = new Map(rows.map((r) => [r.traceId, toEvent(r)]));
  return traceIds.flatMap((id) => byId.get(id) ?? []);
}

/** {@link finishEvent} for several events in one statement. */
export async function finishEvents(
  orm: Orm,
  finished: { traceId: string; status: WebhookEvent["status"]; outcome: Record<string, unknown> }[],
): Promise<void> {
  if (finished.length === 0) return;
  const values = sql.join(
    finished.map((f) =>
      sql`(${f.traceId}::text, ${f.status}::text, ${JSON.stringify(f.outcome)}::jsonb)`
    ),
    sql`, `,
  );
  await orm.execute(sql`UPDATE webhook_events e
       SET status = v.status, outcome = v.outcome, last_error = NULL,
           processed_at = CASE WHEN v.status = 'parked' THEN NULL ELSE now() END
      FROM (VALUES ${values}) AS v(trace_id, status, outcome)
     WHERE e.trace_id = v.trace_id`);
}

export async function finishEvent(
  orm: Orm,
  traceId: string,
  status: WebhookEvent["status"],
  outcome: Record<string, unknown>,
): Promise<void> {
  await orm.update(webhookEvents).set({
    status,
    outcome,
    lastError: null,
    processedAt: status === "parked" ? null : sql`now()`,
  }).where(eq(webhookEvents.traceId, traceId));
}

/** Marks a failed attempt; the next one waits 10 s, 20 s, 40 s ... (at most an hour). */
export async function failEvent(orm: Orm, traceId: string, error: string): Promise<void> {
  await orm.update(webhookEvents).set({
    status: "failed",
    attempts: sql`${webhookEvents.attempts} + 1`,
    lastError: error.slice(0, 2000),
    nextAttemptAt:
      sql`now() + least(3600, 10 * power(2, ${webhookEvents.attempts})) * interval '1 second'`,
  }).where(eq(webhookEvents.traceId, traceId));
}

export async function unparkEvents(orm: Orm, terraUserId: string): Promise<number> {
  const rows = await orm.update(webhookEvents).set({ status: "pending" }).where(and(
    eq(webhookEvents.terraUserId, terraUserId),
    eq(webhookEvents.status, "parked"),
  )).returning({ id: webhookEvents.traceId });
  return rows.length;
}
