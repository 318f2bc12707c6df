/**
 * `fittrack connections list [--status STATUS] [--user EMAIL]`: every live
 * tracker connection with its owner; `--status error` finds connections that
 * need reconnecting and ones whose syncs keep failing.
 *
 * @module
 */
import { listAllConnections } from "../../core/trackers/list_all_connections.ts";
import type { ConnectionStatus, SyncStatus } from "../../core/trackers/schemas.ts";
import { type CliContext, EXIT, type ExitCode } from "../context.ts";
import { table } from "../output.ts";

export async function connectionsList(
  ctx: CliContext,
  options: { status?: ConnectionStatus | SyncStatus; user?: string },
): Promise<ExitCode> {
  const items = await listAllConnections(ctx.services.core, {
    status: options.status,
    email: options.user,
  });
  ctx.out.result({ items, total: items.length }, () =>
    [
      table(
        ["email", "provider", "primary", "status", "sync", "last sync", "error", "id"],
        items.map((c) => [
          c.email,
          c.provider,
          c.is_primary,
          c.status,
          c.sync_status,
          c.last_sync_at ?? "never",
          c.error_message ?? c.last_sync_error,
          c.id,
        ]),
      ),
      `${items.length} connection(s)`,
    ].join("\n"));
  return EXIT.ok;
}
