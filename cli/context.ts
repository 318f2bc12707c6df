/**
 * What every command runs in: exit codes, the services built once from the
 * environment, and the one place errors become messages and exit codes.
 *
 * @module
 */
import { ConfigError, loadConfig } from "../config.ts";
import { DomainError } from "../core/errors.ts";
import { DataDirBusyError } from "../db/data_dir_lock.ts";
import { isDatabaseUnavailable as isUnreachable } from "../db/client.ts";
import { createLogger } from "../integrations/observability/logger.ts";
import { createServices, type ServiceOptions, type Services } from "../services.ts";
import { ConfirmationRequired, createOutput, type Output } from "./output.ts";

/** Exit codes, documented in `fittrack --help` and docs/cli.md. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  databaseUnavailable: 3,
  integrityFailed: 4,
} as const;
export type ExitCode = typeof EXIT[keyof typeof EXIT];

export const EXIT_HELP = `Exit codes:
  0  success
  1  failure (the operation was refused or went wrong)
  2  usage or configuration error (bad flag, bad setting, confirmation refused)
  3  database busy or unreachable (e.g. the embedded database is held by a running server)
  4  integrity check failed`;

/** Thrown by a command to end with a message and a specific exit code. */
export class CliExit extends Error {
  constructor(readonly code: ExitCode, message: string) {
    super(message);
    this.name = "CliExit";
  }
}

/** Options every command sees (commander's global flags). */
export interface GlobalOptions {
  json?: boolean;
  yes?: boolean;
}

export interface CliContext {
  services: Services;
  out: Output;
  yes: boolean;
}

/** The exit code and message for an error thrown by a command. */
export function classify(error: unknown): { code: ExitCode; message: string } {
  if (error instanceof CliExit) return { code: error.code, message: error.message };
  if (error instanceof ConfigError || error instanceof ConfirmationRequired) {
    return { code: EXIT.usage, message: error.message };
  }
  if (error instanceof DataDirBusyError) {
    return { code: EXIT.databaseUnavailable, message: error.message };
  }
  if (error instanceof DomainError) {
    const usage = error.code === "validation" || error.code === "bad_request";
    const fields = error.details.errors?.map((e) => `  - ${e.field}: ${e.message}`) ?? [];
    return {
      code: usage ? EXIT.usage : EXIT.failure,
      message: [error.message, ...fields].join("\n"),
    };
  }
  if (isUnreachable(error)) {
    return {
      code: EXIT.databaseUnavailable,
      message: `The database is unreachable: ${(error as Error).message}`,
    };
  }
  return { code: EXIT.failure, message: `Failed: ${(error as Error)?.message ?? String(error)}` };
}

/**
 * Builds the services, runs `fn`, closes everything, and turns any error into
 * a message on stderr (or a JSON error object with --json) plus an exit code.
 */
export async function runCommand(
  globals: GlobalOptions,
  fn: (ctx: CliContext) => Promise<ExitCode | void>,
  options: ServiceOptions = {},
): Promise<ExitCode> {
  const out = createOutput({ json: globals.json === true });
  let services: Services | undefined;
  try {
    const config = loadConfig();
    // Logs go to stderr and only from warn up, so stdout stays clean for tables and --json.
    const logger = createLogger(config.LOG_LEVEL === "debug" ? "debug" : "warn", console.error);
    services = await createServices(config, { ...options, logger });
    return (await fn({ services, out, yes: globals.yes === true })) ?? EXIT.ok;
  } catch (error) {
    const { code, message } = classify(error);
    out.error(message, code);
    return code;
  } finally {
    await services?.close().catch(() => {});
  }
}
