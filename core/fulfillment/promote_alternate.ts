/**
 * After a forfeit, the prize passes to the next alternate of the published
 * draw order — fixed by the proof, so nobody chooses who replaces whom. The
 * proof records the forfeit, and replaying it (as any verifier does) yields
 * the same new winner.
 *
 * @module
 */
import type { CoreDeps, Repositories } from "../ports.ts";
import { fromHex, ProofSchema, selectWinners } from "../drawings/draw/mod.ts";
import { awardPrize } from "./award_prize.ts";
import type { Fulfillment } from "./schemas.ts";

/** Records the forfeit of `lost` in the proof and awards its prize to the alternate, if any. */
export async function promoteAlternate(
  tx: Repositories,
  deps: CoreDeps,
  lost: Fulfillment,
  reason: string,
  now: Date,
): Promise<Fulfillment | null> {
  await tx.tickets.markWinner(lost.ticket_id, null);
  if (!lost.drawing_id || lost.candidate_position === null) return null;
  const drawing = await tx.drawings.lock(lost.drawing_id);
  const stored = await tx.drawings.result(lost.drawing_id);
  if (!drawing || !stored) return null;
  const proof = ProofSchema.parse(stored.proof);
  const forfeits = [...proof.forfeits, {
    position: lost.candidate_position,
    reason,
    at: now.toISOString(),
  }];
  const byNumber = new Map(proof.candidates.map((c) => [c.ticket_number, c]));
  const picks = selectWinners({
    key: fromHex(proof.key),
    ticketCount: proof.ticket_count,
    pseudonymOf: (n) => byNumber.get(n)!.pseudonym,
    prizes: proof.prizes,
    perUserCap: proof.per_user_cap,
    alternates: proof.alternate_count,
    forfeits: forfeits.map((f) => f.position),
  });
  const candidates = proof.candidates.map((c, i) => ({
    ...c,
    outcome: picks[i].outcome,
    prize_rank: picks[i].prize_rank,
  }));
  await tx.drawings.updateResult(drawing.id, { ...proof, forfeits, candidates });
  const promoted = candidates.find((c, i) =>
    c.outcome === "won" && proof.candidates[i].outcome === "alternate"
  );
  if (!promoted) return null;
  const userId = await tx.tickets.ownerOf(promoted.ticket_id);
  return await awardPrize(tx, deps, {
    drawing,
    prize: drawing.prizes.find((p) => p.rank === promoted.prize_rank)!,
    ticketId: promoted.ticket_id,
    ticketNumber: promoted.ticket_number,
    userId: userId!,
    position: promoted.position,
    now,
  });
}
