import type { AuditEntry, AuditRepo } from "../../core/audit.ts";
import type { Orm } from "../client.ts";
import { auditLog } from "../schema/mod.ts";

function row(entry: AuditEntry): typeof auditLog.$inferInsert {
  return {
    actorId: entry.actor_id,
    action: entry.action,
    entityType: entry.entity_type,
    entityId: entry.entity_id,
    details: entry.details ?? {},
  };
}

export class DrizzleAuditRepo implements AuditRepo {
  constructor(private readonly orm: Orm) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.orm.insert(auditLog).values(row(entry));
  }

  async recordMany(entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.orm.insert(auditLog).values(entries.map(row));
  }
}
