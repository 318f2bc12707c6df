/**
 * The {@link OutboxRepo} port: mail rows written inside business transactions,
 * claimed by the delivery job with SKIP LOCKED so instances never send twice.
 *
 * @module
 */
import { desc, eq, sql } from "drizzle-orm";
import type { MailMessage, OutboxItem, OutboxRepo } from "../../core/mail/outbox.ts";
import type { Database, Orm } from "../client.ts";
import { outbox } from "../schema/mod.ts";
import { iso } from "./_list.ts";

type Row = typeof outbox.$inferSelect;

function toItem(row: Row): OutboxItem {
  return {
    id: row.id,
    kind: row.kind,
    to: row.recipient,
    subject: row.subject,
    text: row.textBody,
    html: row.htmlBody,
    status: row.status,
    attempts: row.attempts,
    created_at: iso(row.createdAt)!,
  };
}

interface RawRow {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  status: Row["status"];
  attempts: number;
  created_at: Date | string;
}

export class DrizzleOutboxRepo implements OutboxRepo {
  constructor(private readonly db: Database, private readonly orm: Orm) {}

  async enqueue(message: MailMessage): Promise<void> {
    await this.orm.insert(outbox).values({
      kind: message.kind,
      recipient: message.to.toLowerCase(),
      subject: message.subject,
      textBody: message.text,
      htmlBody: message.html,
    });
  }

  async listFor(recipient: string, limit: number): Promise<OutboxItem[]> {
    const rows = await this.orm.select().from(outbox)
      .where(eq(outbox.recipient, recipient.trim().toLowerCase()))
      .orderBy(desc(outbox.createdAt), desc(outbox.id)).limit(limit);
    return rows.map(toItem);
  }

  async claimDue(now: Date, limit: number, leaseSeconds: number): Promise<OutboxItem[]> {
    const at = now.toISOString();
    const rows = await this.db.rows<RawRow>(
      sql`UPDATE outbox SET available_at = ${at}::timestamptz + make_interval(secs => ${leaseSeconds}),
          attempts = attempts + 1
        WHERE id IN (SELECT id FROM outbox WHERE status = 'pending'
          AND available_at <= ${at}::timestamptz ORDER BY available_at LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
        RETURNING id, kind, recipient, subject, text_body, html_body, status, attempts, created_at`,
      this.orm,
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      to: r.recipient,
      subject: r.subject,
      text: r.text_body,
      html: r.html_body,
      status: r.status,
      attempts: Number(r.attempts),
      created_at: iso(r.created_at)!,
    }));
  }

  async markSent(id: string, at: Date): Promise<void> {
    await this.orm.update(outbox).set({ status: "sent", sentAt: at, lastError: null })
      .where(eq(outbox.id, id));
  }

  async markFailed(id: string, error: string, retryAt: Date | null): Promise<void> {
    await this.orm.update(outbox).set(
      retryAt
        ? { lastError: error.slice(0, 2000), availableAt: retryAt }
        : { lastError: error.slice(0, 2000), status: "failed" },
    ).where(eq(outbox.id, id));
  }
}
