import { and, eq, gte, sql, sum } from "drizzle-orm";
import type { ListQuery, Page } from "../../core/pagination.ts";
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

const SORT_COLUMNS = { created_at: pointTransactions.createdAt, amount: pointTransactions.amount };

export class DrizzlePointRepo implements PointRepo {
  constructor(private readonly orm: Orm) {}

  async append(entry: LedgerEntry): Promise<PointTransaction | null> {
    // One conditional UPDATE moves the balance: concurrent spenders serialize on
    // the user row, and a spend that would go negative matches no row.
    const earned = entry.transaction_type === "earn" ? entry.amount : 0;
    const [user] = await this.orm.update(users).set({
      pointBalance: sql`${users.pointBalance} + ${entry.amount}`,
      pointsEarnedTotal: sql`${users.pointsEarnedTotal} + ${earned}`,
      updatedAt: sql`now()`,
    }).where(and(eq(users.id, entry.user_id), gte(sql`${users.pointBalance} + ${entry.amount}`, 0)))
      .returning({ balance: users.pointBalance });
    if (!user) return null;
    const [row] = await this.orm.insert(pointTransactions).values({
      userId: entry.user_id,
      transactionType: entry.transaction_type,
      amount: entry.amount,
      balanceAfter: user.balance,
      referenceType: entry.reference_type ?? null,
      referenceId: entry.reference_id ?? null,
      description: entry.description,
    }).returning();
    return toTransaction(row);
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
