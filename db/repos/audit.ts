import type { AuditEntry, AuditRepo } from "../../core/audit.ts";
import type { Orm } from "../client.ts";
import { auditLog } from "../schema/mod.ts";

export class DrizzleAuditRepo implements AuditRepo {
  constructor(private readonly orm: Orm) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.orm.insert(auditLog).values({
      actorId: entry.actor_id,
      action: entry.action,
      entityType: entry.entity_type,
      entityId: entry.entity_id,
      details: entry.details ?? {},
    });
  }
}
