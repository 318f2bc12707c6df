/**
 * Checks every prize list passes, whether it is a drawing's or a recurring
 * template's: ranks are unique and each sponsor exists.
 *
 * @module
 */
import { DomainError } from "../errors.ts";
import type { Repositories } from "../ports.ts";
import type { PrizeInput } from "./schemas.ts";

/** Throws a 422 on `prizes` when two prizes share a rank. */
export function assertUniqueRanks(prizes: readonly Pick<PrizeInput, "rank">[]): void {
  const ranks = prizes.map((p) => p.rank);
  if (new Set(ranks).size !== ranks.length) {
    throw new DomainError("validation", "Each prize needs its own rank.", {
      errors: [{ field: "prizes", message: "ranks must be unique" }],
    });
  }
}

/** Throws a 422 on `prizes.sponsor_id` when a prize names a sponsor that does not exist. */
export async function assertSponsorsExist(
  tx: Repositories,
  prizes: readonly Pick<PrizeInput, "sponsor_id">[],
): Promise<void> {
  for (const prize of prizes) {
    if (prize.sponsor_id && !await tx.sponsors.findById(prize.sponsor_id)) {
      throw new DomainError("validation", `Sponsor ${prize.sponsor_id} was not found.`, {
        errors: [{ field: "prizes.sponsor_id", message: "does not name a sponsor" }],
      });
    }
  }
}
