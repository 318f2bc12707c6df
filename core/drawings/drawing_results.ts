/**
 * What a drawing publishes: results (winners by display name, ticket numbers,
 * prizes, whether the caller won), the fitdraw-v1 proof, the leaf list anyone
 * can rebuild the Merkle root from, and a caller's inclusion proofs.
 *
 * @module
 */
import { z } from "zod";
import { DomainError, notFound } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import { inclusionProof, leafHashes, type ProofLeaf, toHex } from "./draw/mod.ts";
import { loadLeaves } from "./_draw_inputs.ts";
import { getDrawing } from "./drawing_operations.ts";

export const DrawingResultsSchema = z.object({
  drawing_id: z.uuid(),
  name: z.string(),
  status: z.string(),
  total_tickets: z.number().int(),
  completed_at: z.string().nullable(),
  winners: z.array(z.object({
    prize_rank: z.number().int(),
    prize_name: z.string(),
    prize_value_usd: z.number(),
    fulfillment_type: z.enum(["digital", "physical"]),
    ticket_number: z.number().int(),
    display_name: z.string(),
    fulfillment_status: z.string().nullable(),
  })),
  you_won: z.boolean(),
  your_tickets: z.number().int(),
  your_prizes: z.array(z.object({
    prize_name: z.string(),
    ticket_number: z.number().int(),
    fulfillment_id: z.uuid().nullable(),
    fulfillment_status: z.string().nullable(),
  })),
  /** Whether a fitdraw-v1 proof exists (GET .../proof). */
  verifiable: z.boolean(),
});
export type DrawingResults = z.infer<typeof DrawingResultsSchema>;

/** Results of a completed drawing; 409 before completion. */
export async function getResults(
  deps: CoreDeps,
  drawingId: string,
  callerId: string,
): Promise<DrawingResults> {
  const drawing = await getDrawing(deps, drawingId);
  if (drawing.status !== "completed") {
    throw new DomainError(
      "invalid_state",
      `Drawing ${drawingId} has no results yet; it is ${drawing.status}.`,
    );
  }
  const store = deps.store;
  const [winners, mine, result] = await Promise.all([
    store.tickets.winners(drawingId),
    store.tickets.count(drawingId, callerId),
    store.drawings.result(drawingId),
  ]);
  const yours = winners.filter((w) => w.user_id === callerId);
  return {
    drawing_id: drawing.id,
    name: drawing.name,
    status: drawing.status,
    total_tickets: drawing.total_tickets,
    completed_at: drawing.completed_at,
    winners: winners.map((w) => ({
      prize_rank: w.prize_rank,
      prize_name: w.prize_name,
      prize_value_usd: w.prize_value_usd,
      fulfillment_type: w.fulfillment_type,
      ticket_number: w.ticket_number,
      display_name: w.display_name ?? "A FitTrack member",
      fulfillment_status: w.fulfillment_status,
    })),
    you_won: yours.length > 0,
    your_tickets: mine,
    your_prizes: yours.map((w) => ({
      prize_name: w.prize_name,
      ticket_number: w.ticket_number,
      fulfillment_id: w.fulfillment_id,
      fulfillment_status: w.fulfillment_status,
    })),
    verifiable: result !== null,
  };
}

/** The published proof; 404 until the drawing has been executed with fitdraw-v1. */
export async function getProof(
  deps: CoreDeps,
  drawingId: string,
): Promise<Record<string, unknown>> {
  const result = await deps.store.drawings.result(drawingId);
  if (!result) throw notFound("Proof of drawing", drawingId);
  return { ...result.proof, executed_at: result.executed_at };
}

async function frozen(deps: CoreDeps, drawingId: string) {
  const drawing = await getDrawing(deps, drawingId);
  if (!drawing.merkle_root) {
    throw new DomainError(
      "invalid_state",
      `Drawing ${drawingId} is ${drawing.status}; its ticket list is frozen at close.`,
    );
  }
  const secrets = await deps.store.drawings.secrets(drawingId);
  return { drawing, key: secrets!.pseudonym_key! };
}

/** One page of the canonical leaf list (ticket_number, ticket_id, pseudonym). */
export async function getLeaves(
  deps: CoreDeps,
  drawingId: string,
  page: number,
  perPage: number,
): Promise<{ items: ProofLeaf[]; total: number; page: number; per_page: number }> {
  const { drawing, key } = await frozen(deps, drawingId);
  const offset = (page - 1) * perPage;
  const { leaves } = await loadLeaves(deps.store, drawingId, key, { offset, limit: perPage });
  return { items: leaves, total: drawing.frozen_ticket_count!, page, per_page: perPage };
}

/** Merkle inclusion proofs of the caller's tickets against the frozen root. */
export async function myInclusionProofs(deps: CoreDeps, drawingId: string, userId: string) {
  const { drawing, key } = await frozen(deps, drawingId);
  const { leaves, owners } = await loadLeaves(deps.store, drawingId, key);
  const hashes = leafHashes(leaves);
  return {
    drawing_id: drawingId,
    merkle_root: drawing.merkle_root!,
    ticket_count: leaves.length,
    tickets: leaves.flatMap((leaf, i) =>
      owners[i] === userId
        ? [{
          ...leaf,
          leaf_hash: toHex(hashes[i]),
          audit_path: inclusionProof(hashes, i).map(toHex),
        }]
        : []
    ),
  };
}
