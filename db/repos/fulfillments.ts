import { and, asc, eq, inArray, isNotNull, isNull, lte, ne, sql } from "drizzle-orm";
import type {
  FulfillmentPatch,
  FulfillmentRepo,
  NewFulfillment,
} from "../../core/fulfillment/repo.ts";
import type {
  Fulfillment,
  FulfillmentFilter,
  FulfillmentSort,
  FulfillmentStatus,
  ShippingAddress,
} from "../../core/fulfillment/schemas.ts";
import type { ListQuery, Page } from "../../core/pagination.ts";
import type { SecretBox } from "../../core/ports.ts";
import type { Orm } from "../client.ts";
import { drawings, prizeFulfillments, prizes, profiles, tickets } from "../schema/mod.ts";
import { iso, orderBy, pageFrom } from "./_list.ts";

const f = prizeFulfillments;

const COLUMNS = {
  row: f,
  prize: prizes,
  ticketNumber: tickets.ticketNumber,
  displayName: profiles.displayName,
};

type Joined = {
  row: typeof f.$inferSelect;
  prize: typeof prizes.$inferSelect;
  ticketNumber: number;
  displayName: string | null;
};

function toFulfillment(j: Joined): Fulfillment {
  const r = j.row;
  return {
    id: r.id,
    drawing_id: r.drawingId,
    ticket_id: r.ticketId,
    ticket_number: j.ticketNumber,
    user_id: r.userId,
    winner_display_name: j.displayName,
    prize: {
      id: j.prize.id,
      rank: j.prize.rank,
      name: j.prize.name,
      value_usd: Number(j.prize.valueUsd),
      fulfillment_type: j.prize.fulfillmentType,
    },
    status: r.status,
    shipping_address: (r.shippingAddress as ShippingAddress | null) ?? null,
    carrier: r.carrier,
    tracking_number: r.trackingNumber,
    notes: r.notes,
    needs_tax_form: r.needsTaxForm,
    tax_form_received_at: iso(r.taxFormReceivedAt),
    tax_form_recorded_by: r.taxFormRecordedBy,
    forfeit_reason: r.forfeitReason,
    candidate_position: r.candidatePosition,
    notified_at: iso(r.notifiedAt),
    reminder_sent_at: iso(r.reminderSentAt),
    address_confirmed_at: iso(r.addressConfirmedAt),
    shipped_at: iso(r.shippedAt),
    delivered_at: iso(r.deliveredAt),
    forfeited_at: iso(r.forfeitedAt),
    created_at: iso(r.createdAt)!,
    updated_at: iso(r.updatedAt)!,
    version: r.version,
  };
}

const SORT_COLUMNS = { created_at: f.createdAt, updated_at: f.updatedAt, status: f.status };

export class DrizzleFulfillmentRepo implements FulfillmentRepo {
  constructor(private readonly orm: Orm, private readonly box: SecretBox) {}

  /** Addresses are sealed at rest as {"sealed": "v1…"} (the seeder seals its synthetic ones too). */
  async #reveal(fulfillment: Fulfillment): Promise<Fulfillment> {
    const stored = fulfillment.shipping_address as unknown as { sealed?: unknown } | null;
    if (!stored || typeof stored.sealed !== "string") return fulfillment;
    const address = JSON.parse(await this.box.open(stored.sealed)) as ShippingAddress;
    return { ...fulfillment, shipping_address: address };
  }

  #select() {
    return this.orm.select(COLUMNS).from(f)
      .innerJoin(prizes, eq(prizes.id, f.prizeId))
      .innerJoin(tickets, eq(tickets.id, f.ticketId))
      .leftJoin(profiles, eq(profiles.userId, f.userId));
  }

  async insert(input: NewFulfillment): Promise<Fulfillment> {
    const [row] = await this.orm.insert(f).values({
      ticketId: input.ticket_id,
      prizeId: input.prize_id,
      userId: input.user_id,
      drawingId: input.drawing_id,
      candidatePosition: input.candidate_position,
      status: input.status,
      needsTaxForm: input.needs_tax_form,
      notifiedAt: input.notified_at,
      deliveredAt: input.delivered_at ?? null,
    }).returning({ id: f.id });
    return (await this.findById(row.id))!;
  }

  async findById(id: string): Promise<Fulfillment | null> {
    const [row] = await this.#select().where(eq(f.id, id));
    return row ? await this.#reveal(toFulfillment(row)) : null;
  }

  async transition(
    id: string,
    from: readonly FulfillmentStatus[],
    patch: FulfillmentPatch,
  ): Promise<Fulfillment | null> {
    const set = Object.fromEntries(
      Object.entries({
        status: patch.status,
        shippingAddress: patch.shipping_address &&
          { sealed: await this.box.seal(JSON.stringify(patch.shipping_address)) },
        carrier: patch.carrier,
        trackingNumber: patch.tracking_number,
        notes: patch.notes,
        forfeitReason: patch.forfeit_reason,
        addressConfirmedAt: patch.address_confirmed_at,
        shippedAt: patch.shipped_at,
        deliveredAt: patch.delivered_at,
        forfeitedAt: patch.forfeited_at,
        reminderSentAt: patch.reminder_sent_at,
      }).filter(([, v]) => v !== undefined),
    );
    const rows = await this.orm.update(f).set({
      ...set,
      updatedAt: sql`now()`,
      version: sql`${f.version} + 1`,
    }).where(and(eq(f.id, id), inArray(f.status, [...from]))).returning({ id: f.id });
    return rows.length === 1 ? await this.findById(id) : null;
  }

  async list(query: ListQuery<FulfillmentSort, FulfillmentFilter>): Promise<Page<Fulfillment>> {
    const q = query.filters;
    const where = and(
      q.status ? eq(f.status, q.status as FulfillmentStatus) : undefined,
      q.drawing_id ? eq(f.drawingId, q.drawing_id) : undefined,
      q.user_id ? eq(f.userId, q.user_id) : undefined,
    );
    const order = orderBy(query, SORT_COLUMNS, f.id);
    const page = await pageFrom({
      orm: this.orm,
      table: f,
      where,
      order,
      query,
      rows: (limit, offset) =>
        this.#select().where(where).orderBy(...order).limit(limit).offset(offset),
      map: toFulfillment,
    });
    return { ...page, items: await Promise.all(page.items.map((x) => this.#reveal(x))) };
  }

  async awaitingSince(
    before: Date,
    opts: { reminded: boolean },
    limit: number,
  ): Promise<Fulfillment[]> {
    const rows = await this.#select().where(and(
      eq(f.status, "winner_notified"),
      lte(f.notifiedAt, before),
      opts.reminded ? undefined : isNull(f.reminderSentAt),
    )).orderBy(asc(f.notifiedAt), asc(f.id)).limit(limit);
    return await Promise.all(rows.map((row) => this.#reveal(toFulfillment(row))));
  }

  async recordTaxForm(id: string, actorId: string, at: Date): Promise<Fulfillment | null> {
    const rows = await this.orm.update(f).set({
      taxFormReceivedAt: at,
      taxFormRecordedBy: actorId,
      updatedAt: sql`now()`,
      version: sql`${f.version} + 1`,
    }).where(and(eq(f.id, id), eq(f.needsTaxForm, true), isNull(f.taxFormReceivedAt)))
      .returning({ id: f.id });
    return rows.length === 1 ? await this.findById(id) : null;
  }

  async yearValue(userId: string, year: number): Promise<number> {
    const [row] = await this.orm.select({
      total: sql<string>`coalesce(sum(${prizes.valueUsd}), 0)`,
    }).from(f).innerJoin(prizes, eq(prizes.id, f.prizeId))
      .innerJoin(drawings, eq(drawings.id, prizes.drawingId))
      .where(and(
        eq(f.userId, userId),
        ne(f.status, "forfeited"),
        isNotNull(drawings.drawingTime),
        sql`extract(year from ${drawings.drawingTime} at time zone 'UTC') = ${year}`,
      ));
    return Number(row.total);
  }
}
