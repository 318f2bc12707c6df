/**
 * Reading who is entering: every paid entry reads its buyer, so outside a
 * transaction the reads asked for while one is in flight go together as the
 * next one (`WHERE id = ANY(...)`): one statement, one socket write and one
 * round trip for all of them, instead of one each (the purchase profile put a
 * fifth of the server's CPU in socket writes to PostgreSQL).
 *
 * @module
 */
import { sql } from "drizzle-orm";
import type { Entrant } from "../../core/tickets/repo.ts";
import type { Orm } from "../client.ts";
import { fixedStatement } from "../statement.ts";
import { iso } from "./_list.ts";

const COLUMNS = sql.raw(`u.id, u.email, p.display_name, u.role, u.status, u.created_at, p.state,
       p.date_of_birth::text AS date_of_birth, p.tier_code
  FROM users u LEFT JOIN profiles p ON p.user_id = u.id`);

/** One entrant. */
const ENTRANT = fixedStatement<{ user: string }>((p) =>
  sql`SELECT ${COLUMNS} WHERE u.id = ${p.user}::uuid AND u.deleted_at IS NULL`
);

/** Several entrants; `users` is a PostgreSQL array literal of ids. */
const ENTRANTS = fixedStatement<{ users: string }>((p) =>
  sql`SELECT ${COLUMNS} WHERE u.id = ANY(${p.users}::uuid[]) AND u.deleted_at IS NULL`
);

type EntrantRow = Entrant & { created_at: Date | string };

function entrantOf(row: EntrantRow): Entrant {
  return { ...row, created_at: iso(row.created_at)! };
}

/** Reads one entrant, or null when there is no such (undeleted) user. */
export async function readEntrant(orm: Orm, userId: string): Promise<Entrant | null> {
  const [row] = await ENTRANT.rows<EntrantRow>(orm, { user: userId });
  return row ? entrantOf(row) : null;
}

/** Ids read in one statement at most. */
export const MAX_ENTRANTS = 200;

type Waiter = { resolve: (e: Entrant | null) => void; reject: (error: unknown) => void };

/** Coalesces entrant reads: one statement in flight, the reads asked meanwhile go next, together. */
export class EntrantLoader {
  #waiting = new Map<string, Waiter[]>();
  #running = false;
  /** Statements sent so far, for tests and profiles. */
  statements = 0;

  constructor(private readonly orm: Orm) {}

  /** The entrant `userId`, read alone or with others asked at the same time. */
  load(userId: string): Promise<Entrant | null> {
    const read = new Promise<Entrant | null>((resolve, reject) => {
      const waiters = this.#waiting.get(userId);
      if (waiters) waiters.push({ resolve, reject });
      else this.#waiting.set(userId, [{ resolve, reject }]);
    });
    if (!this.#running) void this.#drain();
    return read;
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      while (this.#waiting.size > 0) {
        const batch = new Map<string, Waiter[]>();
        for (const [id, waiters] of this.#waiting) {
          if (batch.size === MAX_ENTRANTS) break;
          batch.set(id, waiters);
        }
        for (const id of batch.keys()) this.#waiting.delete(id);
        await this.#read(batch);
      }
    } finally {
      this.#running = false;
    }
  }

  async #read(batch: Map<string, Waiter[]>): Promise<void> {
    const ids = [...batch.keys()];
    const settle = (id: string, entrant: Entrant | null) =>
      batch.get(id)!.forEach((w) => w.resolve(entrant));
    this.statements++;
    if (ids.length > 1) {
      let rows: EntrantRow[] | null = null;
      try {
        rows = await ENTRANTS.rows<EntrantRow>(this.orm, { users: `{${ids.join(",")}}` });
      } catch {
        // One malformed id fails the whole read: each is read alone below.
      }
      if (rows) {
        const found = new Map(rows.map((r) => [String(r.id), entrantOf(r)]));
        for (const id of ids) settle(id, found.get(id.toLowerCase()) ?? null);
        return;
      }
    }
    for (const id of ids) {
      if (ids.length > 1) this.statements++;
      try {
        settle(id, await readEntrant(this.orm, id));
      } catch (error) {
        batch.get(id)!.forEach((w) => w.reject(error));
      }
    }
  }
}
