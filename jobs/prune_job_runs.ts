import { sql } from "drizzle-orm";
import type { Services } from "../services.ts";

/** Keeps job_runs small: claims older than 14 days have served their purpose. */
export async function pruneJobRunsTick(services: Services, now: Date): Promise<string> {
  const cutoff = new Date(now.getTime() - 14 * 86_400_000).toISOString();
  const rows = await services.db.rows<{ job: string }>(
    sql`DELETE FROM job_runs WHERE scheduled_for < ${cutoff}::timestamptz RETURNING job`,
  );
  return `pruned ${rows.length} job runs`;
}
