/**
 * The {@link Store} port over drizzle: every repository bound to the database,
 * and `transaction()` handing the same repositories bound to one transaction.
 *
 * @module
 */
import type { Repositories, SecretBox, Store } from "../core/ports.ts";
import type { Database, Orm } from "./client.ts";
import { DrizzleActivityRepo } from "./repos/activities.ts";
import { DrizzleAuditRepo } from "./repos/audit.ts";
import { DrizzleAuthRepo } from "./repos/auth.ts";
import { DrizzleOutboxRepo } from "./repos/outbox.ts";
import { DrizzleDrawingRepo } from "./repos/drawings.ts";
import { type DrawingMemo, drawingMemo } from "./repos/drawings_list.ts";
import { DrizzleDrawingTemplateRepo } from "./repos/drawing_templates.ts";
import { DrizzlePointRepo } from "./repos/points.ts";
import { SqlReportRepo } from "./repos/reports.ts";
import { type LeaderboardContext, SqlLeaderboardRepo } from "./repos/leaderboards.ts";
import type { RedisBoards } from "./cache/leaderboard_store.ts";
import { DrizzleIngestRepo } from "./repos/ingest.ts";
import { DrizzleTicketRepo } from "./repos/tickets.ts";
import { DrizzleFulfillmentRepo } from "./repos/fulfillments.ts";
import { DrizzleTrackerRepo } from "./repos/trackers.ts";
import { DrizzleSponsorRepo } from "./repos/sponsors.ts";
import { DrizzleUserRepo } from "./repos/users.ts";
import { createSeeder } from "./seed/mod.ts";

function repositories(
  db: Database,
  orm: Orm,
  lb: LeaderboardContext,
  box: SecretBox,
  drawingsRead: DrawingMemo,
): Repositories {
  return {
    users: new DrizzleUserRepo(orm),
    activities: new DrizzleActivityRepo(orm),
    points: new DrizzlePointRepo(orm, new SqlLeaderboardRepo(db, orm, lb)),
    drawings: new DrizzleDrawingRepo(orm, box, drawingsRead),
    drawingTemplates: new DrizzleDrawingTemplateRepo(orm),
    sponsors: new DrizzleSponsorRepo(orm),
    reports: new SqlReportRepo(db, orm),
    audit: new DrizzleAuditRepo(orm),
    auth: new DrizzleAuthRepo(db, orm),
    outbox: new DrizzleOutboxRepo(db, orm),
    leaderboards: new SqlLeaderboardRepo(db, orm, lb),
    ingest: new DrizzleIngestRepo(orm),
    tickets: new DrizzleTicketRepo(orm),
    fulfillments: new DrizzleFulfillmentRepo(orm, box),
    trackers: new DrizzleTrackerRepo(orm),
  };
}

export interface StoreOptions {
  /** FITTRACK_TIMEZONE, for the leaderboard periods an earning counts in. */
  timeZone: string;
  /** The Redis copy of the leaderboards, when REDIS_URL is set. */
  boards?: RedisBoards | null;
  /** Encrypts secrets at rest: shipping addresses, drawing seeds and pseudonym keys. */
  box: SecretBox;
}

export function createStore(db: Database, options: StoreOptions): Store {
  const drawingsRead = drawingMemo();
  // What a transaction reads may be rolled back: it must never be remembered as a version.
  const uncommitted = drawingMemo(0);
  // Inside a transaction, leaderboard writes to Redis wait for the commit.
  const leaderboards = (tasks: (() => Promise<void>)[] | null): LeaderboardContext => ({
    timeZone: options.timeZone,
    boards: options.boards ?? null,
    afterCommit: async (task) => {
      if (tasks) tasks.push(task);
      else await task();
    },
  });
  return {
    ...repositories(db, db.orm, leaderboards(null), options.box, drawingsRead),
    seeder: createSeeder(db, (plain) => options.box.seal(plain)),
    transaction: async (fn) => {
      const tasks: (() => Promise<void>)[] = [];
      const result = await db.orm.transaction(
        // READ COMMITTED, the default (db/client.ts pins it per connection): asking again
        // here would cost a SET TRANSACTION round trip per transaction.
        (tx) =>
          fn(
            repositories(db, tx as unknown as Orm, leaderboards(tasks), options.box, uncommitted),
          ),
      );
      for (const task of tasks) await task();
      return result;
    },
  };
}
