/**
 * Runs the real CLI (`deno run -A cli/main.ts`) in a child process against a
 * fresh database: a temp FITTRACK_DATA_DIR (PGlite), or a fresh PostgreSQL
 * schema when FITTRACK_TEST_DATABASE_URL is set.
 *
 * @module
 */
import { openDatabase } from "../../../db/client.ts";
import { TEST_DATABASE_URL, TEST_ENCRYPTION_KEY } from "../../_support/services.ts";

const MAIN = new URL("../../../cli/main.ts", import.meta.url).pathname;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliEnv {
  env: Record<string, string>;
  /** The PGlite data folder (absent on PostgreSQL). */
  dataDir?: string;
  run(...args: string[]): Promise<CliResult>;
  /** Parses stdout as JSON (asserting it is JSON). */
  json<T = Record<string, unknown>>(result: CliResult): T;
  close(): Promise<void>;
}

export async function cliEnv(): Promise<CliEnv> {
  const schema = `cli_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const dataDir = TEST_DATABASE_URL
    ? undefined
    : await Deno.makeTempDir({ prefix: "fittrack_cli_" });
  const env: Record<string, string> = {
    APP_ENV: "test",
    LOG_LEVEL: "warn",
    FITTRACK_JOBS: "false",
    NO_COLOR: "1",
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    ...(TEST_DATABASE_URL
      ? { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema }
      : { FITTRACK_DATA_DIR: dataDir! }),
  };
  return {
    env,
    dataDir,
    run: async (...args) => {
      const output = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", MAIN, ...args],
        env,
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
      }).output();
      const decode = (b: Uint8Array) => new TextDecoder().decode(b);
      return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
    },
    json: <T>(result: CliResult) => {
      try {
        return JSON.parse(result.stdout) as T;
      } catch {
        throw new Error(
          `stdout is not JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`,
        );
      }
    },
    close: async () => {
      if (dataDir) {
        await Deno.remove(dataDir, { recursive: true });
        return;
      }
      const db = await openDatabase({ url: TEST_DATABASE_URL, schema, poolSize: 1 });
      try {
        await db.session((raw) => raw.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
      } finally {
        await db.close();
      }
    },
  };
}
