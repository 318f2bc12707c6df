import { z } from "@hono/zod-openapi";
import { MAX_PER_PAGE, PaginationSchema } from "../../core/pagination.ts";

export const IdParamSchema = z.object({
  id: z.uuid({ message: "must be a UUID" }).openapi({
    param: { name: "id", in: "path" },
    example: "550e8400-e29b-41d4-a716-446655440000",
  }),
});

/** page / per_page / sort; `filter[field]` values are read raw and checked by core. */
export function listQuerySchema(
  options: { sortable: readonly string[]; filters: readonly string[] },
) {
  return z.object({
    page: z.coerce.number().int().min(1, "must be 1 or more").max(1_000_000).default(1).openapi({
      example: 1,
    }),
    per_page: z.coerce.number().int().min(1, "must be 1 or more").max(
      MAX_PER_PAGE,
      `must be at most ${MAX_PER_PAGE}`,
    ).default(20).openapi({ example: 20 }),
    sort: z.string().max(200).optional().openapi({
      description: `Comma-separated fields, "-" for descending. Allowed: ${
        options.sortable.join(", ")
      }`,
      example: `-${options.sortable[0]}`,
    }),
    ...Object.fromEntries(options.filters.map((f) => [
      `filter[${f}]`,
      z.string().optional().openapi({ description: `Filter by ${f}` }),
    ])),
  });
}

export function pageSchema<T extends z.ZodType>(item: T, name: string) {
  return z.object({ items: z.array(item), pagination: PaginationSchema }).openapi(name);
}

/** Collects `filter[name]=value` pairs from a query string. */
export function rawFilters(url: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URL(url).searchParams) {
    const match = /^filter\[([^\]]+)\]$/.exec(key);
    if (match) out[match[1]] = value;
  }
  return out;
}

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

export function jsonBody<T extends z.ZodType>(schema: T, example?: unknown) {
  return {
    required: true,
    content: {
      "application/json": { schema, ...(example === undefined ? {} : { example }) },
    },
  };
}
