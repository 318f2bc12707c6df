/** Who did what to which entity; append-only in the database. */
export interface AuditEntry {
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  details?: Record<string, unknown>;
}

export interface AuditRepo {
  record(entry: AuditEntry): Promise<void>;
  /** {@link record} for several entries in one statement. */
  recordMany(entries: AuditEntry[]): Promise<void>;
}
