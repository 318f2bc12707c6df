import { DomainError, notFound } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import type { LedgerEntry } from "./repo.ts";
import type { PointTransaction } from "./schemas.ts";

/**
 * Appends a ledger entry and moves the balance atomically. Spending more than
 * the balance is refused and changes nothing.
 */
export async function postLedgerEntry(
  deps: CoreDeps,
  entry: LedgerEntry,
  actorId: string | null = null,
): Promise<PointTransaction> {
  const posted = await deps.store.transaction(async (tx) => {
    if (!await tx.users.findById(entry.user_id)) throw notFound("User", entry.user_id);
    const posted = await tx.points.append(entry);
    if (!posted) {
      throw new DomainError("insufficient_points", "The balance is too low for this change.");
    }
    await tx.audit.record({
      actor_id: actorId,
      action: `points.${entry.transaction_type}`,
      entity_type: "point_transaction",
      entity_id: posted.id,
      details: { amount: entry.amount, user_id: entry.user_id },
    });
    return posted;
  });
  if (posted.transaction_type === "earn") deps.telemetry?.pointsEarned(posted.amount);
  return posted;
}
