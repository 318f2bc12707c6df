/**
 * The sweepstakes mails: winner notices (physical and digital), reminders,
 * forfeits, shipping, cancellation refunds and results for every participant.
 *
 * @module
 */
import { escapeHtml } from "../mail/templates.ts";
import type { MailMessage } from "../mail/outbox.ts";

function message(kind: string, to: string, subject: string, lines: string[]): MailMessage {
  const text = [...lines, "", "- The FitTrack team"].join("\n\n");
  const html = `<!doctype html><html><body style="font-family:Arial,sans-serif;max-width:560px">
<h2 style="color:#0b7a75">FitTrack</h2>
${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("\n")}
</body></html>`;
  return { kind, to, subject, text, html };
}

export interface PrizeMailInput {
  to: string;
  drawingName: string;
  prizeName: string;
  ticketNumber: number;
  appUrl: string;
  fulfillmentId: string;
}

/** What a winner whose prizes reach the IRS reporting threshold must send. */
const W9_NEEDED =
  "Your prizes this year reach the IRS reporting threshold, so we need a completed IRS Form W-9 from you before we can ship or deliver this prize; we will send it to you. Do not reply with your tax number by email.";

/** A physical prize: asks for the shipping address within 14 days (and a W-9 when needed). */
export function winnerPhysicalMail(m: PrizeMailInput & { taxForm?: boolean }): MailMessage {
  return message("drawing_winner", m.to, `You won ${m.prizeName}!`, [
    `Congratulations! Ticket #${m.ticketNumber} won "${m.prizeName}" in ${m.drawingName}.`,
    "Claim your prize by giving us a US shipping address within 14 days; unclaimed prizes are forfeited and go to an alternate winner.",
    ...(m.taxForm ? [W9_NEEDED] : []),
    `Claim it here: ${m.appUrl}/test/?fulfillment=${m.fulfillmentId}`,
  ]);
}

/** A digital prize: the code, at once. */
export function winnerDigitalMail(m: PrizeMailInput & { code: string | null }): MailMessage {
  return message("drawing_winner", m.to, `You won ${m.prizeName}!`, [
    `Congratulations! Ticket #${m.ticketNumber} won "${m.prizeName}" in ${m.drawingName}.`,
    m.code ? `Your prize code: ${m.code}` : W9_NEEDED,
  ]);
}

/** The 7-day reminder of an unclaimed physical prize. */
export function reminderMail(m: PrizeMailInput): MailMessage {
  return message("fulfillment_reminder", m.to, `Reminder: claim your ${m.prizeName}`, [
    `You won "${m.prizeName}" in ${m.drawingName} and we still need your shipping address.`,
    "Without it, the prize is forfeited 14 days after the winner notice.",
    `Claim it here: ${m.appUrl}/test/?fulfillment=${m.fulfillmentId}`,
  ]);
}

/** Tells a winner their prize was forfeited and why. */
export function forfeitMail(m: PrizeMailInput & { reason: string }): MailMessage {
  return message("fulfillment_forfeited", m.to, `Your ${m.prizeName} prize was forfeited`, [
    `Your prize "${m.prizeName}" from ${m.drawingName} was forfeited (${m.reason}).`,
    "Under the official rules it passes to an alternate winner.",
  ]);
}

/** Shipping notice with carrier and tracking number. */
export function shippedMail(
  m: PrizeMailInput & { carrier: string; tracking: string },
): MailMessage {
  return message("fulfillment_shipped", m.to, `Your ${m.prizeName} has shipped`, [
    `Your prize "${m.prizeName}" from ${m.drawingName} is on its way.`,
    `Carrier: ${m.carrier}. Tracking number: ${m.tracking}.`,
  ]);
}

/** Results for a participant who did not win. */
export function resultsMail(to: string, drawingName: string, drawingId: string, appUrl: string) {
  return message("drawing_results", to, `Results of ${drawingName}`, [
    `The winners of ${drawingName} have been drawn. This time your tickets did not win.`,
    `See the results and verify the draw yourself: ${appUrl}/api/v1/drawings/${drawingId}/results`,
  ]);
}

/** Cancellation with the refund. */
export function cancelledMail(to: string, drawingName: string, points: number): MailMessage {
  return message("drawing_cancelled", to, `${drawingName} was cancelled`, [
    `${drawingName} was cancelled before its drawing.`,
    `The ${points} points you spent on tickets have been refunded to your balance.`,
  ]);
}
