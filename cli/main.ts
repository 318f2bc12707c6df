/**
 * `fittrack`: the operator CLI. Every command builds the services from the
 * environment (the same settings as the server), calls the same core
 * operation the API calls, and prints a table or, with --json, JSON.
 *
 * @module
 */
import { Argument, Command, CommanderError, Option } from "commander";
import { SEED_DEFAULTS } from "../core/admin/schemas.ts";
import { ROLES, USER_STATUSES } from "../core/users/schemas.ts";
import { dbMigrate, dbStatus } from "./commands/db_migrate.ts";
import { dbReset, dbSeed } from "./commands/db_seed.ts";
import { leaderboardsRebuild, leaderboardsShow } from "./commands/leaderboards.ts";
import { reportsIntegrity, reportsSummary } from "./commands/reports.ts";
import { PERIODS } from "../core/time/periods.ts";
import { usersCreate, usersList, usersPromote, usersUnlock } from "./commands/users.ts";
import { registerDrawingCommands } from "./commands/drawings.ts";
import { registerFulfillCommands } from "./commands/fulfill.ts";
import { type CliContext, EXIT, EXIT_HELP, type ExitCode, runCommand } from "./context.ts";
import { syncRun } from "./commands/sync.ts";
import { connectionsList } from "./commands/connections.ts";
import { reportSmoke, runSmoke } from "./commands/smoke.ts";
import { jobsList, jobsRun } from "./commands/jobs.ts";
import { createOutput } from "./output.ts";
import { CONNECTION_STATUSES, SYNC_STATUSES } from "../core/trackers/schemas.ts";
import type { ServiceOptions } from "../services.ts";

type Handler = (ctx: CliContext, ...args: never[]) => Promise<ExitCode>;

/** Builds the command tree; `setExit` receives each action's exit code. */
export function buildProgram(setExit: (code: ExitCode) => void): Command {
  const program = new Command("fittrack")
    .description("FitTrack operator CLI: database, seed data, reports and users.")
    .option("--json", "print machine-readable JSON on stdout")
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText("after", `\n${EXIT_HELP}`);

  const action = (fn: Handler, options: ServiceOptions = {}) => async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    const globals = command.optsWithGlobals() as { json?: boolean; yes?: boolean };
    setExit(await runCommand(globals, (ctx) => fn(ctx, ...args.slice(0, -1) as never[]), options));
  };
  const seedFlags = (c: Command) =>
    c.option("--users <n>", "users to create", String(SEED_DEFAULTS.users))
      .option("--activities <n>", "activities to create", String(SEED_DEFAULTS.activities))
      .option("--drawings <n>", "drawings to create", String(SEED_DEFAULTS.drawings))
      .option("--seed <n>", "random seed (same seed, same data)", String(SEED_DEFAULTS.seed));

  program.command("smoke").description("post-deployment smoke checks against a running deployment")
    .requiredOption("--url <url>", "base URL, e.g. https://fittrack.example.com")
    .option("--admin-email <email>", "an admin account for the login and create-drawing checks")
    .option("--admin-password <password>", "its password (or FITTRACK_SMOKE_PASSWORD)")
    .action(async (opts: { url: string; adminEmail?: string; adminPassword?: string }, cmd) => {
      const { json } = cmd.optsWithGlobals() as { json?: boolean };
      const checks = await runSmoke({
        url: opts.url,
        adminEmail: opts.adminEmail,
        adminPassword: opts.adminPassword ?? Deno.env.get("FITTRACK_SMOKE_PASSWORD"),
      });
      setExit(reportSmoke(createOutput({ json: Boolean(json) }), checks));
    });

  const jobs = program.command("jobs").description(
    "scheduled jobs: list them, run one tick by hand",
  );
  jobs.command("list").description("every job and its schedule").action(action(jobsList));
  jobs.command("run").description("run one tick of a job now (claimed like any tick)")
    .argument("<name>", "job name (see jobs list)").action(action(jobsRun));

  const db = program.command("db").description("database: migrations, seed data, reset, status");
  db.command("migrate").description("apply pending migrations")
    .action(action(dbMigrate, { migrate: false }));
  db.command("status").description("database version, migrations and rows per table")
    .action(action(dbStatus, { migrate: false }));
  seedFlags(db.command("seed").description("replace all domain data with generated demo data"))
    .action(action(dbSeed));
  seedFlags(db.command("reset").description("drop every table, migrate and seed (asks first)"))
    .option("-y, --yes", "do not ask for confirmation (required when not on a terminal)")
    .action(action(dbReset));

  const reports = program.command("reports").description("system reports");
  reports.command("summary").description("counts, breakdowns, workflows and integrity checks")
    .action(action(reportsSummary));
  reports.command("integrity").description("integrity checks only (exit 4 when one fails)")
    .action(action(reportsIntegrity));

  const boards = program.command("leaderboards").description("live leaderboards");
  boards.command("show").description("one page of a tier's board for the current period")
    .addArgument(new Argument("<period>", "period").choices(PERIODS))
    .requiredOption("--tier <code>", "tier code, e.g. M-30-39-INT or OPEN")
    .option("--limit <n>", "rows per page (max 100)", "20")
    .option("--page <n>", "page number", "1")
    .action(action(leaderboardsShow));
  boards.command("rebuild").description("rollups from the ledger, then Redis from the rollups")
    .option("--redis-only", "keep the rollups; reload only the Redis sorted sets")
    .action(action(leaderboardsRebuild));

  const users = program.command("users").description("user accounts");
  users.command("list").description("list users (newest first)")
    .addOption(new Option("--role <role>", "filter by role").choices(ROLES))
    .addOption(new Option("--status <status>", "filter by status").choices(USER_STATUSES))
    .option("--tier <code>", "filter by tier code, e.g. M-30-39-INT or OPEN")
    .option("--email <email>", "filter by email")
    .option("--sort <fields>", "e.g. -point_balance,email")
    .option("--page <n>", "page number", "1")
    .option("--per-page <n>", "rows per page (max 100)", "20")
    .action(action(usersList));
  users.command("create").description("create an active user with a profile")
    .requiredOption("--email <email>", "email address")
    .option("--password <password>", "password (12+ characters); omit for no password login")
    .addOption(new Option("--role <role>", "role").choices(ROLES).default("user"))
    .addOption(new Option("--status <status>", "status").choices(USER_STATUSES).default("active"))
    .requiredOption("--display-name <name>", "public display name")
    .requiredOption("--date-of-birth <YYYY-MM-DD>", "date of birth (18+)")
    .requiredOption("--state <code>", "US state, e.g. CA")
    .addOption(
      new Option("--sex <sex>", "biological sex").choices(["male", "female"]).makeOptionMandatory(),
    )
    .addOption(
      new Option("--fitness-level <level>", "fitness level")
        .choices(["beginner", "intermediate", "advanced"]).makeOptionMandatory(),
    )
    .option("--open-tier", "compete in the OPEN tier")
    .action(action(usersCreate));
  users.command("promote").description("change a user's role")
    .argument("<user>", "user id or email")
    .addOption(new Option("--role <role>", "new role").choices(ROLES).makeOptionMandatory())
    .action(action(usersPromote));
  users.command("unlock").description("clear failed logins and any lockout")
    .argument("<user>", "user id or email")
    .action(action(usersUnlock));
  registerDrawingCommands(program, action);
  registerFulfillCommands(program, action);
  program.command("sync").description("tracker sync")
    .command("run").description("sync due connections now (--user: all of one user's)")
    .option("--user <email>", "only this user's connections, due or not")
    .action(action(syncRun));
  program.command("connections").description("tracker connections")
    .command("list").description("live connections with their owners")
    .addOption(
      new Option("--status <status>", "connection or sync status, e.g. error")
        .choices([...new Set([...CONNECTION_STATUSES, ...SYNC_STATUSES])]),
    )
    .option("--user <email>", "only this user's connections")
    .action(action(connectionsList));
  return program;
}

/** Runs the CLI on `args`; returns the exit code. */
export async function main(args: string[]): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  const program = buildProgram((c) => (code = c));
  try {
    // `deno task cli -- db seed` passes the "--" through; it is not an operand here.
    await program.parseAsync(args[0] === "--" ? args.slice(1) : args, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw error;
  }
  return code;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
