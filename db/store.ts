/**
 * The {@link Store} port over drizzle: every repository bound to the database,
 * and `transaction()` handing the same repositories bound to one transaction.
 *
 * @module
 */
import type { Repositories, Store } from "../core/ports.ts";
import type { Database, Orm } from "./client.ts";
import { DrizzleActivityRepo } from "./repos/activities.ts";
import { DrizzleAuditRepo } from "./repos/audit.ts";
import { DrizzleDrawingRepo } from "./repos/drawings.ts";
import { DrizzlePointRepo } from "./repos/points.ts";
import { SqlReportRepo } from "./repos/reports.ts";
import { DrizzleSponsorRepo } from "./repos/sponsors.ts";
import { DrizzleUserRepo } from "./repos/users.ts";

function repositories(db: Database, orm: Orm): Repositories {
  return {
    users: new DrizzleUserRepo(orm),
    activities: new DrizzleActivityRepo(orm),
    points: new DrizzlePointRepo(orm),
    drawings: new DrizzleDrawingRepo(orm),
    sponsors: new DrizzleSponsorRepo(orm),
    reports: new SqlReportRepo(db, orm),
    audit: new DrizzleAuditRepo(orm),
  };
}

export function createStore(db: Database): Store {
  return {
    ...repositories(db, db.orm),
    transaction: (fn) =>
      db.orm.transaction((tx) => fn(repositories(db, tx as unknown as Orm)), {
        isolationLevel: "read committed",
      }),
  };
}
