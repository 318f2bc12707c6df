/**
 * The canonical ticket list as an RFC 6962 Merkle tree: leaf hashes, the root
 * `M`, and inclusion proofs a ticket holder can check against `M`.
 *
 * @module
 */
import { sha256 } from "./sha256.ts";
import { u64be, uuid16 } from "./bytes.ts";

const LEAF = new Uint8Array([0x00]);
const NODE = new Uint8Array([0x01]);

/** One ticket as it enters the tree: its number (1..N), id and owner pseudonym (32 bytes). */
export interface Leaf {
  ticket_number: number;
  ticket_id: string;
  pseudonym: Uint8Array;
}

/** `SHA-256(0x00 ‖ u64be(t) ‖ uuid16(ticket_id) ‖ pseudonym)`. */
export function leafHash(leaf: Leaf): Uint8Array {
  return sha256(LEAF, u64be(leaf.ticket_number), uuid16(leaf.ticket_id), leaf.pseudonym);
}

function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(NODE, left, right);
}

/** The largest power of two strictly below `n` (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Merkle tree hash over `hashes[from, to)`; SHA-256 of nothing for an empty list. */
export function merkleRoot(
  hashes: readonly Uint8Array[],
  from = 0,
  to = hashes.length,
): Uint8Array {
  const n = to - from;
  if (n === 0) return sha256();
  if (n === 1) return hashes[from];
  const k = splitPoint(n);
  return nodeHash(merkleRoot(hashes, from, from + k), merkleRoot(hashes, from + k, to));
}

/** The audit path of leaf `index` (0-based) in RFC 6962 order, bottom up. */
export function inclusionProof(
  hashes: readonly Uint8Array[],
  index: number,
  from = 0,
  to = hashes.length,
): Uint8Array[] {
  const n = to - from;
  if (n <= 1) return [];
  const k = splitPoint(n);
  if (index < k) {
    return [...inclusionProof(hashes, index, from, from + k), merkleRoot(hashes, from + k, to)];
  }
  return [...inclusionProof(hashes, index - k, from + k, to), merkleRoot(hashes, from, from + k)];
}

/** Recomputes the root from a leaf hash and its audit path (RFC 9162 §2.1.3.2). */
export function rootFromProof(
  leaf: Uint8Array,
  index: number,
  size: number,
  path: readonly Uint8Array[],
): Uint8Array | null {
  if (index >= size) return null;
  let fn = index, sn = size - 1, r = leaf;
  for (const p of path) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}
