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
  list(query: ListQuery<PointSort, PointFilter>): Promise<Page<PointTransaction>>;
  balance(userId: string): Promise<Balance | null>;
}
