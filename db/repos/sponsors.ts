import { and, eq, isNull, sql } from "drizzle-orm";
import type { ListQuery, Page } from "../../core/pagination.ts";
import type { SponsorRepo } from "../../core/sponsors/repo.ts";
import type {
  CreateSponsorInput,
  Sponsor,
  UpdateSponsorInput,
} from "../../core/sponsors/schemas.ts";
import type { Orm } from "../client.ts";
import { sponsors } from "../schema/mod.ts";
import { iso, orderBy, pageFrom } from "./_list.ts";

type Row = typeof sponsors.$inferSelect;

function toSponsor(row: Row): Sponsor {
  return {
    id: row.id,
    name: row.name,
    contact_name: row.contactName,
    contact_email: row.contactEmail,
    website_url: row.websiteUrl,
    logo_url: row.logoUrl,
    status: row.status,
    notes: row.notes,
    created_at: iso(row.createdAt)!,
    updated_at: iso(row.updatedAt)!,
  };
}

function columns(input: UpdateSponsorInput): Partial<typeof sponsors.$inferInsert> {
  const out = {
    name: input.name,
    contactName: input.contact_name,
    contactEmail: input.contact_email,
    websiteUrl: input.website_url,
    logoUrl: input.logo_url,
    status: input.status,
    notes: input.notes,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

export class DrizzleSponsorRepo implements SponsorRepo {
  constructor(private readonly orm: Orm) {}

  async insert(input: CreateSponsorInput): Promise<Sponsor> {
    const [row] = await this.orm.insert(sponsors).values(
      columns(input) as typeof sponsors.$inferInsert,
    ).returning();
    return toSponsor(row);
  }

  async findById(id: string): Promise<Sponsor | null> {
    const [row] = await this.orm.select().from(sponsors)
      .where(and(eq(sponsors.id, id), isNull(sponsors.deletedAt)));
    return row ? toSponsor(row) : null;
  }

  list(query: ListQuery<"name" | "created_at", "status">): Promise<Page<Sponsor>> {
    const where = and(
      isNull(sponsors.deletedAt),
      query.filters.status ? eq(sponsors.status, query.filters.status as Row["status"]) : undefined,
    );
    const order = orderBy(
      query,
      { name: sponsors.name, created_at: sponsors.createdAt },
      sponsors.id,
    );
    return pageFrom({
      orm: this.orm,
      table: sponsors,
      where,
      order,
      query,
      rows: (limit, offset) =>
        this.orm.select().from(sponsors).where(where).orderBy(...order).limit(limit).offset(offset),
      map: toSponsor,
    });
  }

  async update(id: string, patch: UpdateSponsorInput): Promise<Sponsor | null> {
    const [row] = await this.orm.update(sponsors).set({ ...columns(patch), updatedAt: sql`now()` })
      .where(and(eq(sponsors.id, id), isNull(sponsors.deletedAt))).returning();
    return row ? toSponsor(row) : null;
  }

  async softDelete(id: string, at: Date): Promise<boolean> {
    const rows = await this.orm.update(sponsors).set({ deletedAt: at })
      .where(and(eq(sponsors.id, id), isNull(sponsors.deletedAt))).returning({ id: sponsors.id });
    return rows.length > 0;
  }
}
