// Quality gate T15 (docs/performance.md, "Quality gates (T15)"): mutation testing of the pure
// money, ledger and leaderboard rules in core/. Run it with `deno task mutation`, which also
// measures line coverage of the same modules with the same tests (scripts/mutation.ts).
//
// Stryker runs on Node and cannot load Deno tests itself, so the "command" runner runs
// `deno test` once per mutant; the instrumented code picks the active mutant from the
// __STRYKER_ACTIVE_MUTANT__ environment variable. Without per-test coverage every mutant runs
// the whole command, hence the narrow scope: pure modules and their fast unit tests.

/** The pure modules under the gate: points and cap, leaderboard score/cursor/keys, periods, tickets. */
export const mutate = [
  "core/points/rules/rates.ts",
  "core/points/rules/multipliers.ts",
  "core/points/rules/daily_cap.ts",
  "core/points/rules/day_ledger.ts",
  "core/leaderboards/score.ts",
  "core/leaderboards/cursor.ts",
  "core/leaderboards/board_keys.ts",
  "core/time/periods.ts",
  "core/time/platform_day.ts",
  "core/tickets/odds.ts",
  "core/tickets/eligibility.ts",
  // The sales window only; the rest of the file reads the database.
  "core/tickets/_entry.ts:14-27",
];

/** The unit tests that cover them (embedded default: no database, no Redis). */
export const unitTests = [
  "tests/unit/core/points/",
  "tests/unit/core/leaderboards/",
  "tests/unit/core/tickets/",
  "tests/unit/core/periods_test.ts",
  "tests/unit/core/drawings/entry_rules_test.ts",
];

/** Below this mutation score the run fails (exit code 1). */
export const breakScore = 75;

export default {
  testRunner: "command",
  commandRunner: { command: `deno test -A --no-check ${unitTests.join(" ")}` },
  mutate,
  // The sandbox holds only what the tests load; node_modules is linked in by Stryker.
  ignorePatterns: ["**", "!core/**", "!tests/unit/**", "!deno.json", "!deno.lock"],
  // Outside the checkout: `deno fmt`/`deno lint` of other work would read a sandbox inside it.
  tempDirName: "/tmp/fittrack-stryker",
  coverageAnalysis: "off",
  concurrency: 2,
  timeoutMS: 30000,
  reporters: ["clear-text", "progress", "json", "html"],
  jsonReporter: { fileName: "coverage/mutation/mutation.json" },
  htmlReporter: { fileName: "coverage/mutation/mutation.html" },
  thresholds: { high: 85, low: breakScore, break: breakScore },
};
