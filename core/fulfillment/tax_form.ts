/**
 * The tax-form block: a prize whose value brings its winner's yearly total to
 * the IRS reporting threshold (`needs_tax_form`, set when it is awarded) may
 * not be shipped or delivered until an admin records the winner's W-9 as
 * received. Only the fact is stored (when, by whom): never the form or a TIN.
 *
 * @module
 */
import { DomainError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import type { Fulfillment } from "./schemas.ts";

/** Throws 409 when `fulfillment` still waits for its tax form; `action` is "shipped" or "delivered". */
export function assertTaxFormCleared(fulfillment: Fulfillment, action: string): void {
  if (!fulfillment.needs_tax_form || fulfillment.tax_form_received_at) return;
  throw new DomainError(
    "invalid_state",
    `Fulfillment ${fulfillment.id} cannot be ${action} yet: its prizes reach the IRS reporting ` +
      "threshold for the year, so the winner's Form W-9 must be recorded as received first " +
      `(POST /api/v1/admin/fulfillments/${fulfillment.id}/tax-form).`,
    { errors: [{ field: "tax_form_received_at", message: "must be recorded before fulfillment" }] },
  );
}

/**
 * Records that the winner's W-9 was received, by `actorId`, now. 404 for an
 * unknown id; 409 when no form is needed or it was already recorded.
 */
export async function recordTaxForm(
  deps: CoreDeps,
  id: string,
  actorId: string,
): Promise<Fulfillment> {
  return await deps.store.transaction(async (tx) => {
    const current = await tx.fulfillments.findById(id);
    if (!current) throw new DomainError("not_found", `Fulfillment ${id} was not found.`);
    if (!current.needs_tax_form) {
      throw new DomainError(
        "invalid_state",
        `Fulfillment ${id} does not need a tax form (below the reporting threshold).`,
        { errors: [{ field: "needs_tax_form", message: "is false" }] },
      );
    }
    const now = deps.clock.now();
    const recorded = await tx.fulfillments.recordTaxForm(id, actorId, now);
    if (!recorded) {
      throw new DomainError(
        "invalid_state",
        `Fulfillment ${id}'s tax form was already recorded at ${current.tax_form_received_at}.`,
        { errors: [{ field: "tax_form_received_at", message: "is already set" }] },
      );
    }
    await tx.audit.record({
      actor_id: actorId,
      action: "fulfillment.tax_form_received",
      entity_type: "prize_fulfillment",
      entity_id: id,
      details: { received_at: now.toISOString() },
    });
    return recorded;
  });
}
