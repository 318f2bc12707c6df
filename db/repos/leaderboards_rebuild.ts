/**
 * Rollups from the ledger: which users' leaderboard_scores differ from what
 * their earn entries add up to, and the statement that rewrites those users'
 * rows. `fittrack leaderboards rebuild` runs them over all history, the
 * nightly reconciliation over the current periods.
 *
 * @module
 */
import { type SQL, sql } from "drizzle-orm";
import type { PeriodKey } from "../../core/leaderboards/board_keys.ts";

const HIDDEN = sql`(u.deleted_at IS NOT NULL OR u.status IN ('suspended', 'banned'))`;

function inScope(alias: string, scope: PeriodKey[] | null): SQL {
  if (!scope) return sql`true`;
  const a = sql.raw(alias);
  const pairs = sql.join(scope.map((k) => sql`(${k.period}, ${k.start}::date)`), sql`, `);
  return sql`(${a}.period_kind, ${a}.period_start) IN (${pairs})`;
}

/** Locks the users' rows (in id order, as a batch) for a rollup repair. */
export function lockUsersQuery(users: string[]): SQL {
  return sql`SELECT id FROM users WHERE id = ANY(${uuids(users)}) ORDER BY id FOR UPDATE`;
}

function uuids(ids: string[]): SQL {
  return sql`${`{${ids.join(",")}}`}::uuid[]`;
}

/** Rollup rows as the ledger says they should be (users with a profile only). */
function expected(timeZone: string, scope: PeriodKey[] | null, users: string[] | null): SQL {
  const since = scope && !scope.some((k) => k.startsAt === null)
    ? sql`AND t.created_at >= ${
      new Date(Math.min(...scope.map((k) => k.startsAt!.getTime()))).toISOString()
    }::timestamptz`
    : sql``;
  const only = users ? sql`AND t.user_id = ANY(${uuids(users)})` : sql``;
  return sql`SELECT v.period_kind, v.period_start, e.user_id, sum(e.amount)::int AS points,
             max(e.at) AS reached_at
        FROM (SELECT t.user_id, t.amount, date_trunc('second', t.created_at) AS at,
                     (t.created_at AT TIME ZONE ${timeZone}) AS local
                FROM point_transactions t JOIN profiles p ON p.user_id = t.user_id
               WHERE t.transaction_type = 'earn' AND t.amount > 0 ${since} ${only}) e
        CROSS JOIN LATERAL (VALUES ('daily', e.local::date),
                                   ('weekly', date_trunc('week', e.local)::date),
                                   ('monthly', date_trunc('month', e.local)::date),
                                   ('alltime', DATE '1970-01-01')) v(period_kind, period_start)
       WHERE ${inScope("v", scope)}
       GROUP BY 1, 2, 3`;
}

/**
 * Users whose rollup rows in `scope` differ from the ledger (points, reach
 * second, a missing or an unsupported row). Reads only; takes no locks.
 */
export function driftedUsersQuery(timeZone: string, scope: PeriodKey[] | null): SQL {
  return sql`WITH x AS MATERIALIZED (${expected(timeZone, scope, null)}),
    a AS (SELECT s.period_kind, s.period_start, s.user_id, s.points, s.reached_at
            FROM leaderboard_scores s WHERE ${inScope("s", scope)})
    SELECT DISTINCT coalesce(x.user_id, a.user_id) AS user_id
      FROM x FULL JOIN a ON a.period_kind = x.period_kind AND a.period_start = x.period_start
                        AND a.user_id = x.user_id
     WHERE x.user_id IS NULL OR a.user_id IS NULL OR a.points <> x.points
        OR a.reached_at <> x.reached_at`;
}

/**
 * Rewrites the rollups of `users` (null: everyone) from the ledger: upserted
 * where they differ, deleted where the ledger has nothing. Run it with those
 * users' rows locked (`FOR UPDATE`), or the whole table for everyone: an
 * earning locks its user's row first, so none is lost or counted twice.
 * Returns the number of rows changed.
 */
export function repairRollupsQuery(
  timeZone: string,
  scope: PeriodKey[] | null,
  users: string[] | null,
): SQL {
  return sql`WITH expected AS MATERIALIZED (${expected(timeZone, scope, users)}),
    upserted AS (
      INSERT INTO leaderboard_scores AS s
             (period_kind, period_start, user_id, tier_code, points, reached_at, hidden)
      SELECT x.period_kind, x.period_start, x.user_id, p.tier_code, x.points, x.reached_at, ${HIDDEN}
        FROM expected x JOIN users u ON u.id = x.user_id JOIN profiles p ON p.user_id = x.user_id
      ON CONFLICT (period_kind, period_start, user_id) DO UPDATE
         SET points = excluded.points, reached_at = excluded.reached_at
       WHERE s.points <> excluded.points OR s.reached_at <> excluded.reached_at
      RETURNING 1),
    deleted AS (
      DELETE FROM leaderboard_scores s
       WHERE ${inScope("s", scope)} AND ${
    users ? sql`s.user_id = ANY(${uuids(users)})` : sql`true`
  } AND NOT EXISTS (
         SELECT 1 FROM expected x WHERE x.period_kind = s.period_kind
            AND x.period_start = s.period_start AND x.user_id = s.user_id)
      RETURNING 1)
    SELECT (SELECT count(*) FROM upserted)::int + (SELECT count(*) FROM deleted)::int AS changed`;
}

/** Sets `hidden` from each user's current status and deletion; returns rows changed. */
export function syncHiddenQuery(userId: string | null): SQL {
  return sql`UPDATE leaderboard_scores s SET hidden = ${HIDDEN} FROM users u
    WHERE u.id = s.user_id ${userId ? sql`AND s.user_id = ${userId}::uuid` : sql``}
      AND s.hidden <> ${HIDDEN} RETURNING 1`;
}

/** Profiles whose stored bracket differs from the bracket their age gives on `today`. */
export function staleBracketsQuery(today: string): SQL {
  return sql`SELECT user_id, date_of_birth::text AS date_of_birth FROM (
      SELECT p.user_id, p.date_of_birth, p.age_bracket,
             extract(year FROM age(${today}::date, p.date_of_birth))::int AS age
        FROM profiles p JOIN users u ON u.id = p.user_id WHERE u.deleted_at IS NULL) a
    WHERE a.age >= 18 AND a.age_bracket <> CASE WHEN a.age >= 60 THEN '60+'
      WHEN a.age >= 50 THEN '50-59' WHEN a.age >= 40 THEN '40-49'
      WHEN a.age >= 30 THEN '30-39' ELSE '18-29' END`;
}
