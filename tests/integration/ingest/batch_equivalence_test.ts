/**
 * Set-based ingestion is a faster way to do the same thing: the same webhook
 * events processed one per transaction and as one large batch must leave the
 * same activities, ledger rows, balances, paid user-days, rollups, audit rows
 * and event outcomes. Runs on PGlite by default and on PostgreSQL with
 * FITTRACK_TEST_DATABASE_URL.
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { processWebhookEvents } from "../../../core/ingest/process_webhook_events.ts";
import { createUser } from "../../../core/users/user_operations.ts";
import type { FitnessLevel } from "../../../core/tiers/tier_code.ts";
import { decodeTerraEvent } from "../../../integrations/terra/normalize.ts";
import {
  dataEvent,
  type SimUser,
  terraActivity,
  terraDaily,
} from "../../../integrations/terra/sim_payloads.ts";
import { userInput } from "../../_support/factories.ts";
import { type TestContext, testContext } from "../../_support/services.ts";

const NOW = new Date("2026-03-16T12:00:00Z");
const LEVELS: FitnessLevel[] = ["beginner", "intermediate", "advanced"];

interface Event {
  terra: string;
  type: "activity" | "daily";
  orderingTs: number;
  items: Record<string, unknown>[];
}

/** A seeded generator, so both runs (and every run of the test) see one scenario. */
function random(seed: number): (n: number) => number {
  let s = seed;
  return (n) => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) % n;
}

/**
 * Per user: growing, repeated, stale and shrinking dailies on two days;
 * workouts that earn bonuses, overlap (the secondary tracker reports the
 * primary's run), get deleted, or push the day over the cap.
 */
function scenario(users: number): Event[] {
  const pick = random(7);
  const events: Event[] = [];
  for (let u = 0; u < users; u++) {
    const terras = u % 3 === 0 ? [`eq-${u}-a`, `eq-${u}-b`] : [`eq-${u}-a`];
    for (const [c, terra] of terras.entries()) {
      let ts = 1_000;
      const daily = (date: string, steps: number, moderate: number, at = (ts += 10)) =>
        events.push({
          terra,
          type: "daily",
          orderingTs: at,
          items: [terraDaily({ date, steps, minutes: { light: 20, moderate, vigorous: 5 } })],
        });
      const workout = (w: number, minutes: Record<string, number>, uploadType = 1) =>
        events.push({
          terra,
          type: "activity",
          orderingTs: ts += 10,
          items: [terraActivity({
            summaryId: `${u}-${c}-${w}`,
            start: new Date(Date.parse("2026-03-14T13:00:00Z") + w * 5_400_000).toISOString(),
            minutes,
            steps: 500 + pick(3000),
            uploadType,
          })],
        });
      const steps = 2_000 + pick(6_000);
      daily("2026-03-14", steps, 10 + pick(30));
      workout(0, { moderate: 20 + pick(40) });
      daily("2026-03-14", steps + 2_500, 35 + pick(30));
      daily("2026-03-14", steps + 2_500, 35); // a repeat, or a shrink of the minutes
      daily("2026-03-14", steps, 5, 1_005); // an older copy after newer ones
      workout(1, { vigorous: 15 + pick(60), light: pick(20) });
      workout(2, { moderate: 19 + pick(3) });
      workout(1, { vigorous: 30 }, 4); // deleted by the provider
      if (u % 4 === 1) { for (let w = 3; w < 9; w++) workout(w, { vigorous: 90 }); }
      daily("2026-03-15", 1_000 + pick(9_000), pick(60));
      daily("2026-03-14", steps - 1_000, 10); // the day's total shrinks
    }
  }
  // The processor takes a Terra user's events in arrival order, Terra users in id order.
  return events.sort((a, b) => (a.terra < b.terra ? -1 : a.terra > b.terra ? 1 : 0));
}

async function load(t: TestContext, users: number, events: Event[]): Promise<void> {
  const store = t.services.core.store;
  for (let u = 0; u < users; u++) {
    const level = LEVELS[u % 3];
    const user = await createUser(
      t.services.core,
      userInput({ email: `eq${u}@example.com`, fitness_level: level }),
    );
    await store.ingest.attachConnection({
      userId: user.id,
      provider: "fitbit",
      terraUserId: `eq-${u}-a`,
    });
    if (u % 3 === 0) {
      await store.ingest.attachConnection({
        userId: user.id,
        provider: "google_fit",
        terraUserId: `eq-${u}-b`,
      });
    }
  }
  for (const [i, e] of events.entries()) {
    const user = { user_id: e.terra, provider: "GOOGLE_HEALTH" } as SimUser;
    await store.ingest.recordEvent({
      trace_id: `e-${String(i).padStart(5, "0")}`,
      event_type: e.type,
      terra_user_id: e.terra,
      reference: null,
      ordering_ts: e.orderingTs,
      payload: dataEvent(e.type, user, e.items),
    });
  }
}

type Row = Record<string, unknown>;

/** Everything ingestion wrote, with ids replaced by stable names. */
async function snapshot(t: TestContext): Promise<Record<string, unknown>> {
  const rows = <T = Row>(q: ReturnType<typeof sql>) => t.services.db.rows<T>(q);
  const acts = await rows<Row & { id: string; key: string }>(sql`
    SELECT a.id, c.terra_user_id || ':' || split_part(a.external_id, ':', 3) || ':' ||
             split_part(a.external_id, ':', 4) AS key,
           a.activity_type, a.start_time::text, a.end_time::text, a.duration_minutes,
           a.intensity, a.points_earned, a.metrics
      FROM activities a JOIN tracker_connections c ON c.id = a.connection_id ORDER BY key`);
  const names = new Map(acts.map((a) => [a.id, a.key]));
  const connections = await rows<{ id: string; terra: string }>(
    sql`SELECT id, terra_user_id AS terra FROM tracker_connections`,
  );
  const rename = (v: string) =>
    names.get(v) ?? connections.reduce((s, c) => s.replaceAll(c.id, c.terra), v);
  const named = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value ?? null), (_, v) => typeof v === "string" ? rename(v) : v);
  const user = sql`(SELECT email FROM users WHERE id = x.user_id)`;
  return {
    activities: acts.map(({ id: _, ...a }) => named(a)),
    ledger: named(
      await rows(sql`SELECT ${user} AS email, x.transaction_type, x.amount,
        x.balance_after, x.reference_id, x.description
      FROM point_transactions x ORDER BY email, x.created_at, x.balance_after`),
    ),
    balances: await rows(sql`SELECT u.email, u.point_balance, u.points_earned_total,
        (SELECT coalesce(sum(amount), 0)::int FROM point_transactions WHERE user_id = u.id) AS ledger
      FROM users u ORDER BY u.email`),
    days: await rows(sql`SELECT ${user} AS email, x.day::text, x.steps_basis,
        x.light_minutes_basis, x.moderate_minutes_basis, x.vigorous_minutes_basis, x.bonuses, x.earned
      FROM points_days x ORDER BY email, x.day`),
    rollups: await rows(sql`SELECT ${user} AS email, x.period_kind, x.period_start::text,
        x.tier_code, x.points, x.hidden FROM leaderboard_scores x ORDER BY email, x.period_kind`),
    audit: named(
      await rows(sql`SELECT action, entity_id, details FROM audit_log
      WHERE entity_type = 'activity' ORDER BY id`),
    ),
    events: named(
      await rows(sql`SELECT trace_id, status, outcome FROM webhook_events
      ORDER BY trace_id`),
    ),
  };
}

Deno.test("processWebhookEvents() - one batch of 24 users' events writes exactly what one event per transaction writes", async () => {
  const users = 24;
  const events = scenario(users);
  const clock = { now: () => NOW };
  const single = await testContext({ clock });
  const batched = await testContext({ clock });
  try {
    await load(single, users, events);
    await load(batched, users, events);
    const decode = decodeTerraEvent;
    // One event per call: each is claimed, settled and committed on its own.
    for (let n = 0; n < events.length; n++) {
      const s = await processWebhookEvents(single.services.core, { decode, limit: 1 });
      assert.equal(s.processed, 1, `event ${n} processed alone`);
    }
    const s = await processWebhookEvents(batched.services.core, {
      decode,
      limit: events.length,
      batchSize: events.length,
      concurrency: 1,
    });
    assert.deepEqual(s, { processed: events.length, parked: 0, ignored: 0, failed: 0 });
    const one = await snapshot(single);
    const many = await snapshot(batched);
    for (const part of Object.keys(one)) assert.deepEqual(many[part], one[part], part);
    // The scenario reaches what it means to: caps, corrections, duplicates, several ledger rows.
    const audit = many.audit as { action: string }[];
    assert.ok(audit.some((a) => a.action === "activity.duplicate"), "a duplicate workout");
    assert.ok(audit.some((a) => a.action === "activity.correction"), "a correction");
    const days = many.days as { earned: number }[];
    assert.ok(days.some((d) => d.earned === 1000), "a capped day");
    for (const b of many.balances as { point_balance: number; ledger: number }[]) {
      assert.equal(b.point_balance, b.ledger, "balance = Σ ledger");
    }
    assert.ok((many.ledger as unknown[]).length > users * 4);
  } finally {
    await single.close();
    await batched.close();
  }
});
