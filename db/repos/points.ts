import { and, eq, type SQL, sql, sum } from "drizzle-orm";
import type { ListQuery, Page } from "../../core/pagination.ts";
import type { LeaderboardRepo } from "../../core/leaderboards/repo.ts";
import type { LedgerEntry, PointRepo } from "../../core/points/repo.ts";
import type {
  Balance,
  PointFilter,
  PointSort,
  PointTransaction,
} from "../../core/points/schemas.ts";
import type { Orm } from "../client.ts";
import { pointTransactions, users } from "../schema/mod.ts";
import { iso, orderBy, pageFrom } from "./_list.ts";

type Row = typeof pointTransactions.$inferSelect;

export function toTransaction(row: Row): PointTransaction {
  return {
    id: row.id,
    user_id: row.userId,
    transaction_type: row.transactionType,
    amount: row.amount,
    balance_after: row.balanceAfter,
    reference_type: row.referenceType,
    reference_id: row.referenceId,
    description: row.description,
    created_at: iso(row.createdAt)!,
  };
}

/** The ledger row as raw SQL returns it (snake_case; created_at a Date or a string). */
export interface LedgerRow {
  id: string;
  user_id: string;
  transaction_type: Row["transactionType"];
  amount: number | string;
  balance_after: number | string;
  reference_type: string | null;
  reference_id: string | null;
  description: string;
  created_at: Date | string;
}

/**
 * The two CTEs of one ledger entry, `balance_move` and `ledger_row`, for a
 * `WITH` list: a conditional UPDATE moves the balance (concurrent spenders
 * serialize on the user row, and a spend that would go negative matches no
 * row) and the ledger row is inserted from its result, in one statement.
 * `guard` (a boolean SQL) must also hold for anything to be written; an
 * uncorrelated guard is evaluated before the user row is locked.
 */
export function ledgerCtes(entry: LedgerEntry, guard: SQL = sql`true`): SQL {
  const earned = entry.transaction_type === "earn" ? entry.amount : 0;
  return sql`balance_move AS (
      UPDATE users SET point_balance = point_balance + ${entry.amount}::int,
             points_earned_total = points_earned_total + ${earned}::int, updated_at = now()
       WHERE id = ${entry.user_id}::uuid AND point_balance + ${entry.amount}::int >= 0
         AND ${guard}
      RETURNING id, point_balance),
    ledger_row AS (
      INSERT INTO point_transactions (user_id, transaction_type, amount, balance_after,
                                      reference_type, reference_id, description)
      SELECT m.id, ${entry.transaction_type}, ${entry.amount}::int, m.point_balance,
             ${entry.reference_type ?? null}::text, ${entry.reference_id ?? null}::uuid,
             ${entry.description}::text
        FROM balance_move m
      RETURNING id, user_id, transaction_type, amount, balance_after, reference_type,
                reference_id, description, created_at)`;
}

/**
 * Earn entries in one statement: each user's balance moves once by the sum of
 * their entries (the user rows are locked first, in id order, as batched
 * purchases lock theirs, so the two can never deadlock), and the
 * rows are inserted in entry order, each with the balance right after it. The
 * rows are sorted in a materialized CTE and inserted straight from it, so the
 * created_at default (clock_timestamp()) is evaluated row by row in that order
 * (an ORDER BY on the INSERT's own SELECT would evaluate it before sorting).
 */
function earningsStatement(entries: LedgerEntry[]): SQL {
  const input = JSON.stringify(entries.map((e, ord) => ({
    ord,
    user_id: e.user_id,
    amount: e.amount,
    reference_type: e.reference_type ?? null,
    reference_id: e.reference_id ?? null,
    description: e.description,
  })));
  return sql`WITH entry AS (
      SELECT * FROM jsonb_to_recordset(${input}::jsonb) AS e(ord int, user_id uuid, amount int,
             reference_type text, reference_id uuid, description text)),
    total AS (SELECT user_id, sum(amount)::int AS amount FROM entry GROUP BY user_id),
    locked AS MATERIALIZED (
      SELECT id FROM users WHERE id IN (SELECT user_id FROM total) ORDER BY id FOR NO KEY UPDATE),
    balance_move AS (
      UPDATE users u SET point_balance = u.point_balance + t.amount,
             points_earned_total = u.points_earned_total + t.amount, updated_at = now()
        FROM total t WHERE u.id = t.user_id AND u.id IN (SELECT id FROM locked)
      RETURNING u.id, u.point_balance),
    ledger AS MATERIALIZED (
      SELECT e.user_id, e.amount, e.reference_type, e.reference_id, e.description,
             m.point_balance - t.amount +
               sum(e.amount) OVER (PARTITION BY e.user_id ORDER BY e.ord) AS balance_after
        FROM entry e JOIN balance_move m ON m.id = e.user_id JOIN total t ON t.user_id = e.user_id
       ORDER BY e.ord)
    INSERT INTO point_transactions (user_id, transaction_type, amount, balance_after,
                                    reference_type, reference_id, description)
    SELECT user_id, 'earn', amount, balance_after, reference_type, reference_id, description
      FROM ledger
    RETURNING id, user_id, transaction_type, amount, balance_after, reference_type,
              reference_id, description, created_at`;
}

/** A ledger row from raw SQL or JSON as the API's transaction. */
export function ledgerTransaction(row: LedgerRow): PointTransaction {
  return {
    id: row.id,
    user_id: row.user_id,
    transaction_type: row.transaction_type,
    amount: Number(row.amount),
    balance_after: Number(row.balance_after),
    reference_type: row.reference_type,
    reference_id: row.reference_id,
    description: row.description,
    created_at: iso(row.created_at)!,
  };
}

/** postgres-js answers an array, PGlite an object with `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? result as T[] : ((result as { rows?: T[] }).rows ?? []);
}

const SORT_COLUMNS = { created_at: pointTransactions.createdAt, amount: pointTransactions.amount };

export class DrizzlePointRepo implements PointRepo {
  constructor(
    private readonly orm: Orm,
    /** Earn entries feed the leaderboard rollups in the same transaction. */
    private readonly leaderboards?: Pick<LeaderboardRepo, "recordEarning" | "recordEarnings">,
  ) {}

  async append(entry: LedgerEntry): Promise<PointTransaction | null> {
    // One statement (one round trip): a conditional UPDATE moves the balance, so
    // concurrent spenders serialize on the user row and a spend that would go
    // negative matches no row, and the ledger row is inserted from its result.
    const result = await this.orm.execute(
      sql`WITH ${ledgerCtes(entry)} SELECT * FROM ledger_row`,
    );
    const [row] = rowsOf<LedgerRow>(result);
    if (!row) return null;
    if (entry.transaction_type === "earn") {
      await this.leaderboards?.recordEarning({
        userId: entry.user_id,
        amount: entry.amount,
        at: new Date(row.created_at),
      });
    }
    return ledgerTransaction(row);
  }

  async appendEarnings(entries: LedgerEntry[]): Promise<PointTransaction[]> {
    if (entries.length === 0) return [];
    if (entries.some((e) => e.transaction_type !== "earn" || !(e.amount > 0))) {
      throw new RangeError("Cannot append earnings: every entry must earn a positive amount");
    }
    const rows = rowsOf<LedgerRow>(await this.orm.execute(earningsStatement(entries)));
    const posted = rows.map(ledgerTransaction);
    await this.leaderboards?.recordEarnings(
      posted.map((p) => ({ userId: p.user_id, amount: p.amount, at: new Date(p.created_at) })),
    );
    return posted;
  }

  list(query: ListQuery<PointSort, PointFilter>): Promise<Page<PointTransaction>> {
    const f = query.filters;
    const where = and(
      f.user_id ? eq(pointTransactions.userId, f.user_id) : undefined,
      f.transaction_type
        ? eq(pointTransactions.transactionType, f.transaction_type as Row["transactionType"])
        : undefined,
      f.reference_type ? eq(pointTransactions.referenceType, f.reference_type) : undefined,
    );
    const order = orderBy(query, SORT_COLUMNS, pointTransactions.id);
    return pageFrom({
      orm: this.orm,
      table: pointTransactions,
      where,
      order,
      query,
      rows: (limit, offset) =>
        this.orm.select().from(pointTransactions).where(where).orderBy(...order).limit(limit)
          .offset(offset),
      map: toTransaction,
    });
  }

  async balance(userId: string): Promise<Balance | null> {
    const [user] = await this.orm.select({
      balance: users.pointBalance,
      earned: users.pointsEarnedTotal,
    }).from(users).where(eq(users.id, userId));
    if (!user) return null;
    const [{ total }] = await this.orm.select({ total: sum(pointTransactions.amount) })
      .from(pointTransactions).where(eq(pointTransactions.userId, userId));
    const ledgerSum = Number(total ?? 0);
    return {
      user_id: userId,
      point_balance: user.balance,
      points_earned_total: user.earned,
      ledger_sum: ledgerSum,
      consistent: ledgerSum === user.balance,
    };
  }
}
