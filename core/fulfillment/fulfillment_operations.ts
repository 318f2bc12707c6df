/**
 * The fulfillment workflow: pending → winner_notified → address_confirmed →
 * shipped → delivered, forfeited before shipping. Each move is a conditional
 * update on the current status (so it happens once), logged in the audit log
 * with actor and time, and mailed to the winner where the rules say so.
 *
 * @module
 */
import { DomainError, notFound } from "../errors.ts";
import type { CoreDeps, Repositories } from "../ports.ts";
import type { ListQuery, Page } from "../pagination.ts";
import { forfeitMail, shippedMail } from "../drawings/mails.ts";
import type { MailMessage } from "../mail/outbox.ts";
import type { FulfillmentPatch } from "./repo.ts";
import { promoteAlternate } from "./promote_alternate.ts";
import { assertTaxFormCleared } from "./tax_form.ts";
import type {
  Fulfillment,
  FulfillmentFilter,
  FulfillmentSort,
  FulfillmentStatus,
  ShipInput,
  ShippingAddress,
} from "./schemas.ts";

/** Every fulfillment (admin), filtered by status, drawing or user. */
export async function listFulfillments(
  deps: CoreDeps,
  query: ListQuery<FulfillmentSort, FulfillmentFilter>,
): Promise<Page<Fulfillment>> {
  return await deps.store.fulfillments.list(query);
}

/** The caller's own prizes. */
export async function listMyFulfillments(
  deps: CoreDeps,
  userId: string,
  query: ListQuery<FulfillmentSort, FulfillmentFilter>,
): Promise<Page<Fulfillment>> {
  return await deps.store.fulfillments.list({
    ...query,
    filters: { ...query.filters, user_id: userId },
  });
}

/** A fulfillment the caller may see: their own, or any for an admin (others: 404). */
export async function getFulfillment(
  deps: CoreDeps,
  id: string,
  caller: { id: string; role: string },
): Promise<Fulfillment> {
  const found = await deps.store.fulfillments.findById(id);
  if (!found || (caller.role !== "admin" && found.user_id !== caller.id)) {
    throw notFound("Fulfillment", id);
  }
  return found;
}

async function move(
  tx: Repositories,
  current: Fulfillment,
  from: readonly FulfillmentStatus[],
  patch: FulfillmentPatch,
  actorId: string | null,
): Promise<Fulfillment> {
  const updated = await tx.fulfillments.transition(current.id, from, patch);
  if (!updated) {
    const now = await tx.fulfillments.findById(current.id);
    throw new DomainError(
      "invalid_state",
      `Fulfillment ${current.id} is ${now?.status ?? current.status}; ` +
        `this needs it to be ${from.join(" or ")}.`,
      { errors: [{ field: "status", message: `must be ${from.join(" or ")}` }] },
    );
  }
  await tx.audit.record({
    actor_id: actorId,
    action: `fulfillment.${updated.status}`,
    entity_type: "prize_fulfillment",
    entity_id: updated.id,
    details: {
      from: current.status,
      to: updated.status,
      ...(patch.notes ? { notes: patch.notes } : {}),
    },
  });
  return updated;
}

function mailFields(f: Fulfillment, appUrl: string, drawingName: string, to: string) {
  return {
    to,
    drawingName,
    prizeName: f.prize.name,
    ticketNumber: f.ticket_number,
    appUrl,
    fulfillmentId: f.id,
  };
}

async function notify(
  tx: Repositories,
  deps: CoreDeps,
  f: Fulfillment,
  build: (fields: ReturnType<typeof mailFields>) => MailMessage,
) {
  const winner = await tx.tickets.entrant(f.user_id);
  const drawing = f.drawing_id ? await tx.drawings.findById(f.drawing_id) : null;
  if (winner) {
    await tx.outbox.enqueue(
      build(mailFields(f, deps.auth.appUrl, drawing?.name ?? "a drawing", winner.email)),
    );
  }
}

/** The winner gives (or corrects, before shipping) the US address of a physical prize. */
export async function submitAddress(
  deps: CoreDeps,
  id: string,
  userId: string,
  address: ShippingAddress,
): Promise<Fulfillment> {
  const current = await getFulfillment(deps, id, { id: userId, role: "user" });
  if (current.prize.fulfillment_type !== "physical") {
    throw new DomainError("invalid_state", "A digital prize needs no shipping address.");
  }
  return await deps.store.transaction((tx) =>
    move(tx, current, ["pending", "winner_notified", "address_confirmed"], {
      status: "address_confirmed",
      shipping_address: address,
      address_confirmed_at: deps.clock.now(),
    }, userId)
  );
}

/** Admin ships a confirmed physical prize with carrier and tracking number. */
export async function shipFulfillment(
  deps: CoreDeps,
  id: string,
  input: ShipInput,
  actorId: string | null,
): Promise<Fulfillment> {
  const current = await getFulfillment(deps, id, { id: actorId ?? "", role: "admin" });
  assertTaxFormCleared(current, "shipped");
  return await deps.store.transaction(async (tx) => {
    const shipped = await move(tx, current, ["address_confirmed"], {
      status: "shipped",
      carrier: input.carrier,
      tracking_number: input.tracking_number,
      shipped_at: deps.clock.now(),
    }, actorId);
    await notify(
      tx,
      deps,
      shipped,
      (m) => shippedMail({ ...m, carrier: input.carrier, tracking: input.tracking_number }),
    );
    return shipped;
  });
}

/** Admin marks a shipped prize (or a digital one held for a tax form) delivered. */
export async function deliverFulfillment(
  deps: CoreDeps,
  id: string,
  actorId: string | null,
  notes?: string,
): Promise<Fulfillment> {
  const current = await getFulfillment(deps, id, { id: actorId ?? "", role: "admin" });
  assertTaxFormCleared(current, "delivered");
  const from: FulfillmentStatus[] = current.prize.fulfillment_type === "digital"
    ? ["pending", "winner_notified"]
    : ["shipped"];
  return await deps.store.transaction((tx) =>
    move(tx, current, from, { status: "delivered", delivered_at: deps.clock.now(), notes }, actorId)
  );
}

/**
 * Forfeits a prize not yet shipped, for a reason the rules list, and passes it
 * to the next alternate. Returns the forfeited fulfillment and the alternate's.
 */
export async function forfeitFulfillment(
  deps: CoreDeps,
  id: string,
  input: { reason: string; note?: string },
  actorId: string | null,
): Promise<{ forfeited: Fulfillment; alternate: Fulfillment | null }> {
  const current = await getFulfillment(deps, id, { id: actorId ?? "", role: "admin" });
  return await deps.store.transaction(async (tx) => {
    const now = deps.clock.now();
    const forfeited = await move(tx, current, ["pending", "winner_notified", "address_confirmed"], {
      status: "forfeited",
      forfeit_reason: input.reason,
      forfeited_at: now,
      notes: input.note,
    }, actorId);
    await notify(tx, deps, forfeited, (m) => forfeitMail({ ...m, reason: input.reason }));
    const alternate = await promoteAlternate(tx, deps, forfeited, input.reason, now);
    return { forfeited, alternate };
  });
}
