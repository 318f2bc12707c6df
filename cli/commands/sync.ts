/**
 * `fittrack sync run [--user EMAIL]`: one run of the tracker sync job (the
 * same core operation), or all of one user's connections whether due or not.
 * Exits 1 when a connection failed, so scripts notice.
 *
 * @module
 */
import { userIdByEmail } from "../../core/trackers/list_all_connections.ts";
import { syncDueConnections } from "../../core/trackers/sync_due.ts";
import { type CliContext, EXIT, type ExitCode } from "../context.ts";
import { table } from "../output.ts";

export async function syncRun(ctx: CliContext, options: { user?: string }): Promise<ExitCode> {
  const { services } = ctx;
  const userId = options.user ? await userIdByEmail(services.core, options.user) : undefined;
  const summary = await ctx.out.spin(
    "Syncing tracker connections",
    () =>
      syncDueConnections(
        { ...services.core, trackers: services.terra.gateway },
        { now: services.clock.now(), userId },
      ),
  );
  ctx.out.result(summary, () =>
    [
      table(
        ["connection", "user", "result", "records", "new", "points", "error"],
        summary.outcomes.map((o) => [
          o.connection_id,
          o.user_id,
          o.result,
          o.records,
          o.created,
          o.points,
          o.error ?? null,
        ]),
      ),
      `${summary.due} due: ${summary.synced} synced, ${summary.failed} retrying, ` +
      `${summary.errors} in error, ${summary.needs_reconnect} need reconnecting; ` +
      `${summary.records} records, ${summary.points} points.`,
    ].join("\n"));
  return summary.synced === summary.due ? EXIT.ok : EXIT.failure;
}
