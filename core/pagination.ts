/**
 * Lists: page/per_page, allow-listed sort and filter fields. Routes and the CLI
 * build a {@link ListQuery} through {@link parseListQuery}; repositories only
 * ever see field names that the resource allowed, never caller text as SQL.
 *
 * @module
 */
import { z } from "zod";
import { DomainError, type FieldError } from "./errors.ts";

export const MAX_PER_PAGE = 100;

export interface SortKey<F extends string> {
  field: F;
  direction: "asc" | "desc";
}

export interface ListQuery<S extends string = string, F extends string = string> {
  page: number;
  perPage: number;
  sort: SortKey<S>[];
  filters: Partial<Record<F, string>>;
}

export const PaginationSchema = z.object({
  page: z.number().int(),
  per_page: z.number().int(),
  total: z.number().int(),
  total_pages: z.number().int(),
});

export type Pagination = z.infer<typeof PaginationSchema>;

export interface Page<T> {
  items: T[];
  pagination: Pagination;
}

/** What a resource lets callers sort and filter by, and how each filter value must look. */
export interface ListSpec<S extends string, F extends string> {
  sortable: readonly S[];
  defaultSort: SortKey<S>[];
  filters: { readonly [K in F]: z.ZodType<string> };
}

/** Builds a {@link Page} from the rows of one page and the total. */
export function pageOf<T>(items: T[], total: number, query: ListQuery): Page<T> {
  return {
    items,
    pagination: {
      page: query.page,
      per_page: query.perPage,
      total,
      total_pages: Math.ceil(total / query.perPage),
    },
  };
}

/**
 * Checks `sort` ("-created_at,email") and `filter[...]` values against `spec`.
 * An unknown field is a validation error naming it, never a silent ignore.
 */
export function parseListQuery<S extends string, F extends string>(
  spec: ListSpec<S, F>,
  raw: { page: number; perPage: number; sort?: string; filters: Record<string, string> },
): ListQuery<S, F> {
  const errors: FieldError[] = [];
  const sort: SortKey<S>[] = [];
  for (const part of (raw.sort ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const field = part.replace(/^[-+]/, "");
    if ((spec.sortable as readonly string[]).includes(field)) {
      sort.push({ field: field as S, direction: part.startsWith("-") ? "desc" : "asc" });
    } else {
      errors.push({
        field: "sort",
        message: `cannot sort by "${field}"; allowed: ${spec.sortable.join(", ")}`,
      });
    }
  }
  const filters: Partial<Record<F, string>> = {};
  for (const [name, value] of Object.entries(raw.filters)) {
    const rule = (spec.filters as Record<string, z.ZodType<string>>)[name];
    if (!rule) {
      const allowed = Object.keys(spec.filters).join(", ") || "none";
      errors.push({ field: `filter[${name}]`, message: `is not a filter; allowed: ${allowed}` });
      continue;
    }
    const parsed = rule.safeParse(value);
    if (parsed.success) filters[name as F] = parsed.data;
    else errors.push({ field: `filter[${name}]`, message: parsed.error.issues[0].message });
  }
  if (errors.length > 0) {
    throw new DomainError("bad_request", "The list query is not valid.", { errors });
  }
  return {
    page: raw.page,
    perPage: raw.perPage,
    sort: sort.length > 0 ? sort : spec.defaultSort,
    filters,
  };
}
