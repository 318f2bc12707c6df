/**
 * `deno task mutation`: the T15 quality gates on the pure money, ledger and
 * leaderboard modules named in stryker.config.mjs — line coverage of those
 * modules by their unit tests, then the Stryker mutation score.
 *
 * Stryker runs on Node, so it is installed with npm into `.mutation/` (git-ignored)
 * the first time. Everything runs under `nice -n 10`: the machine is shared.
 *
 * @module
 */
import { breakScore, mutate, unitTests } from "../stryker.config.mjs";

/** StrykerJS 10 needs Node 22; this machine has Node 20. */
const STRYKER = "@stryker-mutator/core@9.5.1";
const INSTALL_DIR = ".mutation";
const STRYKER_BIN = `${INSTALL_DIR}/node_modules/.bin/stryker`;
const COVERAGE_DIR = "coverage/quality";
const REPORT = "coverage/mutation/mutation.json";
/** T15: line coverage of the gated modules. */
const COVERAGE_GATE = 90;

async function run(command: string, args: string[], capture = false): Promise<string> {
  const output = await new Deno.Command(command, {
    args,
    stdout: capture ? "piped" : "inherit",
    stderr: "inherit",
  }).output();
  if (!output.success) {
    throw new Error(`${command} ${args.join(" ")} failed (exit ${output.code})`);
  }
  return capture ? new TextDecoder().decode(output.stdout) : "";
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

async function ensureStryker(): Promise<void> {
  if (await exists(STRYKER_BIN)) return;
  console.log(`Installing ${STRYKER} into ${INSTALL_DIR}/ …`);
  await Deno.mkdir(INSTALL_DIR, { recursive: true });
  await run("npm", [
    "install",
    "--prefix",
    INSTALL_DIR,
    "--no-save",
    "--no-audit",
    "--no-fund",
    "--loglevel=error",
    STRYKER,
  ]);
}

/** A `mutate` entry: a file, optionally limited to lines `from-to` ("file.ts:14-27"). */
function scope(entry: string): { file: string; from: number; to: number } {
  const [, file, from, to] = entry.match(/^(.*?)(?::(\d+)(?::\d+)?-(\d+)(?::\d+)?)?$/)!;
  return { file, from: from ? Number(from) : 1, to: to ? Number(to) : Infinity };
}

/**
 * Line coverage of the mutated code by the same unit tests Stryker runs, in percent.
 * The table shows whole files; the gate counts only the mutated line ranges.
 */
async function measureCoverage(): Promise<number> {
  await Deno.remove(COVERAGE_DIR, { recursive: true }).catch(() => {});
  await run("nice", [
    "-n",
    "10",
    "deno",
    "test",
    "-A",
    "--quiet",
    "--coverage-raw-data-only",
    `--coverage=${COVERAGE_DIR}`,
    ...unitTests,
  ]);
  const scopes = mutate.map(scope);
  const include = `(${scopes.map((s) => s.file.replaceAll(".", "\\.")).join("|")})$`;
  console.log("\nLine coverage of the mutated modules (whole files):");
  await run("deno", ["coverage", `--include=${include}`, COVERAGE_DIR]);
  const lcov = await run(
    "deno",
    ["coverage", "--lcov", `--include=${include}`, COVERAGE_DIR],
    true,
  );
  let found = 0;
  let hit = 0;
  for (const record of lcov.split("end_of_record")) {
    const source = record.match(/^SF:(.*)$/m)?.[1];
    const range = scopes.find((s) => source?.endsWith(s.file));
    if (!range) continue;
    for (const [, line, count] of record.matchAll(/^DA:(\d+),(\d+)/gm)) {
      if (Number(line) < range.from || Number(line) > range.to) continue;
      found++;
      if (Number(count) > 0) hit++;
    }
  }
  return 100 * hit / found;
}

interface MutantResult {
  status: string;
}

/** One line for docs and logs: the score and the counts behind it. */
async function summarize(): Promise<void> {
  const report = JSON.parse(await Deno.readTextFile(REPORT)) as {
    files: Record<string, { mutants: MutantResult[] }>;
  };
  const counts: Record<string, number> = {};
  for (const file of Object.values(report.files)) {
    for (const mutant of file.mutants) counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
  }
  const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const valid = detected + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
  const score = valid === 0 ? 0 : 100 * detected / valid;
  console.log(
    `\nMutation score ${score.toFixed(2)}% (gate ≥ ${breakScore}%): ` +
      Object.entries(counts).map(([status, n]) => `${status} ${n}`).join(", "),
  );
}

if (import.meta.main) {
  const coverage = await measureCoverage();
  const coverageFails = coverage < COVERAGE_GATE;
  console.log(
    `Line coverage of the mutated code ${coverage.toFixed(1)}% (gate ≥ ${COVERAGE_GATE}%)\n`,
  );
  // `deno task mutation --coverage-only`: the quick half, without Stryker.
  if (Deno.args.includes("--coverage-only")) Deno.exit(coverageFails ? 1 : 0);
  await ensureStryker();
  // Stryker exits non-zero when the score is under the break threshold.
  const stryker = await new Deno.Command("nice", {
    args: ["-n", "10", STRYKER_BIN, "run", "stryker.config.mjs"],
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (await exists(REPORT)) await summarize();
  Deno.exit(stryker.code || (coverageFails ? 1 : 0));
}
