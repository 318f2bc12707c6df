/**
 * Executing a closed drawing with fitdraw-v1, at most once: under the drawing's
 * row lock, the result row (primary key = drawing id) is the exactly-once fact,
 * written in the same transaction as the winners, their fulfillments, the
 * mails and the status `completed`.
 *
 * @module
 */
import { DomainError, notFound } from "../errors.ts";
import type { CoreDeps, Repositories } from "../ports.ts";
import {
  type Beacon,
  buildProof,
  fromHex,
  leafHashes,
  merkleRoot,
  type Proof,
  toHex,
} from "./draw/mod.ts";
import { fetchVerifiedBeacon } from "./fetch_beacon.ts";
import { loadLeaves } from "./_draw_inputs.ts";
import { resultsMail } from "./mails.ts";
import type { Drawing } from "./schemas.ts";
import { awardPrize } from "../fulfillment/award_prize.ts";
import { freeze } from "./transition_drawing.ts";

/** How many alternates a drawing lists: one per prize slot, and at least three. */
export function alternateCount(drawing: Drawing): number {
  return Math.max(3, drawing.prizes.reduce((n, p) => n + p.quantity, 0));
}

export interface ExecutionSummary {
  drawing_id: string;
  ticket_count: number;
  winners: number;
  merkle_root: string;
  key: string;
}

async function runDraw(
  tx: Repositories,
  deps: CoreDeps,
  drawing: Drawing,
  actorId: string | null,
  beacon: Beacon | null,
): Promise<ExecutionSummary> {
  if (drawing.beacon_round && beacon?.round !== drawing.beacon_round) {
    throw new DomainError("invalid_state", `Drawing ${drawing.id} needs its pinned beacon round.`);
  }
  const secrets = await tx.drawings.secrets(drawing.id);
  if (!secrets?.seed_secret || !secrets.pseudonym_key || !drawing.merkle_root) {
    throw new DomainError(
      "invalid_state",
      `Drawing ${drawing.id} has no commitment or frozen list.`,
    );
  }
  const { leaves, owners } = await loadLeaves(tx, drawing.id, secrets.pseudonym_key);
  const hashes = leafHashes(leaves);
  if (toHex(merkleRoot(hashes)) !== drawing.merkle_root) {
    // The list frozen at close changed afterwards: refuse rather than draw over it.
    throw new Error(`Drawing ${drawing.id}: the ticket list no longer matches the frozen root`);
  }
  const proof: Proof = buildProof({
    drawingId: drawing.id,
    seed: fromHex(secrets.seed_secret),
    leaves,
    prizes: drawing.prizes.map((p) => ({ rank: p.rank, quantity: p.quantity })),
    perUserCap: drawing.per_user_cap,
    alternates: alternateCount(drawing),
    beacon,
  }, hashes);
  if (!await tx.drawings.insertResult(drawing.id, proof, actorId)) {
    throw new DomainError("invalid_state", `Drawing ${drawing.id} was already executed.`);
  }
  const now = deps.clock.now();
  const winners = proof.candidates.filter((c) => c.outcome === "won");
  for (const c of winners) {
    await awardPrize(tx, deps, {
      drawing,
      prize: drawing.prizes.find((p) => p.rank === c.prize_rank)!,
      ticketId: c.ticket_id,
      ticketNumber: c.ticket_number,
      userId: owners[c.ticket_number - 1],
      position: c.position,
      now,
    });
  }
  const winnerIds = new Set(winners.map((c) => owners[c.ticket_number - 1]));
  for (const holder of await tx.tickets.holders(drawing.id)) {
    if (winnerIds.has(holder.user_id)) continue;
    await tx.outbox.enqueue(resultsMail(holder.email, drawing.name, drawing.id, deps.auth.appUrl));
  }
  await tx.drawings.update(drawing.id, {
    status: "completed",
    completed_at: now,
    winner_selected_at: now,
    random_seed: secrets.seed_secret,
  });
  await tx.audit.record({
    actor_id: actorId,
    action: "drawing.execute",
    entity_type: "drawing",
    entity_id: drawing.id,
    details: { ticket_count: leaves.length, winners: winners.length, key: proof.key },
  });
  return {
    drawing_id: drawing.id,
    ticket_count: leaves.length,
    winners: winners.length,
    merkle_root: proof.merkle_root,
    key: proof.key,
  };
}

/**
 * Executes drawing `id`. Throws 404, or 409 when it is not closed (before
 * close, cancelled) or was already executed — so concurrent calls yield one result.
 * A drawing with a pinned beacon round first fetches and verifies that round
 * (outside the transaction: no row lock is held across the network); a round
 * that cannot be fetched or does not verify is a 503 and the drawing stays
 * closed, to be retried.
 */
export async function executeDrawing(
  deps: CoreDeps,
  id: string,
  options: { actorId?: string | null } = {},
): Promise<ExecutionSummary> {
  const before = await deps.store.drawings.findById(id);
  const beacon = before?.status === "closed" && before.beacon_round
    ? await fetchVerifiedBeacon(deps, before)
    : null;
  const summary = await deps.store.transaction(async (tx) => {
    const drawing = await tx.drawings.lock(id);
    if (!drawing) throw notFound("Drawing", id);
    if (drawing.status === "completed") {
      throw new DomainError("invalid_state", `Drawing ${id} was already executed.`);
    }
    if (drawing.status !== "closed") {
      throw new DomainError(
        "invalid_state",
        `Only a closed drawing can be executed; drawing ${id} is ${drawing.status}.`,
      );
    }
    if (!drawing.merkle_root) {
      // Closed without a freeze (demo data written straight to the table): freeze now.
      await tx.drawings.update(id, await freeze(tx, drawing, deps.clock.now()));
      const frozen = (await tx.drawings.findById(id))!;
      return await runDraw(tx, deps, frozen, options.actorId ?? null, beacon);
    }
    return await runDraw(tx, deps, drawing, options.actorId ?? null, beacon);
  });
  if (before) deps.telemetry?.drawingExecuted(before.drawing_type);
  return summary;
}
