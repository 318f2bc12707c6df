/**
 * Multi-row INSERT batching for the seeder: rows are rendered as SQL literals
 * (no parameter limit, one round trip per batch) and at most one statement is
 * in flight while the next batch is generated.
 *
 * @module
 */
import type { RawSession } from "../client.ts";

export type Cell = string | number | boolean | null | Date | Record<string, unknown> | unknown[];

/** Renders one value as a SQL literal. Only the seeder's own values pass here. */
export function literal(value: Cell): string {
  if (value === null) return "NULL";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`Cannot write a non-finite number: ${value}`);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return `'${value.toISOString()}'`;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return `'${text.replaceAll("'", "''")}'`;
}

/** Rows per INSERT statement: large enough to amortise the round trip, small enough to parse fast. */
export const BATCH_ROWS = 2000;

/** A table and the columns every row gives, in the order rows list them. */
export interface TableSpec {
  name: string;
  columns: readonly string[];
}

/**
 * Buffers rows per table and writes them as multi-row INSERTs on one session.
 * `flush()` writes tables in the order they were declared, so foreign keys
 * always point at rows already written.
 */
export class BulkWriter {
  readonly #raw: RawSession;
  readonly #tables = new Map<string, { columns: string; rows: string[] }>();
  #inFlight: Promise<void> = Promise.resolve();
  #failure: unknown = undefined;
  readonly counts: Record<string, number> = {};

  constructor(raw: RawSession, tables: readonly TableSpec[]) {
    this.#raw = raw;
    for (const t of tables) this.#tables.set(t.name, { columns: t.columns.join(", "), rows: [] });
  }

  /** Queues one row of `table` (values in the declared column order). */
  add(table: string, row: readonly Cell[]): void {
    const buffer = this.#tables.get(table);
    if (!buffer) throw new Error(`Table ${table} was not declared to the writer`);
    buffer.rows.push(`(${row.map(literal).join(",")})`);
    this.counts[table] = (this.counts[table] ?? 0) + 1;
  }

  /** Writes every queued row, table by table in declaration order. */
  async flush(): Promise<void> {
    for (const [name, buffer] of this.#tables) {
      for (let i = 0; i < buffer.rows.length; i += BATCH_ROWS) {
        const text = `INSERT INTO ${name} (${buffer.columns}) VALUES ${
          buffer.rows.slice(i, i + BATCH_ROWS).join(",")
        }`;
        // One statement in flight: rendering the next batch overlaps the database's work.
        await this.#settle();
        // Caught here and rethrown by #settle(): an unobserved rejection would end the process.
        this.#inFlight = this.#raw.exec(text).catch((error) => {
          this.#failure ??= error;
        });
      }
      buffer.rows = [];
    }
  }

  /** Waits for the last statement; call before reading what was written. */
  async drain(): Promise<void> {
    await this.flush();
    await this.#settle();
  }

  async #settle(): Promise<void> {
    await this.#inFlight;
    if (this.#failure !== undefined) throw this.#failure;
  }
}
