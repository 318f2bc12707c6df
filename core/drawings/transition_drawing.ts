/**
 * Status moves and what each one does besides the status: scheduling publishes
 * the fitdraw-v1 commitment, closing freezes the ticket list (Merkle root),
 * cancelling refunds every ticket's points with a note. The admin PUT, the
 * advance job and the CLI all come through here.
 *
 * @module
 */
import { DomainError, notFound } from "../errors.ts";
import type { CoreDeps, RandomSource, Repositories } from "../ports.ts";
import { leafHashes, merkleRoot, pinnedRound, toHex } from "./draw/mod.ts";
import { assertTransition } from "./lifecycle.ts";
import { loadLeaves, newCommitment, webCryptoRandom } from "./_draw_inputs.ts";
import { cancelledMail } from "./mails.ts";
import type { DrawingPatch } from "./repo.ts";
import type { Drawing, DrawingStatus } from "./schemas.ts";

/**
 * The close-time freeze: Merkle root and count of the ticket list (and the
 * commitment first, for a drawing that never went through scheduling).
 */
export async function freeze(
  tx: Repositories,
  drawing: Drawing,
  now: Date,
  random: RandomSource = webCryptoRandom,
): Promise<DrawingPatch> {
  // Demo data can reach "open" without passing through scheduling: commit now,
  // still before any randomness is known.
  const secrets = await tx.drawings.secrets(drawing.id);
  const patch: DrawingPatch = secrets?.pseudonym_key && drawing.commitment
    ? {}
    : { ...newCommitment(random), ...beaconPin(drawing, now) };
  const key = patch.pseudonym_key ?? secrets!.pseudonym_key!;
  const { leaves } = await loadLeaves(tx, drawing.id, key);
  return {
    ...patch,
    merkle_root: toHex(merkleRoot(leafHashes(leaves))),
    frozen_ticket_count: leaves.length,
    closed_at: now,
  };
}

/**
 * The beacon round a drawing commits to with its seed: the quicknet round
 * shortly after sales close (or after `now`, when committing late at close).
 */
function beaconPin(drawing: Drawing, now: Date): DrawingPatch {
  if (!drawing.use_beacon || drawing.beacon_round) return {};
  const close = Math.max(Date.parse(drawing.ticket_sales_close), now.getTime());
  return { beacon_round: pinnedRound(new Date(close)) };
}

async function refundAll(tx: Repositories, drawing: Drawing, actorId: string | null) {
  const spent = await tx.tickets.spentOn(drawing.id);
  const emails = new Map((await tx.tickets.holders(drawing.id)).map((h) => [h.user_id, h.email]));
  for (const { user_id, points } of spent) {
    await tx.points.append({
      user_id,
      transaction_type: "refund",
      amount: points,
      reference_type: "drawing",
      reference_id: drawing.id,
      description: `Refund: drawing "${drawing.name}" was cancelled`,
    });
    const to = emails.get(user_id);
    if (to) await tx.outbox.enqueue(cancelledMail(to, drawing.name, points));
  }
  await tx.audit.record({
    actor_id: actorId,
    action: "drawing.refund",
    entity_type: "drawing",
    entity_id: drawing.id,
    details: { users: spent.length, points: spent.reduce((s, r) => s + r.points, 0) },
  });
}

/**
 * Locks the drawing, checks `to` against its current status, and performs the
 * move's side effects; returns the extra fields the status update must write.
 */
export async function transitionEffects(
  tx: Repositories,
  id: string,
  to: DrawingStatus,
  context: {
    now: Date;
    actorId: string | null;
    random?: RandomSource;
    /** Whether DRAND_URL is set: a beacon drawing cannot be scheduled without it. */
    beaconAvailable?: boolean;
  },
): Promise<DrawingPatch> {
  const drawing = await tx.drawings.lock(id);
  if (!drawing) throw notFound("Drawing", id);
  assertTransition(drawing.status, to);
  if (to === "completed") {
    throw new DomainError("invalid_state", "A drawing is completed only by executing it.");
  }
  const random = context.random ?? webCryptoRandom;
  if (to === "scheduled") {
    if (drawing.use_beacon && !context.beaconAvailable) {
      throw new DomainError(
        "invalid_state",
        "This drawing uses the drand beacon, but DRAND_URL is not set; set it or turn use_beacon off.",
        { errors: [{ field: "use_beacon", message: "needs DRAND_URL to be set" }] },
      );
    }
    return drawing.commitment
      ? {}
      : { ...newCommitment(random), ...beaconPin(drawing, context.now) };
  }
  if (to === "closed") return await freeze(tx, drawing, context.now, random);
  if (to === "cancelled") {
    await refundAll(tx, drawing, context.actorId);
    return { cancelled_at: context.now };
  }
  return {};
}

/**
 * Moves drawing `id` to `to` (any legal move but completed) with its side effects.
 *
 * @example await transitionDrawing(deps, id, "scheduled", { actorId: admin.id })
 */
export async function transitionDrawing(
  deps: CoreDeps,
  id: string,
  to: DrawingStatus,
  options: { actorId?: string | null; random?: RandomSource; now?: Date } = {},
): Promise<Drawing> {
  const actorId = options.actorId ?? null;
  return await deps.store.transaction(async (tx) => {
    const now = options.now ?? deps.clock.now();
    const extra = await transitionEffects(tx, id, to, {
      now,
      actorId,
      random: options.random,
      beaconAvailable: Boolean(deps.beacon),
    });
    const updated = await tx.drawings.update(id, { ...extra, status: to });
    await tx.audit.record({
      actor_id: actorId,
      action: `drawing.${to}`,
      entity_type: "drawing",
      entity_id: id,
      details: { status: to },
    });
    return updated!;
  });
}
