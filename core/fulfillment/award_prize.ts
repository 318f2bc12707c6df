/**
 * Giving one prize to one winning ticket: the ticket is marked, a fulfillment
 * opens (digital prizes are delivered at once by mail, physical ones wait for
 * an address), the tax-form threshold is checked, and the winner is mailed —
 * all in the caller's transaction.
 *
 * @module
 */
import type { CoreDeps, Repositories } from "../ports.ts";
import { toHex } from "../drawings/draw/mod.ts";
import { webCryptoRandom } from "../drawings/_draw_inputs.ts";
import { winnerDigitalMail, winnerPhysicalMail } from "../drawings/mails.ts";
import type { Drawing, Prize } from "../drawings/schemas.ts";
import { type Fulfillment, taxFormThresholdUsd } from "./schemas.ts";

export interface Award {
  drawing: Drawing;
  prize: Prize;
  ticketId: string;
  ticketNumber: number;
  userId: string;
  /** The winning candidate's position in the published draw order. */
  position: number;
  now: Date;
}

/** A one-time redemption code for a digital prize, e.g. "FT-3F9A-0C1B-77D2". */
function redemptionCode(): string {
  const hex = toHex(webCryptoRandom.bytes(6)).toUpperCase();
  return `FT-${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8, 12)}`;
}

/** Opens the fulfillment of `award` and mails the winner. */
export async function awardPrize(
  tx: Repositories,
  deps: CoreDeps,
  award: Award,
): Promise<Fulfillment> {
  const { drawing, prize, now } = award;
  await tx.tickets.markWinner(award.ticketId, prize.id);
  const year = new Date(drawing.drawing_time).getUTCFullYear();
  const held = await tx.fulfillments.yearValue(award.userId, year);
  const needsTaxForm = held + prize.value_usd >= taxFormThresholdUsd(year);
  const deliverNow = prize.fulfillment_type === "digital" && !needsTaxForm;
  const fulfillment = await tx.fulfillments.insert({
    ticket_id: award.ticketId,
    prize_id: prize.id,
    user_id: award.userId,
    drawing_id: drawing.id,
    candidate_position: award.position,
    status: deliverNow ? "delivered" : "winner_notified",
    needs_tax_form: needsTaxForm,
    notified_at: now,
    delivered_at: deliverNow ? now : undefined,
  });
  const winner = await tx.tickets.entrant(award.userId);
  if (winner) {
    const mail = {
      to: winner.email,
      drawingName: drawing.name,
      prizeName: prize.name,
      ticketNumber: award.ticketNumber,
      appUrl: deps.auth.appUrl,
      fulfillmentId: fulfillment.id,
    };
    await tx.outbox.enqueue(
      prize.fulfillment_type === "digital"
        ? winnerDigitalMail({ ...mail, code: deliverNow ? redemptionCode() : null })
        : winnerPhysicalMail({ ...mail, taxForm: needsTaxForm }),
    );
  }
  await tx.audit.record({
    actor_id: null,
    action: `fulfillment.${fulfillment.status}`,
    entity_type: "prize_fulfillment",
    entity_id: fulfillment.id,
    details: {
      drawing_id: drawing.id,
      ticket_number: award.ticketNumber,
      needs_tax_form: needsTaxForm,
    },
  });
  return fulfillment;
}
