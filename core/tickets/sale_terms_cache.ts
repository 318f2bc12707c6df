/**
 * Short-lived in-process copies of drawings' {@link SaleTerms}, so a purchase
 * need not read its drawing every time.
 *
 * A copy is only ever a guess: the purchase statement re-checks the drawing's
 * `version` under its row lock and writes nothing on a mismatch, and the caller
 * then reads the drawing again. A refusal (closed, not eligible) is never
 * decided on a copy either. So several app instances, each with its own copies,
 * still honour an admin's change at once; the TTL only bounds memory and how
 * long an unused copy lingers.
 *
 * @module
 */
import type { SaleTerms } from "./repo.ts";

/** How long a copy is used, in milliseconds. */
export const SALE_TERMS_TTL_MS = 5_000;
/** Copies kept at most; the oldest goes first. */
export const SALE_TERMS_MAX_ENTRIES = 1_000;

/** A TTL map of drawing id → {@link SaleTerms}; time comes from the caller. */
export class SaleTermsCache {
  readonly #entries = new Map<string, { terms: SaleTerms; until: number }>();

  constructor(
    readonly ttlMs: number = SALE_TERMS_TTL_MS,
    readonly maxEntries: number = SALE_TERMS_MAX_ENTRIES,
  ) {}

  /** The copy of `drawingId` still fresh at `now`, if any. */
  get(drawingId: string, now: Date): SaleTerms | undefined {
    const entry = this.#entries.get(drawingId);
    if (!entry) return undefined;
    if (entry.until <= now.getTime()) {
      this.#entries.delete(drawingId);
      return undefined;
    }
    return entry.terms;
  }

  /** Keeps `terms`, read at `now`, for {@link ttlMs}. */
  set(terms: SaleTerms, now: Date): void {
    this.#entries.delete(terms.id);
    if (this.#entries.size >= this.maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
    this.#entries.set(terms.id, { terms, until: now.getTime() + this.ttlMs });
  }

  /** Forgets the copy of `drawingId`. */
  delete(drawingId: string): void {
    this.#entries.delete(drawingId);
  }

  /** How many copies are kept. */
  get size(): number {
    return this.#entries.size;
  }
}

const caches = new WeakMap<object, SaleTermsCache>();

/**
 * The cache that belongs to `owner` (the store a purchase runs against): one
 * per store, so each set of services (and each test) has its own.
 */
export function saleTermsCacheOf(owner: object): SaleTermsCache {
  let cache = caches.get(owner);
  if (!cache) caches.set(owner, cache = new SaleTermsCache());
  return cache;
}
