import assert from "node:assert/strict";
import { z } from "zod";
import { DomainError } from "../../../core/errors.ts";
import { pageOf, parseListQuery } from "../../../core/pagination.ts";

const spec = {
  sortable: ["created_at", "email"] as const,
  defaultSort: [{ field: "created_at" as const, direction: "desc" as const }],
  filters: { role: z.enum(["user", "admin"]) },
};

Deno.test("parseListQuery() reads sort keys with direction and allowed filters", () => {
  const q = parseListQuery(spec, {
    page: 2,
    perPage: 10,
    sort: "-email,created_at",
    filters: { role: "admin" },
  });
  assert.deepEqual(q.sort, [{ field: "email", direction: "desc" }, {
    field: "created_at",
    direction: "asc",
  }]);
  assert.deepEqual(q.filters, { role: "admin" });
  assert.deepEqual(
    parseListQuery(spec, { page: 1, perPage: 5, filters: {} }).sort,
    spec.defaultSort,
  );
});

Deno.test("parseListQuery() rejects unknown sort and filter fields and bad filter values together", () => {
  assert.throws(
    () =>
      parseListQuery(spec, {
        page: 1,
        perPage: 5,
        sort: "password_hash",
        filters: { secret: "1", role: "god" },
      }),
    (e) =>
      e instanceof DomainError && e.code === "bad_request" &&
      JSON.stringify(e.details.errors?.map((x) => x.field)) ===
        '["sort","filter[secret]","filter[role]"]',
  );
});

Deno.test("pageOf() computes total_pages", () => {
  assert.deepEqual(pageOf([1], 21, { page: 3, perPage: 10, sort: [], filters: {} }).pagination, {
    page: 3,
    per_page: 10,
    total: 21,
    total_pages: 3,
  });
  assert.equal(
    pageOf([], 0, { page: 1, perPage: 10, sort: [], filters: {} }).pagination.total_pages,
    0,
  );
});
