import { and, asc, count, eq, gt, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type {
  DrawingOrigin,
  DrawingPatch,
  DrawingRepo,
  DrawingResultRow,
  DrawingSecrets,
} from "../../core/drawings/repo.ts";
import type {
  CreateDrawingInput,
  Drawing,
  DrawingFilter,
  DrawingSort,
  DrawingStatus,
  Prize,
} from "../../core/drawings/schemas.ts";
import { type ListQuery, type Page, pageOf } from "../../core/pagination.ts";
import type { SecretBox } from "../../core/ports.ts";
import type { Orm } from "../client.ts";
import { drawingResults, drawings, prizes } from "../schema/mod.ts";
import { iso } from "./_list.ts";
import { type DrawingMemo, drawingMemo, listDrawingsPage } from "./drawings_list.ts";

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
    ticket_sales_open: iso(row.ticketSalesOpen),
    per_user_cap: row.perUserCap,
    free_entries_per_user: row.freeEntriesPerUser,
    rules_text: row.rulesText,
    rules_sha256: row.rulesSha256,
    commitment: row.commitment,
    merkle_root: row.merkleRoot,
    frozen_ticket_count: row.frozenTicketCount,
    closed_at: iso(row.closedAt),
    cancelled_at: iso(row.cancelledAt),
    use_beacon: row.useBeacon,
    beacon_round: row.beaconRound,
    template_id: row.templateId,
    period_start: iso(row.periodStart),
  };
}

export class DrizzleDrawingRepo implements DrawingRepo {
  constructor(
    private readonly orm: Orm,
    private readonly box: SecretBox,
    /** Shared by every repo of one store: see drawings_list.ts. */
    private readonly memo: DrawingMemo = drawingMemo(),
  ) {}

  async #withPrizes(rows: Row[]): Promise<Drawing[]> {
    if (rows.length === 0) return [];
    const all = await this.orm.select().from(prizes)
      .where(inArray(prizes.drawingId, rows.map((r) => r.id))).orderBy(asc(prizes.rank));
    return rows.map((r) => toDrawing(r, all.filter((p) => p.drawingId === r.id)));
  }

  async insert(
    input: CreateDrawingInput,
    createdBy: string | null,
    rulesSha256?: string | null,
  ): Promise<Drawing> {
    return (await this.#insert(input, { createdBy, rulesSha256: rulesSha256 ?? null }))!;
  }

  async insertFromTemplate(
    input: CreateDrawingInput,
    origin: DrawingOrigin,
    rulesSha256: string | null,
  ): Promise<Drawing | null> {
    return await this.#insert(input, { createdBy: null, rulesSha256, origin });
  }

  async #insert(
    input: CreateDrawingInput,
    options: { createdBy: string | null; rulesSha256: string | null; origin?: DrawingOrigin },
  ): Promise<Drawing | null> {
    const { createdBy, rulesSha256, origin } = options;
    const [row] = await this.orm.insert(drawings).values({
      drawingType: input.drawing_type,
      name: input.name,
      description: input.description ?? null,
      ticketCostPoints: input.ticket_cost_points,
      drawingTime: new Date(input.drawing_time),
      ticketSalesClose: new Date(input.ticket_sales_close),
      eligibility: input.eligibility,
      ticketSalesOpen: input.ticket_sales_open ? new Date(input.ticket_sales_open) : null,
      perUserCap: input.per_user_cap ?? 1,
      freeEntriesPerUser: input.free_entries_per_user ?? 1,
      rulesText: input.rules_text ?? null,
      rulesSha256,
      useBeacon: input.use_beacon ?? false,
      templateId: origin?.template_id ?? null,
      periodStart: origin?.period_start ?? null,
      createdBy,
    }).onConflictDoNothing({ target: [drawings.templateId, drawings.periodStart] }).returning();
    if (!row) return null;
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

  async list(query: ListQuery<DrawingSort, DrawingFilter>): Promise<Page<Drawing>> {
    const { items, total } = await listDrawingsPage(this.orm, this.memo, query, toDrawing);
    if (total !== null) return pageOf(items, total, query);
    // A page past the end: count the rows it would have paged through.
    const f = query.filters;
    const [{ n }] = await this.orm.select({ n: count() }).from(drawings).where(and(
      isNull(drawings.deletedAt),
      f.status ? eq(drawings.status, f.status as Row["status"]) : undefined,
      f.drawing_type ? eq(drawings.drawingType, f.drawing_type as Row["drawingType"]) : undefined,
    ));
    return pageOf(items, Number(n), query);
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
        ticketSalesOpen: patch.ticket_sales_open,
        perUserCap: patch.per_user_cap,
        freeEntriesPerUser: patch.free_entries_per_user,
        rulesText: patch.rules_text,
        rulesSha256: patch.rules_sha256,
        commitment: patch.commitment,
        seedSecret: patch.seed_secret && await this.box.seal(patch.seed_secret),
        pseudonymKey: patch.pseudonym_key && await this.box.seal(patch.pseudonym_key),
        merkleRoot: patch.merkle_root,
        frozenTicketCount: patch.frozen_ticket_count,
        closedAt: patch.closed_at,
        cancelledAt: patch.cancelled_at,
        winnerSelectedAt: patch.winner_selected_at,
        randomSeed: patch.random_seed,
        useBeacon: patch.use_beacon,
        beaconRound: patch.beacon_round,
      }).filter(([, v]) => v !== undefined),
    );
    // Every change bumps the version: the drawing list re-reads a drawing only when it
    // changes (drawings_list.ts), so no column but total_tickets may change without it.
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

  async lock(id: string): Promise<Drawing | null> {
    const rows = await this.orm.select().from(drawings)
      .where(and(eq(drawings.id, id), isNull(drawings.deletedAt))).for("update");
    return (await this.#withPrizes(rows))[0] ?? null;
  }

  async secrets(id: string): Promise<DrawingSecrets | null> {
    const [row] = await this.orm.select({
      seed_secret: drawings.seedSecret,
      pseudonym_key: drawings.pseudonymKey,
    }).from(drawings).where(eq(drawings.id, id));
    if (!row) return null;
    // Sealed at rest; rows written before encryption (or by the seeder) are read as they are.
    const open = (v: string | null) => v && v.startsWith("v1.") ? this.box.open(v) : v;
    return {
      seed_secret: await open(row.seed_secret),
      pseudonym_key: await open(row.pseudonym_key),
    };
  }

  async dueToAdvance(now: Date, limit: number): Promise<{ id: string; status: DrawingStatus }[]> {
    return await this.orm.select({ id: drawings.id, status: drawings.status }).from(drawings)
      .where(and(
        isNull(drawings.deletedAt),
        or(
          and(
            eq(drawings.status, "scheduled"),
            or(isNull(drawings.ticketSalesOpen), lte(drawings.ticketSalesOpen, now)),
            gt(drawings.ticketSalesClose, now),
          ),
          and(eq(drawings.status, "open"), lte(drawings.ticketSalesClose, now)),
        ),
      )).orderBy(asc(drawings.ticketSalesClose), asc(drawings.id)).limit(limit);
  }

  async dueToExecute(now: Date, limit: number): Promise<string[]> {
    const rows = await this.orm.select({ id: drawings.id }).from(drawings)
      .where(and(
        isNull(drawings.deletedAt),
        eq(drawings.status, "closed"),
        lte(drawings.drawingTime, now),
      )).orderBy(asc(drawings.drawingTime), asc(drawings.id)).limit(limit);
    return rows.map((r) => r.id);
  }

  async insertResult(
    drawingId: string,
    proof: Record<string, unknown>,
    executedBy: string | null,
  ): Promise<boolean> {
    const rows = await this.orm.insert(drawingResults).values({
      drawingId,
      algorithm: String(proof.algorithm),
      proof,
      executedBy,
    }).onConflictDoNothing().returning({ id: drawingResults.drawingId });
    return rows.length === 1;
  }

  async result(drawingId: string): Promise<DrawingResultRow | null> {
    const [row] = await this.orm.select().from(drawingResults)
      .where(eq(drawingResults.drawingId, drawingId));
    return row
      ? {
        drawing_id: row.drawingId,
        proof: row.proof,
        executed_at: iso(row.executedAt)!,
        executed_by: row.executedBy,
      }
      : null;
  }

  async updateResult(drawingId: string, proof: Record<string, unknown>): Promise<void> {
    await this.orm.update(drawingResults).set({ proof })
      .where(eq(drawingResults.drawingId, drawingId));
  }
}
