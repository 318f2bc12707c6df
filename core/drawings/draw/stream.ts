/**
 * The key `K` and the deterministic candidate order derived from it: an
 * HMAC-SHA256 counter stream, unbiased `uniform(n)` by rejection, and a lazy
 * partial Fisher–Yates over ticket indices (O(k) memory for k candidates).
 *
 * @module
 */
import { hmacSha256, sha256 } from "./sha256.ts";
import { u64be, uuid16 } from "./bytes.ts";

export const ALGORITHM = "fitdraw-v1";
const TWO_64 = 1n << 64n;

/** What the key is derived from; `beaconRound` 0 and 32 zero bytes mean no beacon. */
export interface KeyInput {
  drawingId: string;
  seed: Uint8Array;
  merkleRoot: Uint8Array;
  ticketCount: number;
  beaconRound: number;
  beaconRandomness: Uint8Array;
}

/** `K = SHA-256("fitdraw-v1" ‖ uuid16(id) ‖ S ‖ M ‖ u64be(N) ‖ u64be(R) ‖ B)`. */
export function drawKey(input: KeyInput): Uint8Array {
  for (const [name, value] of [["seed", input.seed], ["merkle root", input.merkleRoot]] as const) {
    if (value.length !== 32) throw new Error(`Invalid ${name}: expected 32 bytes`);
  }
  if (input.beaconRandomness.length !== 32) throw new Error("Invalid beacon: expected 32 bytes");
  return sha256(
    new TextEncoder().encode(ALGORITHM),
    uuid16(input.drawingId),
    input.seed,
    input.merkleRoot,
    u64be(input.ticketCount),
    u64be(input.beaconRound),
    input.beaconRandomness,
  );
}

/** The stream of 64-bit values: block c = HMAC(K, u64be(c)) gives four u64be values. */
export function valueStream(key: Uint8Array): () => bigint {
  const mac = hmacSha256(key);
  let counter = 0;
  let block: DataView | null = null;
  let used = 4;
  return () => {
    if (used === 4) {
      block = new DataView(mac(u64be(counter++)).buffer);
      used = 0;
    }
    return block!.getBigUint64(8 * used++);
  };
}

/** A uniform integer in [0, n) by rejection sampling (no modulo bias). */
export function uniform(next: () => bigint, n: number): number {
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`Invalid range: ${n}`);
  const size = BigInt(n);
  const limit = TWO_64 - (TWO_64 % size);
  for (;;) {
    const x = next();
    if (x < limit) return Number(x % size);
  }
}

/**
 * Candidates in draw order as ticket numbers (1..N): the i-th step of a partial
 * Fisher–Yates over `0..N-1`, where an absent map entry means `pos[x] = x`.
 */
export function* candidateOrder(key: Uint8Array, ticketCount: number): Generator<number> {
  const next = valueStream(key);
  const pos = new Map<number, number>();
  for (let i = 0; i < ticketCount; i++) {
    const j = i + uniform(next, ticketCount - i);
    const atI = pos.get(i) ?? i;
    const atJ = pos.get(j) ?? j;
    pos.set(j, atI);
    pos.delete(i);
    yield atJ + 1;
  }
}
