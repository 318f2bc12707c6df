import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DrawingPatch, DrawingRepo } from "../../core/drawings/repo.ts";
import type {
  CreateDrawingInput,
  Drawing,
  DrawingFilter,
  DrawingSort,
  Prize,
} from "../../core/drawings/schemas.ts";
import type { ListQuery, Page } from "../../core/pagination.ts";
import type { Orm } from "../client.ts";
import { drawings, prizes } from "../schema/mod.ts";
import { iso, orderBy, pageFrom } from "./_list.ts";

type Row = typeof drawings.$inferSelect;
type PrizeRow = typeof prizes.$inferSelect;

function toPrize(row: PrizeRow): Prize {
  return {
    id: row.id,
    drawing_id: row.drawingId,
    sponsor_id: row.sponsorId,
    rank: row.rank,
    name: row.name,
    description: row.description,
    value_usd: Number(row.valueUsd),
    quantity: row.quantity,
    fulfillment_type: row.fulfillmentType,
    image_url: row.imageUrl,
  };
}

function toDrawing(row: Row, prizeRows: PrizeRow[]): Drawing {
  return {
    id: row.id,
    drawing_type: row.drawingType,
    name: row.name,
    description: row.description,
    ticket_cost_points: row.ticketCostPoints,
    drawing_time: iso(row.drawingTime)!,
    ticket_sales_close: iso(row.ticketSalesClose)!,
    eligibility: row.eligibility,
    status: row.status,
    total_tickets: row.totalTickets,
    random_seed: row.randomSeed,
    winner_selected_at: iso(row.winnerSelectedAt),
    created_by: row.createdBy,
    created_at: iso(row.createdAt)!,
    updated_at: iso(row.updatedAt)!,
    completed_at: iso(row.completedAt),
    version: row.version,
    prizes: prizeRows.map(toPrize),
  };
}

const SORT_COLUMNS = {
  drawing_time: drawings.drawingTime,
  created_at: drawings.createdAt,
  ticket_cost_points: drawings.ticketCostPoints,
  name: drawings.name,
};

export class DrizzleDrawingRepo implements DrawingRepo {
  constructor(private readonly orm: Orm) {}

  async #withPrizes(rows: Row[]): Promise<Drawing[]> {
    if (rows.length === 0) return [];
    const all = await this.orm.select().from(prizes)
      .where(inArray(prizes.drawingId, rows.map((r) => r.id))).orderBy(asc(prizes.rank));
    return rows.map((r) => toDrawing(r, all.filter((p) => p.drawingId === r.id)));
  }

  async insert(input: CreateDrawingInput, createdBy: string | null): Promise<Drawing> {
    const [row] = await this.orm.insert(drawings).values({
      drawingType: input.drawing_type,
      name: input.name,
      description: input.description ?? null,
      ticketCostPoints: input.ticket_cost_points,
      drawingTime: new Date(input.drawing_time),
      ticketSalesClose: new Date(input.ticket_sales_close),
      eligibility: input.eligibility,
      createdBy,
    }).returning();
    if (input.prizes.length > 0) {
      await this.orm.insert(prizes).values(input.prizes.map((p) => ({
        drawingId: row.id,
        sponsorId: p.sponsor_id ?? null,
        rank: p.rank,
        name: p.name,
        description: p.description ?? null,
        valueUsd: p.value_usd.toFixed(2),
        quantity: p.quantity,
        fulfillmentType: p.fulfillment_type,
        imageUrl: p.image_url ?? null,
      })));
    }
    return (await this.findById(row.id))!;
  }

  async findById(id: string): Promise<Drawing | null> {
    const rows = await this.orm.select().from(drawings)
      .where(and(eq(drawings.id, id), isNull(drawings.deletedAt)));
    return (await this.#withPrizes(rows))[0] ?? null;
  }

  list(query: ListQuery<DrawingSort, DrawingFilter>): Promise<Page<Drawing>> {
    const f = query.filters;
    const where = and(
      isNull(drawings.deletedAt),
      f.status ? eq(drawings.status, f.status as Row["status"]) : undefined,
      f.drawing_type ? eq(drawings.drawingType, f.drawing_type as Row["drawingType"]) : undefined,
    );
    const order = orderBy(query, SORT_COLUMNS, drawings.id);
    return pageFrom({
      orm: this.orm,
      table: drawings,
      where,
      order,
      query,
      rows: async (limit, offset) =>
        await this.#withPrizes(
          await this.orm.select().from(drawings).where(where).orderBy(...order).limit(limit)
            .offset(offset),
        ),
      map: (d: Drawing) => d,
    });
  }

  async update(id: string, patch: DrawingPatch, expectedVersion?: number): Promise<Drawing | null> {
    const set = Object.fromEntries(
      Object.entries({
        name: patch.name,
        description: patch.description,
        ticketCostPoints: patch.ticket_cost_points,
        drawingTime: patch.drawing_time,
        ticketSalesClose: patch.ticket_sales_close,
        eligibility: patch.eligibility,
        status: patch.status,
        completedAt: patch.completed_at,
      }).filter(([, v]) => v !== undefined),
    );
    const [row] = await this.orm.update(drawings).set({
      ...set,
      updatedAt: sql`now()`,
      version: sql`${drawings.version} + 1`,
    }).where(and(
      eq(drawings.id, id),
      isNull(drawings.deletedAt),
      expectedVersion === undefined ? undefined : eq(drawings.version, expectedVersion),
    )).returning({ id: drawings.id });
    return row ? await this.findById(id) : null;
  }
}
