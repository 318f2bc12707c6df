/**
 * The load scenario played by Debian's `wrk` (scripts/load/scenario.lua):
 * one connection per virtual user, think time between requests, a random
 * logged-in user per request. wrk costs a fraction of the CPU of a fetch-based
 * generator, which matters when generator and server share two cores.
 *
 * @module
 */
import { runWrk } from "../bench/_wrk.ts";

export interface ScenarioResult {
  requests: number;
  seconds: number;
  /** Connect, read, write and timeout errors (no answer at all). */
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Leaderboard answers whose `source` was Redis. */
  redis_reads: number;
  /** Answers by "task status" (task from the answer's status and first bytes). */
  counts: Record<string, number>;
}

export interface ScenarioOptions {
  url: string;
  users: { token: string; address: string }[];
  drawingId: string | null;
  connections: number;
  seconds: number;
  thinkMin: number;
  thinkMax: number;
}

/** Plays the scenario for `seconds`; resolves with wrk's report. */
export async function runScenario(options: ScenarioOptions): Promise<ScenarioResult> {
  const usersFile = await Deno.makeTempFile({ suffix: ".users" });
  try {
    await Deno.writeTextFile(
      usersFile,
      options.users.map((u) => `${u.token}\t${u.address}\n`).join(""),
    );
    return await runWrk<ScenarioResult>("wrk", [
      "-t2",
      `-c${options.connections}`,
      `-d${options.seconds}s`,
      // A slow answer is measured, not cut off at wrk's 2 s default.
      "--timeout",
      "60s",
      "-s",
      new URL("./scenario.lua", import.meta.url).pathname,
      options.url,
    ], {
      LOAD_USERS: usersFile,
      LOAD_DRAWING: options.drawingId ?? "",
      LOAD_THINK_MIN: String(options.thinkMin),
      LOAD_THINK_MAX: String(options.thinkMax),
    });
  } finally {
    await Deno.remove(usersFile).catch(() => {});
  }
}

/** Requests and error rate per task, and everything together, from one or more runs. */
export function taskRows(results: ScenarioResult[]) {
  const seconds = results.reduce((s, r) => s + r.seconds, 0);
  const counts: Record<string, number> = {};
  for (const r of results) {
    for (const [key, n] of Object.entries(r.counts)) counts[key] = (counts[key] ?? 0) + n;
  }
  // A refused purchase (409 insufficient points, 403 not eligible) is an answer, not an error.
  const failed = (key: string) => {
    const [task, status] = key.split(" ");
    return task === "other" || Number(status) >= 500 || Number(status) === 429;
  };
  const row = (task: string, keys: string[], extraErrors = 0) => {
    const requests = keys.reduce((s, k) => s + counts[k], 0) + extraErrors;
    const errors = keys.filter(failed).reduce((s, k) => s + counts[k], 0) + extraErrors;
    return {
      task,
      requests,
      rps: Math.round(requests / seconds),
      error_rate: requests ? `${((100 * errors) / requests).toFixed(2)}%` : "-",
    };
  };
  const keys = Object.keys(counts);
  const noAnswer = results.reduce((s, r) => s + r.errors, 0);
  return {
    counts,
    rows: [
      ...["leaderboard", "drawings", "buy_ticket"].map((task) =>
        row(task, keys.filter((k) => k.startsWith(`${task} `)))
      ),
      row("all", keys, noAnswer),
    ],
  };
}
