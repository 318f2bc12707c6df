/**
 * Deterministic randomness for the seeder: faker (names, companies, addresses)
 * and a small fast PRNG (sfc32) for the millions of numbers and ids a large
 * seed draws. Both start from the `--seed`, so a seed always gives the same data.
 *
 * @module
 */
import { en, Faker } from "@faker-js/faker";

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
/** Where the id counter starts: 2024-05 as a v7 millisecond timestamp, so ids look ordinary. */
const UUID_BASE = 0x018f_0000_0000;

/** Seeded random source; every draw advances the same stream in a fixed order. */
export class SeedRandom {
  #a: number;
  #b: number;
  #c: number;
  #d: number;
  #issued = 0;
  readonly faker: Faker;

  constructor(seed: number) {
    this.#a = 0x9e3779b9;
    this.#b = 0x243f6a88;
    this.#c = 0xb7e15162;
    this.#d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
    this.faker = new Faker({ locale: [en] });
    this.faker.seed(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    // sfc32: small, fast, and good enough for synthetic data (not for drawings).
    this.#a >>>= 0;
    this.#b >>>= 0;
    this.#c >>>= 0;
    this.#d >>>= 0;
    const t = (this.#a + this.#b | 0) + this.#d | 0;
    this.#d = this.#d + 1 | 0;
    this.#a = this.#b ^ this.#b >>> 9;
    this.#b = this.#c + (this.#c << 3) | 0;
    this.#c = this.#c << 21 | this.#c >>> 11;
    this.#c = this.#c + t | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** A random instant in [from, to). */
  between(from: number, to: number): Date {
    return new Date(from + Math.floor(this.next() * Math.max(1, to - from)));
  }

  /**
   * A version-7-shaped UUID: a counter where v7 keeps its timestamp, then
   * random bits. Reproducible (unlike crypto.randomUUID), and ids grow in
   * insertion order, so primary-key inserts append to the index instead of
   * touching random pages: at a million rows that is most of the write cost.
   */
  uuid(): string {
    const order = (UUID_BASE + this.#issued++).toString(16).padStart(12, "0");
    const b = new Array<string>(10);
    for (let i = 0; i < 10; i += 2) {
      const n = Math.floor(this.next() * 65536);
      b[i] = HEX[n & 255];
      b[i + 1] = HEX[n >>> 8];
    }
    b[0] = HEX[(parseInt(b[0], 16) & 0x0f) | 0x70];
    b[2] = HEX[(parseInt(b[2], 16) & 0x3f) | 0x80];
    return `${order.slice(0, 8)}-${order.slice(8)}-${b[0]}${b[1]}-${b[2]}${b[3]}-${
      b.slice(4).join("")
    }`;
  }
}
