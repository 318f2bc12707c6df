import type { ListQuery, Page } from "../pagination.ts";
import type {
  Balance,
  PointFilter,
  PointSort,
  PointTransaction,
  TransactionType,
} from "./schemas.ts";

export interface LedgerEntry {
  user_id: string;
  transaction_type: TransactionType;
  amount: number;
  reference_type?: string | null;
  reference_id?: string | null;
  description: string;
}

export interface PointRepo {
  /**
   * Appends one entry and moves the user's balance in the same statement pair;
   * returns null (and writes nothing) when the balance would go below zero.
   * Must run inside a transaction.
   */
  append(entry: LedgerEntry): Promise<PointTransaction | null>;
  /**
   * Appends earn entries (amount > 0) in one statement, in the given order:
   * each user's balance moves once by the sum of their entries, and each row's
   * balance_after is the balance right after it, as if appended one by one.
   * Returns the rows written (none for a user that does not exist); the
   * leaderboard rollups follow in the same transaction. Must run inside one.
   */
  appendEarnings(entries: LedgerEntry[]): Promise<PointTransaction[]>;
  list(query: ListQuery<PointSort, PointFilter>): Promise<Page<PointTransaction>>;
  balance(userId: string): Promise<Balance | null>;
}
