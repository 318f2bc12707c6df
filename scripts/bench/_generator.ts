/**
 * Load generators in their own process: a bench that generates load in the
 * process that also serves it starves its own server (one event loop for
 * both), so the figures would measure the generator. The bench file starts
 * itself again with `--generate`; the input goes in as JSON on stdin and the
 * result comes back as JSON on stdout.
 *
 * @module
 */

/** The flag that makes a bench file run as its own load generator. */
export const GENERATE_FLAG = "--generate";

/** Runs `file` as a separate Deno process in generator mode and returns its answer. */
export async function inChildProcess<I, O>(file: string, input: I): Promise<O> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", file, GENERATE_FLAG],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(input)));
  await writer.close();
  const { success, code, stdout } = await child.output();
  if (!success) throw new Error(`load generator ${file} exited with ${code}`);
  return JSON.parse(new TextDecoder().decode(stdout)) as O;
}

/** Generator mode: reads the input from stdin, runs `generate`, prints its answer. */
export async function serveGenerator<I, O>(generate: (input: I) => Promise<O>): Promise<void> {
  const input = JSON.parse(await new Response(Deno.stdin.readable).text()) as I;
  console.log(JSON.stringify(await generate(input)));
}
