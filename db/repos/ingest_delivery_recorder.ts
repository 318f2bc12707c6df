/**
 * Group commit for webhook deliveries. Each delivery must be durably recorded
 * before it is acknowledged, and one INSERT (one commit, one WAL flush) per
 * delivery made recording the receiver's limit. Deliveries that arrive while
 * a write is in flight wait for it and then go together in one statement, so
 * an idle receiver answers as fast as before and a busy one commits in groups.
 * A group that fails is redone one delivery at a time, so a bad delivery fails
 * alone.
 *
 * @module
 */
import { sql } from "drizzle-orm";
import type { NewWebhookEvent } from "../../core/ingest/repo.ts";
import type { Orm } from "../client.ts";
import { rowsOf } from "./points.ts";
import { recordEvent } from "./webhook_events.ts";

/** Most deliveries in one statement. */
const GROUP = 500;

interface Waiting {
  event: NewWebhookEvent;
  resolve(inserted: boolean): void;
  reject(error: unknown): void;
}

/**
 * Records several deliveries in one statement; per delivery, whether it was
 * new (see `recordEvent`). A trace id repeated within the group is new once.
 */
export async function recordEvents(orm: Orm, events: NewWebhookEvent[]): Promise<boolean[]> {
  const first = new Map<string, NewWebhookEvent>();
  for (const e of events) if (!first.has(e.trace_id)) first.set(e.trace_id, e);
  const input = JSON.stringify([...first.values()]);
  // clock_timestamp() row by row keeps the arrival order that processing follows.
  const rows = rowsOf<{ trace_id: string; inserted: boolean }>(
    await orm.execute(sql`INSERT INTO webhook_events AS w
        (trace_id, event_type, terra_user_id, reference, ordering_ts, payload, received_at)
      SELECT trace_id, event_type, terra_user_id, reference, ordering_ts, payload, clock_timestamp()
        FROM jsonb_to_recordset(${input}::jsonb) AS e(trace_id text, event_type text,
             terra_user_id text, reference text, ordering_ts bigint, payload jsonb)
      ON CONFLICT (trace_id) DO UPDATE SET status = 'pending', attempts = 0, next_attempt_at = now()
       WHERE w.status = 'failed'
      RETURNING w.trace_id, (w.xmax = 0) AS inserted`),
  );
  const inserted = new Set(rows.filter((r) => r.inserted === true).map((r) => r.trace_id));
  return events.map((e) => first.get(e.trace_id) === e && inserted.has(e.trace_id));
}

/** Queues deliveries and writes them in groups (one writer at a time per recorder). */
export class DeliveryRecorder {
  readonly #orm: Orm;
  #waiting: Waiting[] = [];
  #writing = false;

  constructor(orm: Orm) {
    this.#orm = orm;
  }

  record(event: NewWebhookEvent): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ event, resolve, reject });
      if (!this.#writing) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#writing = true;
    try {
      while (this.#waiting.length > 0) {
        const group = this.#waiting.splice(0, GROUP);
        if (group.length === 1) {
          await this.#one(group[0]);
          continue;
        }
        try {
          const inserted = await recordEvents(this.#orm, group.map((w) => w.event));
          group.forEach((w, i) => w.resolve(inserted[i]));
        } catch {
          for (const w of group) await this.#one(w);
        }
      }
    } finally {
      this.#writing = false;
    }
  }

  async #one(w: Waiting): Promise<void> {
    try {
      w.resolve(await recordEvent(this.#orm, w.event));
    } catch (error) {
      w.reject(error);
    }
  }
}
