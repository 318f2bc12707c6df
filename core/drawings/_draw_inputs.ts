/**
 * Loading a drawing's private fitdraw-v1 inputs and its canonical ticket list
 * (with owner pseudonyms), shared by freeze, execution and the published leaves.
 *
 * @module
 */
import { commitmentOf, fromHex, type ProofLeaf, pseudonymizer, toHex } from "./draw/mod.ts";
import type { RandomSource, Repositories } from "../ports.ts";
import type { DrawingPatch } from "./repo.ts";

/** Crypto-strength randomness from the platform's Web Crypto (a global, not an import). */
export const webCryptoRandom: RandomSource = {
  bytes: (length) => crypto.getRandomValues(new Uint8Array(length)),
};

/** A fresh secret seed S, its commitment C and a pseudonym key, as a drawing patch. */
export function newCommitment(random: RandomSource): DrawingPatch {
  const seed = random.bytes(32);
  return {
    seed_secret: toHex(seed),
    pseudonym_key: toHex(random.bytes(32)),
    commitment: commitmentOf(seed),
  };
}

/** The ticket list 1..N with each owner's pseudonym, and the owners by ticket number. */
export async function loadLeaves(
  tx: Repositories,
  drawingId: string,
  pseudonymKeyHex: string,
  range?: { offset: number; limit: number },
): Promise<{ leaves: ProofLeaf[]; owners: string[] }> {
  const pseudonym = pseudonymizer(fromHex(pseudonymKeyHex));
  const rows = await tx.tickets.leaves(drawingId, range);
  return {
    leaves: rows.map((r) => ({
      ticket_number: r.ticket_number,
      ticket_id: r.id,
      pseudonym: pseudonym(r.user_id),
    })),
    owners: rows.map((r) => r.user_id),
  };
}
