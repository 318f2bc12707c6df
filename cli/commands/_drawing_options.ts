/**
 * Option parsing shared by `drawings create` and `drawings templates create`.
 *
 * @module
 */
import { DomainError } from "../../core/errors.ts";

/** "rank|name|value_usd|digital|physical[|quantity]" → a prize input. */
export function prizeOf(spec: string) {
  const [rank, name, value, type = "physical", quantity = "1"] = spec.split("|");
  return {
    rank: Number(rank),
    name,
    value_usd: Number(value),
    fulfillment_type: type,
    quantity: Number(quantity),
  };
}

/** A usage error (exit 2) listing each bad option as zod found it. */
export function invalidOptions(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): DomainError {
  return new DomainError("validation", "Invalid options.", {
    errors: issues.map((i) => ({ field: i.path.map(String).join("."), message: i.message })),
  });
}
