/**
 * Builds the whole data set on one session: sponsors and drawings, then users
 * in chunks (each with its profile, connections, activities, ledger and
 * tickets), then winners and fulfillments.
 *
 * @module
 */
import type { SeedPlan } from "../../core/admin/seeder.ts";
import { platformDate, zoneOffsetMinutes } from "../../core/time/platform_day.ts";
import type { RawSession } from "../client.ts";
import { BulkWriter } from "./_bulk.ts";
import { SeedRandom } from "./_random.ts";
import { SEED_TABLES } from "./_tables.ts";
import { writeDrawings, writeSponsors } from "./catalog.ts";
import { writeHistory } from "./ledger.ts";
import { writePerson, writeUserRow } from "./people.ts";
import { writeWinners } from "./winners.ts";
import type { Seal } from "./mod.ts";

/** Users generated before the buffered rows are written (bounds memory at any scale). */
const USERS_PER_CHUNK = 1000;

/** Writes the data set described by `plan` on `raw` (inside the caller's transaction). */
export async function generateDataSet(
  raw: RawSession,
  plan: SeedPlan,
  seal: Seal,
): Promise<void> {
  const rng = new SeedRandom(plan.seed);
  const now = plan.now.getTime();
  const writer = new BulkWriter(raw, SEED_TABLES);
  const people = {
    rng,
    now,
    today: platformDate(plan.now, plan.timeZone),
    total: plan.users,
    demo: plan.demoAccounts,
  };
  const sponsorIds = writeSponsors(writer, rng);
  // The demo admin (user 0) creates the drawings, so it is generated before them.
  const first = writePerson(writer, people, 0);
  const drawings = writeDrawings(writer, rng, {
    count: plan.drawings,
    now,
    sponsorIds,
    createdBy: first.id,
  });
  const ledger = {
    rng,
    now,
    zoneOffset: zoneOffsetMinutes(plan.now, plan.timeZone) * 60_000,
    drawings,
    ticketCounters: new Map<string, number>(),
    coverage: { next: 0 },
  };
  // Activities go to users who have finished signing up; the split is even, remainder first.
  const withHistory = plan.users - countPending(plan.users, plan.demoAccounts.length);
  const base = Math.floor(plan.activities / withHistory);
  let extra = plan.activities % withHistory;
  for (let i = 0; i < plan.users; i++) {
    const user = i === 0 ? first : writePerson(writer, people, i);
    let count = 0;
    if (user.status !== "pending") {
      count = base + (extra > 0 ? 1 : 0);
      if (extra > 0) extra--;
    }
    const totals = writeHistory(writer, ledger, user, count);
    writeUserRow(writer, user, plan.passwordHash, totals);
    if ((i + 1) % USERS_PER_CHUNK === 0) await writer.flush();
  }
  await writer.drain();
  await writeWinners((text) => raw.exec(text), rng, drawings, ledger.ticketCounters, seal);
}

/** How many users `writePerson` makes pending (no activity history). */
function countPending(users: number, demo: number): number {
  let n = 0;
  for (let j = 31; j < users - demo; j++) if (j % 17 === 0) n++;
  return n;
}
