import { escapeHtml } from "../mail/templates.ts";
import type { MailMessage } from "../mail/outbox.ts";
import { PROVIDER_LABELS, type TrackerProvider } from "../trackers/schemas.ts";

/**
 * The mail a user gets when a tracker connection needs reconnecting
 * (Terra `connection_error` / `access_revoked`).
 *
 * @example
 * ```ts
 * reconnectMail({ to: "a@b.dev", displayName: "Ann", provider: "fitbit", reason: "..." });
 * ```
 */
export function reconnectMail(
  input: { to: string; displayName: string; provider: TrackerProvider; reason: string },
): MailMessage {
  const label = PROVIDER_LABELS[input.provider];
  const lines = [
    `Hi ${input.displayName},`,
    `FitTrack can no longer read your ${label} data: ${input.reason}`,
    "Activities you already synced and the points they earned are kept. Reconnect the tracker " +
    "under Connections to keep earning.",
    "- The FitTrack team",
  ];
  return {
    kind: "tracker_reconnect",
    to: input.to,
    subject: `Reconnect ${label} to keep earning points`,
    text: lines.join("\n\n"),
    html: `<!doctype html><html><body>${
      lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("")
    }</body></html>`,
  };
}
