/**
 * The fulfillment clock: a reminder 7 days after the winner notice, and
 * forfeiture (with the alternate winner drawn) at 14 days without an address.
 *
 * @module
 */
import { DomainError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import { reminderMail } from "../drawings/mails.ts";
import { forfeitFulfillment } from "./fulfillment_operations.ts";
import { FORFEIT_AFTER_DAYS, REMINDER_AFTER_DAYS } from "./schemas.ts";

const DAY_MS = 86_400_000;
const BATCH = 100;

/** Sends due reminders and forfeits expired prizes; returns a one-line summary. */
export async function runFulfillmentDeadlines(deps: CoreDeps, now: Date): Promise<string> {
  const store = deps.store;
  let forfeited = 0, reminded = 0;
  const expiredBefore = new Date(now.getTime() - FORFEIT_AFTER_DAYS * DAY_MS);
  for (
    const f of await store.fulfillments.awaitingSince(expiredBefore, { reminded: true }, BATCH)
  ) {
    try {
      await forfeitFulfillment(deps, f.id, { reason: "no_response" }, null);
      forfeited++;
    } catch (error) {
      if (!(error instanceof DomainError && error.code === "invalid_state")) throw error;
    }
  }
  const remindBefore = new Date(now.getTime() - REMINDER_AFTER_DAYS * DAY_MS);
  for (
    const f of await store.fulfillments.awaitingSince(remindBefore, { reminded: false }, BATCH)
  ) {
    await store.transaction(async (tx) => {
      const marked = await tx.fulfillments.transition(f.id, ["winner_notified"], {
        reminder_sent_at: now,
      });
      const winner = marked ? await tx.tickets.entrant(f.user_id) : null;
      if (!winner) return;
      const drawing = f.drawing_id ? await tx.drawings.findById(f.drawing_id) : null;
      await tx.outbox.enqueue(reminderMail({
        to: winner.email,
        drawingName: drawing?.name ?? "a drawing",
        prizeName: f.prize.name,
        ticketNumber: f.ticket_number,
        appUrl: deps.auth.appUrl,
        fulfillmentId: f.id,
      }));
      await tx.audit.record({
        actor_id: null,
        action: "fulfillment.reminder",
        entity_type: "prize_fulfillment",
        entity_id: f.id,
      });
      reminded++;
    });
  }
  return `reminded ${reminded}, forfeited ${forfeited} prizes`;
}
