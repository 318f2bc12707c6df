/**
 * Test support for ingestion: a test context with the simulated Terra wired
 * to deliver signed webhooks into the real app, users with connections, and
 * small queries over the ledger.
 *
 * @module
 */
import { sql } from "drizzle-orm";
import { createUser } from "../../../core/users/user_operations.ts";
import type { FitnessLevel } from "../../../core/tiers/tier_code.ts";
import type { Clock } from "../../../core/time/clock.ts";
import { TerraSimulator } from "../../../integrations/terra/simulator.ts";
import type { SimUser } from "../../../integrations/terra/sim_payloads.ts";
import { processWebhooksTick } from "../../../jobs/process_webhooks.ts";
import { userInput } from "../../_support/factories.ts";
import { type TestContext, testContext } from "../../_support/services.ts";

export interface TerraTestContext {
  t: TestContext;
  sim: TerraSimulator;
  /** A FitTrack user with a Terra connection made through a signed `auth` webhook. */
  connectedUser(
    options?: { level?: FitnessLevel; provider?: string; userId?: string },
  ): Promise<{ userId: string; terra: SimUser; connectionId: string }>;
  /** Runs the webhook job once. */
  process(): Promise<string>;
  close(): Promise<void>;
}

export async function terraTestContext(
  options: { env?: Record<string, string>; clock?: Clock } = {},
): Promise<TerraTestContext> {
  const t = await testContext({ env: options.env, clock: options.clock });
  const config = t.services.config;
  const sim = new TerraSimulator({
    devId: config.TERRA_DEV_ID,
    apiKey: config.TERRA_API_KEY,
    webhookSecret: config.TERRA_WEBHOOK_SECRET,
    webhookTarget: (request) => Promise.resolve(t.app.fetch(request)),
  });
  const process = () => processWebhooksTick(t.services, new Date());
  return {
    t,
    sim,
    process,
    connectedUser: async (options = {}) => {
      const userId = options.userId ?? (await createUser(
        t.services.core,
        userInput({ fitness_level: options.level ?? "intermediate" }),
      )).id;
      const terra = sim.addUser(options.provider ?? "GOOGLE_HEALTH", userId);
      const { response } = await sim.send({
        type: "auth",
        status: "success",
        user: terra,
        reference_id: userId,
        widget_session_id: crypto.randomUUID(),
        version: "2022-03-16",
      });
      if (response.status !== 200) throw new Error(`auth webhook answered ${response.status}`);
      await process();
      const connection = await t.services.core.store.ingest.connectionByTerraUser(terra.user_id);
      if (!connection) throw new Error("auth webhook did not create a connection");
      return { userId, terra, connectionId: connection.id };
    },
    close: () => t.close(),
  };
}

/** Σ ledger amounts of a user, and the user's balance. */
export async function ledger(
  t: TestContext,
  userId: string,
): Promise<{ sum: number; rows: number; balance: number }> {
  const [row] = await t.services.db.rows<{ sum: string | null; rows: string; balance: number }>(
    sql`SELECT (SELECT sum(amount) FROM point_transactions WHERE user_id = ${userId}) AS sum,
               (SELECT count(*) FROM point_transactions WHERE user_id = ${userId}) AS rows,
               (SELECT point_balance FROM users WHERE id = ${userId}) AS balance`,
  );
  return { sum: Number(row.sum ?? 0), rows: Number(row.rows), balance: Number(row.balance) };
}

/** Number of rows in a table matching an optional SQL condition. */
export async function countRows(t: TestContext, query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await t.services.db.rows<{ n: string }>(query);
  return Number(row.n);
}
