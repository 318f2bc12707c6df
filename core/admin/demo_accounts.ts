/**
 * The demo accounts every seed creates: a shared contract with the test page,
 * the README and the browser tests.
 *
 * @module
 */
import type { DemoAccount } from "./seeder.ts";

/** Password of every seeded account (development data only). */
export const DEMO_PASSWORD = "FitTrack-Demo-2026!";

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: "admin@fittrack.dev", role: "admin", display_name: "Demo Admin" },
  { email: "premium@fittrack.dev", role: "premium", display_name: "Demo Premium" },
  { email: "user@fittrack.dev", role: "user", display_name: "Demo User" },
];
