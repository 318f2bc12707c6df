/**
 * The mails FitTrack sends, each as a subject plus a text and an HTML body.
 * Every value put into HTML is escaped.
 *
 * @module
 */
import type { MailMessage } from "./outbox.ts";

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

interface Layout {
  kind: string;
  to: string;
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer: string;
}

function render(layout: Layout): MailMessage {
  const action = layout.action;
  const text = [
    layout.greeting,
    "",
    ...layout.paragraphs.flatMap((p) => [p, ""]),
    ...(action ? [`${action.label}: ${action.url}`, ""] : []),
    layout.footer,
    "",
    "- The FitTrack team",
  ].join("\n");
  const html = `<!doctype html>
<html><body style="font-family:Arial,sans-serif;color:#1f2933;max-width:560px;margin:auto">
<h2 style="color:#0b7a75">FitTrack</h2>
<p>${escapeHtml(layout.greeting)}</p>
${layout.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}
${
    action
      ? `<p><a href="${
        escapeHtml(action.url)
      }" style="background:#0b7a75;color:#fff;padding:10px 18px;border-radius:4px;text-decoration:none">${
        escapeHtml(action.label)
      }</a></p>
<p style="font-size:12px">Or paste this link into your browser: ${escapeHtml(action.url)}</p>`
      : ""
  }
<p style="font-size:12px;color:#6b7280">${escapeHtml(layout.footer)}</p>
</body></html>`;
  return { kind: layout.kind, to: layout.to, subject: layout.subject, text, html };
}

export interface LinkMailInput {
  to: string;
  displayName: string;
  /** Base URL of the app, without a trailing slash. */
  appUrl: string;
  token: string;
}

/** Sent on registration (and on request): confirms the address within 24 hours. */
export function verificationMail(input: LinkMailInput): MailMessage {
  return render({
    kind: "verify_email",
    to: input.to,
    subject: "Verify your FitTrack email address",
    greeting: `Hi ${input.displayName},`,
    paragraphs: [
      "Welcome to FitTrack! Confirm your email address to start earning points.",
      `Your verification code: ${input.token}`,
      "The link and the code expire in 24 hours and work once.",
    ],
    action: {
      label: "Verify email",
      url: `${input.appUrl}/test/?verify_token=${encodeURIComponent(input.token)}`,
    },
    footer: "If you did not create a FitTrack account, ignore this mail.",
  });
}

/** Sent on forgot-password: a one-hour, single-use reset link. */
export function passwordResetMail(input: LinkMailInput): MailMessage {
  return render({
    kind: "reset_password",
    to: input.to,
    subject: "Reset your FitTrack password",
    greeting: `Hi ${input.displayName},`,
    paragraphs: [
      "Someone (hopefully you) asked to reset the password of your FitTrack account.",
      `Your reset code: ${input.token}`,
      "It expires in 1 hour and works once. Resetting signs you out everywhere.",
    ],
    action: {
      label: "Choose a new password",
      url: `${input.appUrl}/test/?reset_token=${encodeURIComponent(input.token)}`,
    },
    footer: "If you did not ask for this, ignore this mail: your password stays as it is.",
  });
}

/** Tells the owner that something security-relevant happened to the account. */
export function securityNoticeMail(
  input: { to: string; displayName: string; event: string; at: Date },
): MailMessage {
  return render({
    kind: "security_notice",
    to: input.to,
    subject: `FitTrack security notice: ${input.event}`,
    greeting: `Hi ${input.displayName},`,
    paragraphs: [
      `${input.event} on ${input.at.toISOString().replace("T", " ").slice(0, 16)} UTC.`,
      "If this was you, there is nothing to do.",
      "If it was not, reset your password now and contact support.",
    ],
    footer: "You get this mail for every security change on your account.",
  });
}
