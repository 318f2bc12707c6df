/**
 * T2 (perf-reliability.md §5): the daily cap under concurrency. On PostgreSQL
 * (FITTRACK_TEST_DATABASE_URL) the earns really race; on PGlite they
 * serialize, and the same assertions must still hold.
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { ingestRecords } from "../../../core/ingest/ingest_records.ts";
import type { Connection, WorkoutRecord } from "../../../core/ingest/schemas.ts";
import { createUser } from "../../../core/users/user_operations.ts";
import { userInput } from "../../_support/factories.ts";
import { type TestContext, testContext } from "../../_support/services.ts";
import { ledger } from "./_terra.ts";

let seq = 0;

function workout(start: string, moderate: number): WorkoutRecord {
  seq++;
  return {
    kind: "workout",
    summaryId: `w-${seq}`,
    start,
    end: new Date(Date.parse(start) + moderate * 60_000).toISOString(),
    durationMinutes: moderate,
    minutes: { light: 0, moderate, vigorous: 0 },
    steps: null,
    deleted: false,
    name: null,
    raw: { seq },
  };
}

async function connectedUser(t: TestContext): Promise<Connection> {
  const user = await createUser(t.services.core, userInput({ fitness_level: "intermediate" }));
  return await t.services.core.store.ingest.attachConnection({
    userId: user.id,
    provider: "fitbit",
    terraUserId: crypto.randomUUID(),
  });
}

async function earnedOn(t: TestContext, userId: string, day: string): Promise<number> {
  const [row] = await t.services.db.rows<{ earned: number }>(
    sql`SELECT earned FROM points_days WHERE user_id = ${userId} AND day = ${day}`,
  );
  return row?.earned ?? 0;
}

/** 100 distinct 10-minute moderate workouts (20 points each at INT) on 2026-03-14, all at once. */
async function raceHundred(t: TestContext, connection: Connection, lockDays: boolean) {
  const base = Date.parse("2026-03-14T14:00:00Z");
  const results = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      ingestRecords(t.services.core, {
        connection,
        records: [workout(new Date(base + i * 60_000).toISOString(), 10)],
        orderingTs: 1,
      }, { lockDays })),
  );
  return results.flat();
}

Deno.test("T2 daily cap - 100 concurrent earns of 20 points credit exactly 1,000 (user-day row locked)", async () => {
  const t = await testContext();
  try {
    const connection = await connectedUser(t);
    const started = performance.now();
    const outcomes = await raceHundred(t, connection, true);
    const ms = Math.round(performance.now() - started);
    const granted = outcomes.reduce((s, o) => s + o.granted, 0);
    assert.equal(granted, 1000);
    assert.equal(outcomes.filter((o) => o.granted === 20).length, 50);
    assert.ok(outcomes.some((o) => o.capped));
    const l = await ledger(t, connection.userId);
    assert.deepEqual({ sum: l.sum, balance: l.balance, rows: l.rows }, {
      sum: 1000,
      balance: 1000,
      rows: 50,
    });
    assert.equal(await earnedOn(t, connection.userId, "2026-03-14"), 1000);
    const [acts] = await t.services.db.rows<{ total: string; n: string }>(
      sql`SELECT sum(points_earned) AS total, count(*) AS n FROM activities WHERE user_id = ${connection.userId}`,
    );
    assert.deepEqual([Number(acts.total), Number(acts.n)], [1000, 100]);
    console.log(
      `T2 on ${t.services.db.kind}: 100 concurrent earns in ${ms} ms, credited ${granted}`,
    );
  } finally {
    await t.close();
  }
});

Deno.test("T2 canary - without the user-day lock the same race overpays on PostgreSQL (PGlite serializes, so there it still holds)", async () => {
  const t = await testContext();
  try {
    const connection = await connectedUser(t);
    const granted = (await raceHundred(t, connection, false)).reduce((s, o) => s + o.granted, 0);
    if (t.services.db.kind === "postgres") {
      assert.ok(granted > 1000, `the unlocked variant must be caught overpaying, paid ${granted}`);
    } else {
      assert.equal(granted, 1000, "PGlite runs one transaction at a time");
    }
    console.log(`T2 canary on ${t.services.db.kind}: unlocked variant credited ${granted}`);
  } finally {
    await t.close();
  }
});

Deno.test("T2 day boundary - 23:59:59.999 and 00:00:00.000 in the platform zone land on different days", async () => {
  const t = await testContext();
  try {
    const connection = await connectedUser(t);
    // Fill 2026-03-14 (America/New_York) to the cap: 17 × 60 moderate minutes = 2,040 requested.
    const fill = Array.from(
      { length: 17 },
      (_, i) =>
        workout(new Date(Date.parse("2026-03-14T13:00:00Z") + i * 3_600_000 / 4).toISOString(), 60),
    );
    await ingestRecords(t.services.core, { connection, records: fill, orderingTs: 1 });
    assert.equal(await earnedOn(t, connection.userId, "2026-03-14"), 1000);
    const late = await ingestRecords(t.services.core, {
      connection,
      records: [{ ...workout("2026-03-15T03:59:59.999Z", 5), end: null }],
      orderingTs: 1,
    });
    assert.equal(late[0].granted, 0, "23:59:59.999 local is still the capped day");
    const early = await ingestRecords(t.services.core, {
      connection,
      records: [{ ...workout("2026-03-15T04:00:00.000Z", 5), end: null }],
      orderingTs: 1,
    });
    assert.equal(early[0].granted, 10, "00:00:00.000 local starts a new day");
    assert.equal(await earnedOn(t, connection.userId, "2026-03-15"), 10);
  } finally {
    await t.close();
  }
});

Deno.test("T2 property - any batch of concurrent earns over two days keeps each day ≤ 1,000 and ledger = balance", async () => {
  const t = await testContext();
  try {
    const arbEarn = fc.record({
      day: fc.constantFrom("2026-03-14", "2026-03-15"),
      minute: fc.integer({ min: 0, max: 600 }),
      moderate: fc.integer({ min: 1, max: 90 }),
    });
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(arbEarn, { minLength: 1, maxLength: 40 }), async (earns) => {
        runs++;
        const connection = await connectedUser(t);
        await Promise.all(earns.map((e) =>
          ingestRecords(t.services.core, {
            connection,
            records: [
              workout(
                new Date(Date.parse(`${e.day}T12:00:00Z`) + e.minute * 60_000).toISOString(),
                e.moderate,
              ),
            ],
            orderingTs: 1,
          })
        ));
        const l = await ledger(t, connection.userId);
        const a = await earnedOn(t, connection.userId, "2026-03-14");
        const b = await earnedOn(t, connection.userId, "2026-03-15");
        assert.ok(a <= 1000 && b <= 1000, `days earned ${a} and ${b}`);
        assert.equal(l.sum, a + b);
        assert.equal(l.balance, l.sum);
      }),
      { numRuns: 15 },
    );
    assert.equal(runs >= 15, true);
  } finally {
    await t.close();
  }
});
