/**
 * The transactional outbox: mail is written in the same transaction as the
 * change that causes it, and a job delivers it through a {@link MailTransport}.
 *
 * @module
 */

/** A rendered message ready to send. */
export interface MailMessage {
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface OutboxItem extends MailMessage {
  id: string;
  status: "pending" | "sent" | "failed";
  attempts: number;
  created_at: string;
}

export interface OutboxRepo {
  enqueue(message: MailMessage): Promise<void>;
  /** Newest first. */
  listFor(recipient: string, limit: number): Promise<OutboxItem[]>;
  /**
   * Takes up to `limit` pending messages due at `now` and pushes their
   * `available_at` forward by `leaseSeconds` so no other instance takes them meanwhile.
   */
  claimDue(now: Date, limit: number, leaseSeconds: number): Promise<OutboxItem[]>;
  markSent(id: string, at: Date): Promise<void>;
  /** Records a failed attempt: retry at `retryAt`, or give up when it is null. */
  markFailed(id: string, error: string, retryAt: Date | null): Promise<void>;
}

/** Sends one message (console, SMTP, SendGrid...). Throws when the provider refuses. */
export interface MailTransport {
  readonly kind: string;
  send(message: MailMessage, from: string): Promise<void>;
}
