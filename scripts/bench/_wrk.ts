/**
 * Runs Debian's `wrk` with one of the benches' Lua scripts, whose done()
 * prints the result as one JSON line.
 *
 * @module
 */

/** What the benches' wrk scripts print (latencies in ms). */
export interface WrkResult {
  requests: number;
  seconds: number;
  errors: number;
  non2xx: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Runs `command` (wrk, or taskset pinning wrk) and parses the script's JSON line. */
export async function runWrk<T = WrkResult>(
  command: string,
  args: string[],
  env: Record<string, string>,
): Promise<T> {
  const output = await new Deno.Command(command, {
    args,
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(output.stdout);
  const line = text.split("\n").find((l) => l.startsWith("{"));
  if (!line) {
    throw new Error(`wrk gave no result: ${text} ${new TextDecoder().decode(output.stderr)}`);
  }
  return JSON.parse(line) as T;
}

/** Whether `wrk` (Debian package wrk) is on PATH. */
export async function wrkOnPath(): Promise<boolean> {
  try {
    return (await new Deno.Command("wrk", { args: ["-v"], stdout: "null", stderr: "null" })
      .output()).code !== 127;
  } catch {
    return false;
  }
}
