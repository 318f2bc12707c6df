import assert from "node:assert/strict";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedData, seedIfEmpty } from "../../../core/admin/mod.ts";
import { DomainError } from "../../../core/errors.ts";
import { checkIntegrity } from "../../../core/reports/build_summary.ts";
import { TIER_CODES } from "../../../core/tiers/tier_code.ts";
import { sql } from "../../../db/client.ts";
import { testServices } from "../../_support/services.ts";
import type { Services } from "../../../services.ts";

const NOW = new Date("2026-06-15T16:00:00Z");
const clock = { now: () => NOW };

async function rows<T>(s: Services, text: string): Promise<T[]> {
  return await s.db.rows<T>(sql.raw(text));
}

async function groups(s: Services, text: string): Promise<Record<string, number>> {
  const out = await rows<{ k: string; n: string | number }>(s, text);
  return Object.fromEntries(out.map((r) => [r.k, Number(r.n)]));
}

async function count(s: Services, text: string): Promise<number> {
  const [row] = await rows<{ n: string | number }>(s, text);
  return Number(row.n);
}

/** A digest of the generated data (everything but the salted password hash). */
async function fingerprint(s: Services): Promise<string> {
  const [row] = await rows<{ f: string }>(
    s,
    `SELECT md5(
      (SELECT string_agg(concat_ws('|', id, email, role, status, point_balance,
        points_earned_total, created_at), ',' ORDER BY id) FROM users) ||
      (SELECT string_agg(concat_ws('|', user_id, tier_code, date_of_birth, display_name), ','
        ORDER BY user_id) FROM profiles) ||
      (SELECT string_agg(concat_ws('|', id, activity_type, metrics, points_earned, start_time), ','
        ORDER BY id) FROM activities) ||
      (SELECT string_agg(concat_ws('|', id, amount, balance_after, created_at), ',' ORDER BY id)
        FROM point_transactions) ||
      (SELECT string_agg(concat_ws('|', id, drawing_id, ticket_number, is_winner), ',' ORDER BY id)
        FROM tickets) ||
      (SELECT string_agg(concat_ws('|', id, status), ',' ORDER BY id) FROM prize_fulfillments))
      AS f`,
  );
  return row.f;
}

Deno.test("seedData() builds every scenario of the plan with integrity intact", async () => {
  const s = await testServices({ clock });
  try {
    const stats = await seedData(s.core);
    assert.deepEqual(stats.options, { users: 50, activities: 400, drawings: 10, seed: 42 });
    assert.equal(stats.entities.users, 50);
    assert.equal(stats.entities.activities, 400);
    assert.equal(stats.entities.sponsors, 10);

    const roles = await groups(s, "SELECT role AS k, count(*) AS n FROM users GROUP BY 1");
    assert.ok(roles.admin >= 3 && roles.premium >= 10 && roles.user >= 10, JSON.stringify(roles));
    const tiers = await rows<{ tier_code: string }>(s, "SELECT DISTINCT tier_code FROM profiles");
    assert.deepEqual(tiers.map((t) => t.tier_code).sort(), [...TIER_CODES].sort());

    for (const demo of DEMO_ACCOUNTS) {
      const found = await s.core.store.users.findByEmail(demo.email);
      assert.ok(found, `${demo.email} exists`);
      assert.equal(found.user.role, demo.role);
      assert.equal(found.user.status, "active");
      assert.equal(found.user.email_verified, true);
      assert.ok(await s.core.passwords.verify(found.password_hash!, DEMO_PASSWORD));
    }

    const providers = await groups(
      s,
      `SELECT provider AS k, count(*) AS n FROM tracker_connections WHERE status = 'active'
       GROUP BY 1`,
    );
    for (const p of ["apple_health", "google_fit", "fitbit"]) assert.ok(providers[p] >= 5, p);

    const shapes = await groups(
      s,
      `SELECT activity_type || ':' || coalesce(intensity, '-') AS k, count(*) AS n
       FROM activities GROUP BY 1`,
    );
    for (const t of ["workout", "active_minutes"]) {
      for (const i of ["light", "moderate", "vigorous"]) assert.ok(shapes[`${t}:${i}`] > 0, t + i);
    }
    assert.ok(shapes["steps:-"] > 0);
    assert.equal(
      await count(
        s,
        "SELECT count(*) AS n FROM activities WHERE NOT metrics ? 'calories' AND NOT metrics ? 'light_minutes'",
      ),
      0,
      "every activity has realistic metrics",
    );

    const types = await groups(
      s,
      "SELECT transaction_type AS k, count(*) AS n FROM point_transactions GROUP BY 1",
    );
    for (const t of ["earn", "spend", "adjust", "refund"]) assert.ok(types[t] > 0, t);
    assert.ok(Object.values(types).reduce((a, b) => a + b) >= 50);
    assert.equal(
      await count(
        s,
        `SELECT count(*) AS n FROM users u WHERE points_earned_total <> (SELECT coalesce(sum(amount), 0)
         FROM point_transactions t WHERE t.user_id = u.id AND transaction_type = 'earn')`,
      ),
      0,
      "points_earned_total is the sum of earn entries",
    );

    const statuses = await groups(s, "SELECT status AS k, count(*) AS n FROM drawings GROUP BY 1");
    for (const st of ["draft", "scheduled", "open", "closed", "completed", "cancelled"]) {
      assert.ok(statuses[st] > 0, st);
    }
    assert.equal(statuses.completed, 3);
    const drawingTypes = await groups(
      s,
      "SELECT drawing_type AS k, count(*) AS n FROM drawings GROUP BY 1",
    );
    assert.deepEqual(Object.keys(drawingTypes).sort(), ["annual", "daily", "monthly", "weekly"]);
    assert.ok(await count(s, "SELECT count(*) AS n FROM prizes") >= 10);

    assert.ok(await count(s, "SELECT count(*) AS n FROM tickets") >= 100);
    assert.ok(
      await count(s, "SELECT count(DISTINCT drawing_id) AS n FROM tickets") >= 3,
      "tickets across several drawings",
    );
    assert.equal(
      await count(
        s,
        `SELECT count(*) AS n FROM tickets k LEFT JOIN point_transactions t
         ON t.id = k.purchase_transaction_id AND t.user_id = k.user_id AND t.transaction_type = 'spend'
         WHERE t.id IS NULL`,
      ),
      0,
      "each ticket was bought with its owner's spend entry",
    );
    const winners = await count(
      s,
      `SELECT count(DISTINCT k.drawing_id) AS n FROM tickets k JOIN drawings d ON d.id = k.drawing_id
       WHERE k.is_winner AND d.status = 'completed'`,
    );
    assert.equal(winners, 3, "3 completed drawings with winners");
    const fulfillments = await groups(
      s,
      "SELECT status AS k, count(*) AS n FROM prize_fulfillments GROUP BY 1",
    );
    assert.ok(Object.keys(fulfillments).length >= 4, JSON.stringify(fulfillments));
    // Seeded winners' addresses are sealed at rest like real ones, and open to the repository.
    const addresses = await rows<{ id: string; shipping_address: Record<string, unknown> }>(
      s,
      "SELECT id, shipping_address FROM prize_fulfillments WHERE shipping_address IS NOT NULL",
    );
    assert.ok(addresses.length > 0, "some seeded fulfillments have an address");
    for (const row of addresses) {
      assert.deepEqual(Object.keys(row.shipping_address), ["sealed"], JSON.stringify(row));
      assert.doesNotMatch(JSON.stringify(row.shipping_address), /"(line1|city|zip)"/);
    }
    const revealed = await s.core.store.fulfillments.findById(addresses[0].id);
    assert.match(revealed?.shipping_address?.zip ?? "", /^\d{5}$/);

    const sponsors = await rows<{ name: string }>(s, "SELECT name FROM sponsors");
    assert.equal(sponsors.length, 10);
    assert.ok(sponsors.some((r) => r.name === "FitTrack Platform"));

    const integrity = await checkIntegrity(s.core);
    assert.ok(integrity.passed, JSON.stringify(integrity.checks.filter((c) => !c.passed)));
  } finally {
    await s.close();
  }
});

Deno.test("seedData() is deterministic for a seed and different across seeds", async () => {
  const [a, b] = [await testServices({ clock }), await testServices({ clock })];
  try {
    await seedData(a.core, { seed: 7 });
    await seedData(b.core, { seed: 7 });
    const first = await fingerprint(a);
    assert.equal(await fingerprint(b), first);
    await seedData(b.core, { seed: 8 });
    assert.notEqual(await fingerprint(b), first);
  } finally {
    await a.close();
    await b.close();
  }
});

Deno.test("seedData() scales with --users/--activities/--drawings and replaces earlier data", async () => {
  const s = await testServices({ clock });
  try {
    await seedData(s.core);
    const stats = await seedData(s.core, { users: 150, activities: 2500, drawings: 16, seed: 3 });
    assert.equal(stats.entities.users, 150);
    assert.equal(stats.entities.profiles, 150);
    assert.equal(stats.entities.activities, 2500);
    assert.equal(stats.entities.drawings, 16);
    assert.equal(
      await count(s, "SELECT count(*) AS n FROM users"),
      150,
      "no rows left from before",
    );
    assert.ok((await checkIntegrity(s.core)).passed);
  } finally {
    await s.close();
  }
});

Deno.test("seedData() rejects options below the scenario minimums and writes nothing", async () => {
  const s = await testServices({ clock });
  try {
    await assert.rejects(
      () => seedData(s.core, { users: 5, drawings: 2 }),
      (e: unknown) =>
        e instanceof DomainError && e.code === "validation" &&
        e.details.errors!.map((x) => x.field).sort().join() === "drawings,users",
    );
    assert.equal(await count(s, "SELECT count(*) AS n FROM users"), 0);
  } finally {
    await s.close();
  }
});

Deno.test("seedIfEmpty() seeds a fresh database once", async () => {
  const s = await testServices({ clock });
  try {
    assert.ok(await seedIfEmpty(s.core));
    assert.equal(await seedIfEmpty(s.core), null);
  } finally {
    await s.close();
  }
});
