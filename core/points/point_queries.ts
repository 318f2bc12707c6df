import { notFound } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import type { ListQuery, Page } from "../pagination.ts";
import type { Balance, PointFilter, PointSort, PointTransaction } from "./schemas.ts";

export async function listPointTransactions(
  deps: CoreDeps,
  query: ListQuery<PointSort, PointFilter>,
): Promise<Page<PointTransaction>> {
  return await deps.store.points.list(query);
}

/** The user's balance, checked against the sum of their ledger. */
export async function getBalance(deps: CoreDeps, userId: string): Promise<Balance> {
  const balance = await deps.store.points.balance(userId);
  if (!balance) throw notFound("User", userId);
  return balance;
}
