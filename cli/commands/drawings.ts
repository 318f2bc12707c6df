/**
 * `fittrack drawings list|create|schedule|execute|verify|results|templates`:
 * the same core operations as the drawings and admin APIs.
 *
 * @module
 */
import { type Command, Option } from "commander";
import { verifyProof } from "../../core/drawings/draw/mod.ts";
import { verifyQuicknetSignature } from "../../integrations/drand/quicknet.ts";
import { createDrawing, listDrawings } from "../../core/drawings/drawing_operations.ts";
import { getLeaves, getProof, getResults } from "../../core/drawings/drawing_results.ts";
import { executeDrawing } from "../../core/drawings/execute_drawing.ts";
import {
  CreateDrawingSchema,
  type Drawing,
  DRAWING_LIST_SPEC,
  DRAWING_STATUSES,
  DRAWING_TYPES,
} from "../../core/drawings/schemas.ts";
import { transitionDrawing } from "../../core/drawings/transition_drawing.ts";
import { parseListQuery } from "../../core/pagination.ts";
import { type CliContext, EXIT, type ExitCode } from "../context.ts";
import { table } from "../output.ts";
import { registerTemplateCommands } from "./drawing_templates.ts";
import { invalidOptions, prizeOf } from "./_drawing_options.ts";

/** Wraps a command body the way cli/main.ts does (services, output, exit code). */
// deno-lint-ignore no-explicit-any
export type Action = (fn: (ctx: CliContext, ...args: any[]) => Promise<ExitCode>) => (
  ...args: unknown[]
) => Promise<void>;

const NO_CALLER = "00000000-0000-0000-0000-000000000000";

function row(d: Drawing): (string | number)[] {
  return [
    d.id,
    d.name,
    d.drawing_type,
    d.status,
    d.ticket_cost_points,
    d.total_tickets,
    d.drawing_time,
  ];
}
const HEAD = ["id", "name", "type", "status", "cost", "tickets", "drawing_time"];

async function list(ctx: CliContext, flags: { status?: string; page: string }): Promise<ExitCode> {
  const query = parseListQuery(DRAWING_LIST_SPEC, {
    page: Number(flags.page),
    perPage: 50,
    sort: "-drawing_time",
    filters: flags.status ? { status: flags.status } : {},
  });
  const page = await listDrawings(ctx.services.core, query);
  ctx.out.result(
    page,
    () => `${table(HEAD, page.items.map(row))}\n${page.pagination.total} drawings`,
  );
  return EXIT.ok;
}

async function create(ctx: CliContext, flags: {
  type: string;
  name: string;
  cost: string;
  salesClose: string;
  drawingTime: string;
  salesOpen?: string;
  prize: string[];
  cap?: string;
  beacon?: boolean;
}): Promise<ExitCode> {
  const parsed = CreateDrawingSchema.safeParse({
    drawing_type: flags.type,
    name: flags.name,
    ticket_cost_points: Number(flags.cost),
    ticket_sales_close: flags.salesClose,
    drawing_time: flags.drawingTime,
    ticket_sales_open: flags.salesOpen,
    per_user_cap: flags.cap ? Number(flags.cap) : undefined,
    prizes: flags.prize.map(prizeOf),
    use_beacon: flags.beacon,
  });
  if (!parsed.success) throw invalidOptions(parsed.error.issues);
  const drawing = await createDrawing(ctx.services.core, parsed.data);
  ctx.out.result(
    drawing,
    () => `Created ${drawing.name} (${drawing.id}) as draft.\n${table(HEAD, [row(drawing)])}`,
  );
  return EXIT.ok;
}

async function schedule(ctx: CliContext, id: string): Promise<ExitCode> {
  const drawing = await transitionDrawing(ctx.services.core, id, "scheduled");
  ctx.out.result(drawing, () => `Scheduled ${drawing.name}; commitment ${drawing.commitment}`);
  return EXIT.ok;
}

async function execute(ctx: CliContext, id: string): Promise<ExitCode> {
  if (
    !await ctx.out.confirm(`Execute drawing ${id} now? Its winners are final.`, { yes: ctx.yes })
  ) {
    return EXIT.usage;
  }
  const run = await ctx.out.spin("Drawing winners", () => executeDrawing(ctx.services.core, id));
  ctx.out.result(
    run,
    () =>
      `Executed ${id}: ${run.winners} winners from ${run.ticket_count} tickets.\n` +
      `Merkle root ${run.merkle_root}\nKey ${run.key}`,
  );
  return EXIT.ok;
}

async function verify(ctx: CliContext, id: string): Promise<ExitCode> {
  const core = ctx.services.core;
  const proof = await getProof(core, id);
  const leaves = (await getLeaves(core, id, 1, Number.MAX_SAFE_INTEGER)).items;
  const verdict = verifyProof(proof, leaves, { checkBeaconSignature: verifyQuicknetSignature });
  ctx.out.result(
    { drawing_id: id, ...verdict },
    () =>
      verdict.ok
        ? `VERIFIED drawing ${id}: ${leaves.length} tickets, winners recomputed from the published proof`
        : `NOT VERIFIED drawing ${id}:\n${verdict.problems.map((p) => `  - ${p}`).join("\n")}`,
  );
  return verdict.ok ? EXIT.ok : EXIT.integrityFailed;
}

async function results(ctx: CliContext, id: string): Promise<ExitCode> {
  const r = await getResults(ctx.services.core, id, NO_CALLER);
  ctx.out.result(r, () =>
    `${r.name}: ${r.total_tickets} tickets\n` +
    table(
      ["rank", "prize", "usd", "ticket", "winner", "fulfillment"],
      r.winners.map((
        w,
      ) => [
        w.prize_rank,
        w.prize_name,
        w.prize_value_usd,
        w.ticket_number,
        w.display_name,
        w.fulfillment_status,
      ]),
    ));
  return EXIT.ok;
}

/** Adds `drawings ...` to the program. */
export function registerDrawingCommands(program: Command, action: Action): void {
  const drawings = program.command("drawings").description("sweepstakes drawings");
  drawings.command("list").description("drawings, latest drawing time first")
    .addOption(new Option("--status <status>", "filter by status").choices(DRAWING_STATUSES))
    .option("--page <n>", "page number", "1")
    .action(action(list));
  drawings.command("create").description("create a draft drawing")
    .addOption(
      new Option("--type <type>", "drawing type").choices(DRAWING_TYPES).makeOptionMandatory(),
    )
    .requiredOption("--name <name>", "name")
    .requiredOption("--cost <points>", "ticket cost in points")
    .requiredOption("--sales-close <iso>", "ticket sales close (ISO 8601)")
    .requiredOption("--drawing-time <iso>", "drawing time (ISO 8601)")
    .option("--sales-open <iso>", "ticket sales open (ISO 8601; default: when opened)")
    .option("--cap <n>", "prizes one person may win (default 1)")
    .option("--beacon", "mix a drand quicknet round into the draw (needs DRAND_URL)")
    .option(
      "--prize <spec>",
      'prize "rank|name|value_usd|digital|physical[|quantity]" (repeatable)',
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .action(action(create));
  registerTemplateCommands(drawings, action);
  drawings.command("schedule").description("draft → scheduled (publishes the commitment)")
    .argument("<id>", "drawing id").action(action(schedule));
  drawings.command("execute").description("draw the winners of a closed drawing (asks first)")
    .argument("<id>", "drawing id")
    .option("-y, --yes", "do not ask for confirmation")
    .action(action(execute));
  drawings.command("verify").description("recompute the winners from the published proof")
    .argument("<id>", "drawing id").action(action(verify));
  drawings.command("results").description("winners, ticket numbers and prizes")
    .argument("<id>", "drawing id").action(action(results));
}
