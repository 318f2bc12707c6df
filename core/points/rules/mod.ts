/**
 * The points rules: rate table, tier multipliers, daily cap and the per-day
 * settlement that pays cumulative totals and workout minutes once.
 * `docs/point-calculation.md` walks through worked examples.
 *
 * @module
 */
export * from "./rates.ts";
export * from "./multipliers.ts";
export * from "./daily_cap.ts";
export * from "./day_ledger.ts";
