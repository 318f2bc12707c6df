import assert from "node:assert/strict";
import { SaleTermsCache, saleTermsCacheOf } from "../../../../core/tickets/sale_terms_cache.ts";
import type { SaleTerms } from "../../../../core/tickets/repo.ts";

function terms(id: string, version = 1): SaleTerms {
  return {
    id,
    name: `Drawing ${id}`,
    drawing_type: "daily",
    ticket_cost_points: 10,
    eligibility: {},
    status: "open",
    ticket_sales_open: null,
    ticket_sales_close: "2099-01-01T00:00:00.000Z",
    version,
  };
}

const T0 = new Date("2026-12-07T12:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

Deno.test("SaleTermsCache.get() - a copy is used until its TTL ends, then forgotten", () => {
  const cache = new SaleTermsCache(1000);
  cache.set(terms("a"), T0);
  assert.equal(cache.get("a", at(999))?.id, "a");
  assert.equal(cache.get("a", at(1000)), undefined);
  assert.equal(cache.size, 0);
  assert.equal(cache.get("b", T0), undefined);
});

Deno.test("SaleTermsCache.set() - a newer copy replaces the old one and restarts its TTL", () => {
  const cache = new SaleTermsCache(1000);
  cache.set(terms("a", 1), T0);
  cache.set(terms("a", 2), at(800));
  assert.equal(cache.get("a", at(1500))?.version, 2);
  assert.equal(cache.size, 1);
  cache.delete("a");
  assert.equal(cache.get("a", at(1500)), undefined);
});

Deno.test("SaleTermsCache.set() - beyond maxEntries the oldest copy goes first", () => {
  const cache = new SaleTermsCache(60_000, 2);
  cache.set(terms("a"), T0);
  cache.set(terms("b"), T0);
  cache.set(terms("a", 2), at(1)); // refreshed: now the newest
  cache.set(terms("c"), at(2));
  assert.equal(cache.size, 2);
  assert.equal(cache.get("b", at(3)), undefined);
  assert.equal(cache.get("a", at(3))?.version, 2);
  assert.equal(cache.get("c", at(3))?.id, "c");
});

Deno.test("saleTermsCacheOf() - one cache per owner (store), the same on every call", () => {
  const one = {};
  const two = {};
  assert.equal(saleTermsCacheOf(one), saleTermsCacheOf(one));
  assert.notEqual(saleTermsCacheOf(one), saleTermsCacheOf(two));
  saleTermsCacheOf(one).set(terms("a"), T0);
  assert.equal(saleTermsCacheOf(two).get("a", T0), undefined);
});
