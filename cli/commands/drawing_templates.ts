/**
 * `fittrack drawings templates list|create|pause|resume|delete`: recurring
 * drawings, through the same core operations as /api/v1/admin/drawing-templates.
 *
 * @module
 */
import { type Command, Option } from "commander";
import {
  CreateTemplateSchema,
  type DrawingTemplate,
  TEMPLATE_LIST_SPEC,
  TEMPLATE_TYPES,
} from "../../core/drawing_templates/schemas.ts";
import {
  createTemplate,
  deleteTemplate,
  listTemplates,
  updateTemplate,
} from "../../core/drawing_templates/template_operations.ts";
import { parseListQuery } from "../../core/pagination.ts";
import { type CliContext, EXIT, type ExitCode } from "../context.ts";
import { table } from "../output.ts";
import type { Action } from "./drawings.ts";
import { invalidOptions, prizeOf } from "./_drawing_options.ts";

const HEAD = [
  "id",
  "type",
  "name pattern",
  "cost",
  "open +min",
  "close -min",
  "draw +min",
  "active",
];
function row(t: DrawingTemplate): (string | number | boolean)[] {
  return [
    t.id,
    t.drawing_type,
    t.name_pattern,
    t.ticket_cost_points,
    t.sales_open_minutes,
    t.sales_close_minutes_before_end,
    t.drawing_minutes_after_end,
    t.active,
  ];
}

async function list(ctx: CliContext): Promise<ExitCode> {
  const query = parseListQuery(TEMPLATE_LIST_SPEC, { page: 1, perPage: 100, filters: {} });
  const page = await listTemplates(ctx.services.core, query);
  ctx.out.result(
    page,
    () => `${table(HEAD, page.items.map(row))}\n${page.pagination.total} templates`,
  );
  return EXIT.ok;
}

async function create(ctx: CliContext, flags: {
  type: string;
  name: string;
  cost: string;
  openAfter: string;
  closeBefore: string;
  drawAfter: string;
  prize: string[];
  beacon?: boolean;
}): Promise<ExitCode> {
  const parsed = CreateTemplateSchema.safeParse({
    drawing_type: flags.type,
    name_pattern: flags.name,
    ticket_cost_points: Number(flags.cost),
    sales_open_minutes: Number(flags.openAfter),
    sales_close_minutes_before_end: Number(flags.closeBefore),
    drawing_minutes_after_end: Number(flags.drawAfter),
    prizes: flags.prize.map(prizeOf),
    use_beacon: flags.beacon ?? false,
  });
  if (!parsed.success) throw invalidOptions(parsed.error.issues);
  const template = await createTemplate(ctx.services.core, parsed.data);
  ctx.out.result(
    template,
    () => `Created template ${template.id}.\n${table(HEAD, [row(template)])}`,
  );
  return EXIT.ok;
}

function setActive(active: boolean) {
  return async (ctx: CliContext, id: string): Promise<ExitCode> => {
    const template = await updateTemplate(ctx.services.core, id, { active });
    ctx.out.result(template, () => `${active ? "Resumed" : "Paused"} template ${template.id}.`);
    return EXIT.ok;
  };
}

async function remove(ctx: CliContext, id: string): Promise<ExitCode> {
  if (!await ctx.out.confirm(`Delete template ${id}? Its drawings stay.`, { yes: ctx.yes })) {
    return EXIT.usage;
  }
  await deleteTemplate(ctx.services.core, id);
  ctx.out.result({ id, deleted: true }, () => `Deleted template ${id}.`);
  return EXIT.ok;
}

/** Adds `drawings templates ...` under the `drawings` command. */
export function registerTemplateCommands(drawings: Command, action: Action): void {
  const templates = drawings.command("templates").description("recurring-drawing templates");
  templates.command("list").description("every template").action(action(list));
  templates.command("create").description("a template; the job creates each period's drawing")
    .addOption(
      new Option("--type <type>", "period").choices(TEMPLATE_TYPES).makeOptionMandatory(),
    )
    .requiredOption("--name <pattern>", "name pattern: {date}, {month}, {year}")
    .requiredOption("--cost <points>", "ticket cost in points")
    .option("--open-after <min>", "sales open, minutes after the period starts", "0")
    .option("--close-before <min>", "sales close, minutes before the period ends", "0")
    .option("--draw-after <min>", "drawing time, minutes after the period ends", "0")
    .option("--beacon", "mix a drand quicknet round into each draw (needs DRAND_URL)")
    .option(
      "--prize <spec>",
      'prize "rank|name|value_usd|digital|physical[|quantity]" (repeatable)',
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .action(action(create));
  templates.command("pause").description("stop creating drawings (active = false)")
    .argument("<id>", "template id").action(action(setActive(false)));
  templates.command("resume").description("create drawings again (active = true)")
    .argument("<id>", "template id").action(action(setActive(true)));
  templates.command("delete").description("delete a template (asks first); its drawings stay")
    .argument("<id>", "template id")
    .option("-y, --yes", "do not ask for confirmation")
    .action(action(remove));
}
