import type { Context } from "hono";
import { type ListQuery, type ListSpec, parseListQuery } from "../core/pagination.ts";
import { rawFilters } from "./schemas/common.ts";

/** Validated page/per_page/sort plus the raw `filter[...]` pairs, checked against `spec`. */
export function listQueryFrom<S extends string, F extends string>(
  c: Context,
  spec: ListSpec<S, F>,
  query: { page: number; per_page: number; sort?: string },
): ListQuery<S, F> {
  return parseListQuery(spec, {
    page: query.page,
    perPage: query.per_page,
    sort: query.sort,
    filters: rawFilters(c.req.url),
  });
}
