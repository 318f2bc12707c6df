import { sql } from "drizzle-orm";
import type { ReportRepo } from "../../core/reports/repo.ts";
import type { IntegrityCheck, Summary } from "../../core/reports/schemas.ts";
import type { Database } from "../client.ts";
import type { Orm } from "../client.ts";

const ENTITY_TABLES = [
  "users",
  "profiles",
  "tracker_connections",
  "activities",
  "point_transactions",
  "drawings",
  "prizes",
  "tickets",
  "prize_fulfillments",
  "sponsors",
] as const;

/** Each check is a query counting violating rows; zero means it passes. */
const INTEGRITY_CHECKS: { name: string; description: string; query: string }[] = [
  {
    name: "balance_matches_ledger",
    description: "Every user's point_balance equals the sum of their ledger entries",
    query: `SELECT count(*) AS n FROM users u LEFT JOIN (SELECT user_id, sum(amount) AS s
      FROM point_transactions GROUP BY user_id) l ON l.user_id = u.id
      WHERE u.point_balance <> coalesce(l.s, 0)`,
  },
  {
    name: "ledger_running_balance",
    description: "Each user's latest ledger entry's balance_after equals their balance",
    query: `SELECT count(*) AS n FROM users u JOIN LATERAL (SELECT balance_after FROM
      point_transactions t WHERE t.user_id = u.id ORDER BY created_at DESC, id DESC LIMIT 1) last
      ON true WHERE last.balance_after <> u.point_balance`,
  },
  {
    name: "users_without_profile",
    description: "Every user has a profile",
    query: `SELECT count(*) AS n FROM users u WHERE NOT EXISTS
      (SELECT 1 FROM profiles p WHERE p.user_id = u.id)`,
  },
  {
    name: "drawing_ticket_counts",
    description: "Each drawing's total_tickets equals its ticket rows",
    query: `SELECT count(*) AS n FROM drawings d WHERE d.total_tickets <>
      (SELECT count(*) FROM tickets t WHERE t.drawing_id = d.id)`,
  },
  {
    name: "orphan_tickets",
    description: "Every ticket belongs to an existing drawing and user",
    query: `SELECT count(*) AS n FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM drawings d
      WHERE d.id = t.drawing_id) OR NOT EXISTS (SELECT 1 FROM users u WHERE u.id = t.user_id)`,
  },
  {
    name: "orphan_activities",
    description: "Every activity belongs to an existing user",
    query: `SELECT count(*) AS n FROM activities a WHERE NOT EXISTS
      (SELECT 1 FROM users u WHERE u.id = a.user_id)`,
  },
  {
    name: "winners_have_fulfillment",
    description: "Every winning ticket of a completed drawing has a fulfillment",
    query: `SELECT count(*) AS n FROM tickets t JOIN drawings d ON d.id = t.drawing_id
      WHERE t.is_winner AND d.status = 'completed' AND NOT EXISTS
      (SELECT 1 FROM prize_fulfillments f WHERE f.ticket_id = t.id)`,
  },
  {
    name: "completed_drawings_have_winners",
    description: "Every completed drawing with tickets has at least one winner",
    query:
      `SELECT count(*) AS n FROM drawings d WHERE d.status = 'completed' AND d.total_tickets > 0
      AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.drawing_id = d.id AND t.is_winner)`,
  },
  {
    name: "one_primary_connection",
    description: "No user has more than one primary tracker connection",
    query: `SELECT count(*) AS n FROM (SELECT user_id FROM tracker_connections WHERE is_primary
      AND deleted_at IS NULL GROUP BY user_id HAVING count(*) > 1) x`,
  },
];

function grouped(rows: { k: string; n: number | string }[]): Record<string, number> {
  return Object.fromEntries(rows.map((r) => [r.k, Number(r.n)]));
}

export class SqlReportRepo implements ReportRepo {
  constructor(private readonly db: Database, private readonly orm: Orm) {}

  #rows<T>(text: string): Promise<T[]> {
    return this.db.rows<T>(sql.raw(text), this.orm);
  }

  async #groups(table: string, column: string, where = "true"): Promise<Record<string, number>> {
    return grouped(
      await this.#rows(
        `SELECT ${column} AS k, count(*) AS n FROM ${table} WHERE ${where} GROUP BY 1`,
      ),
    );
  }

  async #count(text: string): Promise<number> {
    const [row] = await this.#rows<{ n: number | string }>(text);
    return Number(row?.n ?? 0);
  }

  async summary(now: Date): Promise<Omit<Summary, "generated_at" | "integrity">> {
    const counts = await this.#rows<{ k: string; n: string | number }>(
      ENTITY_TABLES.map((t) => `SELECT '${t}' AS k, count(*) AS n FROM ${t}`).join(" UNION ALL "),
    );
    const entities = grouped(counts);
    const at = `'${now.toISOString()}'::timestamptz`;
    return {
      totals: {
        users: await this.#count("SELECT count(*) AS n FROM users WHERE deleted_at IS NULL"),
        activities: entities.activities,
        drawings: await this.#count("SELECT count(*) AS n FROM drawings WHERE deleted_at IS NULL"),
        tickets: entities.tickets,
      },
      entities,
      breakdowns: {
        users_by_role: await this.#groups("users", "role", "deleted_at IS NULL"),
        users_by_status: await this.#groups("users", "status", "deleted_at IS NULL"),
        activities_by_type: await this.#groups("activities", "activity_type"),
        transactions_by_type: await this.#groups("point_transactions", "transaction_type"),
        drawings_by_status: await this.#groups("drawings", "status", "deleted_at IS NULL"),
        fulfillments_by_status: await this.#groups("prize_fulfillments", "status"),
        connections_by_provider: await this.#groups(
          "tracker_connections",
          "provider",
          "deleted_at IS NULL",
        ),
      },
      workflows: {
        registrations_last_7_days: await this.#count(
          `SELECT count(*) AS n FROM users WHERE created_at > ${at} - interval '7 days'`,
        ),
        syncs_last_24_hours: await this.#count(
          `SELECT count(*) AS n FROM tracker_connections WHERE last_sync_at > ${at} - interval '1 day'`,
        ),
        ticket_purchases_last_7_days: await this.#count(
          `SELECT count(*) AS n FROM point_transactions WHERE transaction_type = 'spend'
           AND reference_type = 'drawing' AND created_at > ${at} - interval '7 days'`,
        ),
        drawings_completed: await this.#count(
          "SELECT count(*) AS n FROM drawings WHERE status = 'completed'",
        ),
        points_in_circulation: await this.#count(
          "SELECT coalesce(sum(point_balance), 0) AS n FROM users WHERE deleted_at IS NULL",
        ),
      },
    };
  }

  async integrity(): Promise<IntegrityCheck[]> {
    const out: IntegrityCheck[] = [];
    for (const check of INTEGRITY_CHECKS) {
      const violations = await this.#count(check.query);
      out.push({
        name: check.name,
        description: check.description,
        violations,
        passed: violations === 0,
      });
    }
    return out;
  }
}
