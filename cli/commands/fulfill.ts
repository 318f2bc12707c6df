/**
 * `fittrack fulfill list|ship|deliver|forfeit`: the prize fulfillment workflow
 * for operators, through the same core operations as the admin API.
 *
 * @module
 */
import { type Command, Option } from "commander";
import {
  deliverFulfillment,
  forfeitFulfillment,
  listFulfillments,
  shipFulfillment,
} from "../../core/fulfillment/fulfillment_operations.ts";
import {
  FORFEIT_REASONS,
  type Fulfillment,
  FULFILLMENT_LIST_SPEC,
  FULFILLMENT_STATUSES,
  ShipInputSchema,
} from "../../core/fulfillment/schemas.ts";
import { DomainError } from "../../core/errors.ts";
import { recordTaxForm } from "../../core/fulfillment/tax_form.ts";
import { parseListQuery } from "../../core/pagination.ts";
import { type CliContext, EXIT, type ExitCode } from "../context.ts";
import { table } from "../output.ts";
import type { Action } from "./drawings.ts";

const HEAD = ["id", "winner", "prize", "type", "status", "tax form", "tracking"];
function row(f: Fulfillment): (string | number | boolean | null)[] {
  return [
    f.id,
    f.winner_display_name,
    f.prize.name,
    f.prize.fulfillment_type,
    f.status,
    f.needs_tax_form ? (f.tax_form_received_at ? "received" : "needed") : "",
    f.tracking_number ? `${f.carrier} ${f.tracking_number}` : "",
  ];
}
const show = (ctx: CliContext, f: Fulfillment, verb: string) =>
  ctx.out.result(f, () => `${verb} ${f.id}.\n${table(HEAD, [row(f)])}`);

async function list(ctx: CliContext, flags: { status?: string; page: string }): Promise<ExitCode> {
  const query = parseListQuery(FULFILLMENT_LIST_SPEC, {
    page: Number(flags.page),
    perPage: 50,
    filters: flags.status ? { status: flags.status } : {},
  });
  const page = await listFulfillments(ctx.services.core, query);
  ctx.out.result(
    page,
    () => `${table(HEAD, page.items.map(row))}\n${page.pagination.total} fulfillments`,
  );
  return EXIT.ok;
}

async function ship(ctx: CliContext, id: string, flags: { carrier: string; tracking: string }) {
  const input = ShipInputSchema.safeParse({
    carrier: flags.carrier,
    tracking_number: flags.tracking,
  });
  if (!input.success) {
    throw new DomainError("validation", "Invalid options.", {
      errors: input.error.issues.map((i) => ({
        field: `--${String(i.path[0]).replace("_number", "")}`,
        message: i.message,
      })),
    });
  }
  show(ctx, await shipFulfillment(ctx.services.core, id, input.data, null), "Shipped");
  return EXIT.ok;
}

async function deliver(ctx: CliContext, id: string): Promise<ExitCode> {
  show(ctx, await deliverFulfillment(ctx.services.core, id, null), "Delivered");
  return EXIT.ok;
}

async function forfeit(ctx: CliContext, id: string, flags: { reason: string; note?: string }) {
  if (
    !await ctx.out.confirm(`Forfeit ${id} (${flags.reason}) and award the alternate?`, {
      yes: ctx.yes,
    })
  ) {
    return EXIT.usage;
  }
  const { forfeited, alternate } = await forfeitFulfillment(ctx.services.core, id, flags, null);
  ctx.out.result({ forfeited, alternate }, () =>
    `Forfeited ${forfeited.id}.\n` +
    (alternate
      ? `Alternate winner notified: ${alternate.id}\n${table(HEAD, [row(alternate)])}`
      : "No alternate left."));
  return EXIT.ok;
}

/** Records the W-9 as received; `--by` names the admin doing it (the audit log's actor). */
async function taxForm(ctx: CliContext, id: string, flags: { by: string }): Promise<ExitCode> {
  const admin = (await ctx.services.core.store.users.findByEmail(flags.by.toLowerCase()))?.user;
  if (admin?.role !== "admin") {
    throw new DomainError("validation", `${flags.by} is not an admin account.`, {
      errors: [{ field: "--by", message: "must be the email of an admin" }],
    });
  }
  show(ctx, await recordTaxForm(ctx.services.core, id, admin.id), "Tax form recorded for");
  return EXIT.ok;
}

/** Adds `fulfill ...` to the program. */
export function registerFulfillCommands(program: Command, action: Action): void {
  const fulfill = program.command("fulfill").description("prize fulfillment");
  fulfill.command("list").description("fulfillments, newest first")
    .addOption(new Option("--status <status>", "filter by status").choices(FULFILLMENT_STATUSES))
    .option("--page <n>", "page number", "1")
    .action(action(list));
  fulfill.command("ship").description("mark a confirmed physical prize shipped")
    .argument("<id>", "fulfillment id")
    .requiredOption("--carrier <name>", "carrier, e.g. USPS")
    .requiredOption("--tracking <number>", "tracking number")
    .action(action(ship));
  fulfill.command("deliver").description("mark a shipped prize delivered")
    .argument("<id>", "fulfillment id").action(action(deliver));
  fulfill.command("forfeit").description("forfeit a prize (asks first); the alternate wins it")
    .argument("<id>", "fulfillment id")
    .addOption(
      new Option("--reason <reason>", "reason").choices(FORFEIT_REASONS).makeOptionMandatory(),
    )
    .option("--note <text>", "evidence or note")
    .option("-y, --yes", "do not ask for confirmation")
    .action(action(forfeit));
  fulfill.command("tax-form").description("record the winner's W-9 as received (unblocks shipping)")
    .argument("<id>", "fulfillment id")
    .requiredOption("--by <email>", "the admin recording it")
    .action(action(taxForm));
}
