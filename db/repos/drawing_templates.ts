import { and, asc, eq, sql } from "drizzle-orm";
import type { DrawingTemplateRepo, TemplatePatch } from "../../core/drawing_templates/repo.ts";
import type {
  CreateTemplateInput,
  DrawingTemplate,
  TemplateFilter,
  TemplateSort,
} from "../../core/drawing_templates/schemas.ts";
import type { PrizeInput } from "../../core/drawings/schemas.ts";
import type { ListQuery, Page } from "../../core/pagination.ts";
import type { Orm } from "../client.ts";
import { drawingTemplates } from "../schema/mod.ts";
import { iso, orderBy, pageFrom } from "./_list.ts";

const t = drawingTemplates;
type Row = typeof t.$inferSelect;

function toTemplate(row: Row): DrawingTemplate {
  return {
    id: row.id,
    drawing_type: row.drawingType,
    name_pattern: row.namePattern,
    description: row.description,
    ticket_cost_points: row.ticketCostPoints,
    prizes: row.prizes as PrizeInput[],
    eligibility: row.eligibility,
    rules_text: row.rulesText,
    per_user_cap: row.perUserCap,
    free_entries_per_user: row.freeEntriesPerUser,
    use_beacon: row.useBeacon,
    sales_open_minutes: row.salesOpenMinutes,
    sales_close_minutes_before_end: row.salesCloseMinutesBeforeEnd,
    drawing_minutes_after_end: row.drawingMinutesAfterEnd,
    active: row.active,
    created_by: row.createdBy,
    created_at: iso(row.createdAt)!,
    updated_at: iso(row.updatedAt)!,
    version: row.version,
  };
}

/** API field names → columns; undefined fields are left out of the UPDATE. */
function columnsOf(v: TemplatePatch): Partial<typeof t.$inferInsert> {
  const set = {
    drawingType: v.drawing_type,
    namePattern: v.name_pattern,
    description: v.description,
    ticketCostPoints: v.ticket_cost_points,
    prizes: v.prizes,
    eligibility: v.eligibility,
    rulesText: v.rules_text,
    perUserCap: v.per_user_cap,
    freeEntriesPerUser: v.free_entries_per_user,
    useBeacon: v.use_beacon,
    salesOpenMinutes: v.sales_open_minutes,
    salesCloseMinutesBeforeEnd: v.sales_close_minutes_before_end,
    drawingMinutesAfterEnd: v.drawing_minutes_after_end,
    active: v.active,
  };
  return Object.fromEntries(Object.entries(set).filter(([, x]) => x !== undefined));
}

const SORT_COLUMNS = {
  created_at: t.createdAt,
  name_pattern: t.namePattern,
  drawing_type: t.drawingType,
};

export class DrizzleDrawingTemplateRepo implements DrawingTemplateRepo {
  constructor(private readonly orm: Orm) {}

  async insert(input: CreateTemplateInput, createdBy: string | null): Promise<DrawingTemplate> {
    const [row] = await this.orm.insert(t).values({
      ...columnsOf(input),
      drawingType: input.drawing_type,
      namePattern: input.name_pattern,
      ticketCostPoints: input.ticket_cost_points,
      createdBy,
    }).returning();
    return toTemplate(row);
  }

  async findById(id: string): Promise<DrawingTemplate | null> {
    const [row] = await this.orm.select().from(t).where(eq(t.id, id));
    return row ? toTemplate(row) : null;
  }

  list(query: ListQuery<TemplateSort, TemplateFilter>): Promise<Page<DrawingTemplate>> {
    const f = query.filters;
    const where = and(
      f.drawing_type ? eq(t.drawingType, f.drawing_type as Row["drawingType"]) : undefined,
      f.active ? eq(t.active, f.active === "true") : undefined,
    );
    const order = orderBy(query, SORT_COLUMNS, t.id);
    return pageFrom({
      orm: this.orm,
      table: t,
      where,
      order,
      query,
      rows: (limit, offset) =>
        this.orm.select().from(t).where(where).orderBy(...order).limit(limit).offset(offset),
      map: toTemplate,
    });
  }

  async update(
    id: string,
    patch: TemplatePatch,
    expectedVersion?: number,
  ): Promise<DrawingTemplate | null> {
    const [row] = await this.orm.update(t).set({
      ...columnsOf(patch),
      updatedAt: sql`now()`,
      version: sql`${t.version} + 1`,
    }).where(and(
      eq(t.id, id),
      expectedVersion === undefined ? undefined : eq(t.version, expectedVersion),
    )).returning();
    return row ? toTemplate(row) : null;
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.orm.delete(t).where(eq(t.id, id)).returning({ id: t.id });
    return rows.length === 1;
  }

  async active(limit: number): Promise<DrawingTemplate[]> {
    const rows = await this.orm.select().from(t).where(eq(t.active, true))
      .orderBy(asc(t.createdAt), asc(t.id)).limit(limit);
    return rows.map(toTemplate);
  }
}
