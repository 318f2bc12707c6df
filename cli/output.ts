/**
 * How the CLI talks: tables (cli-table3) or JSON on stdout, messages and
 * errors on stderr, spinners (ora) only on an interactive terminal without
 * --json, confirmations (@clack/prompts) skippable with --yes and refused off
 * a terminal.
 *
 * @module
 */
import { cancel, confirm, isCancel } from "@clack/prompts";
import Table from "cli-table3";
import ora from "ora";

export interface Output {
  readonly json: boolean;
  /** The command's result: pretty-printed JSON with --json, else `render()`'s text. */
  result(data: unknown, render: () => string): void;
  /** A progress or status line (stderr, so stdout stays machine-readable). */
  note(message: string): void;
  /** An error: a JSON object on stdout with --json, the message on stderr always. */
  error(message: string, exitCode: number): void;
  /** Runs `work` under a spinner when interactive. */
  spin<T>(text: string, work: () => Promise<T>): Promise<T>;
  /**
   * Asks before a destructive action. True with --yes; throws when not on a
   * terminal (a script must say --yes); false when the user declines.
   */
  confirm(message: string, options: { yes: boolean }): Promise<boolean>;
}

/** A table of `rows` with `head` columns, as text. */
export function table(head: string[], rows: (string | number | boolean | null)[][]): string {
  const t = new Table({ head, style: { head: [], border: [] } });
  for (const row of rows) t.push(row.map((c) => (c === null ? "" : String(c))));
  return t.toString();
}

/** A two-column key/value table. */
export function keyValues(entries: Record<string, unknown>, head = ["field", "value"]): string {
  return table(
    head,
    Object.entries(entries).map((
      [k, v],
    ) => [k, typeof v === "object" ? JSON.stringify(v) : String(v)]),
  );
}

/** Thrown by {@link Output.confirm} when a confirmation cannot be asked. */
export class ConfirmationRequired extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfirmationRequired";
  }
}

export function createOutput(options: { json: boolean }): Output {
  const interactive = Deno.stdout.isTerminal() && !options.json;
  return {
    json: options.json,
    result: (data, render) => {
      console.log(options.json ? JSON.stringify(data, null, 2) : render());
    },
    note: (message) => {
      if (!options.json) console.error(message);
    },
    error: (message, exitCode) => {
      if (options.json) {
        console.log(JSON.stringify({ error: { message, exit_code: exitCode } }, null, 2));
      }
      console.error(message);
    },
    spin: async (text, work) => {
      if (!interactive) return await work();
      const spinner = ora({ text }).start();
      try {
        const value = await work();
        spinner.succeed();
        return value;
      } catch (error) {
        spinner.fail();
        throw error;
      }
    },
    confirm: async (message, { yes }) => {
      if (yes) return true;
      if (!Deno.stdin.isTerminal() || !Deno.stdout.isTerminal()) {
        throw new ConfirmationRequired(
          `Refusing to continue without confirmation: ${message} Pass --yes to confirm.`,
        );
      }
      const answer = await confirm({ message, initialValue: false });
      if (isCancel(answer) || answer !== true) {
        cancel("Cancelled; nothing was changed.");
        return false;
      }
      return true;
    },
  };
}
