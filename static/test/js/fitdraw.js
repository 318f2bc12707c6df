/**
 * The fitdraw-v1 building blocks on Web Crypto, mirroring core/drawings/draw/**
 * step for step: byte encodings, SHA-256 and HMAC-SHA256, the RFC 6962 Merkle
 * root, the key and the candidate stream. drawing-verifier.js puts them together.
 *
 * @module
 */

export const ALGORITHM = "fitdraw-v1";
const TWO_64 = 1n << 64n;
const LEAF = new Uint8Array([0x00]);
const NODE = new Uint8Array([0x01]);

/** Lowercase hex of `bytes`. */
export function toHex(bytes) {
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Bytes of an even-length hex string; throws on anything else. */
export function fromHex(hex) {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) throw new Error(`Invalid hex string: "${hex}"`);
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

/** `value` as 8 big-endian bytes. */
export function u64be(value) {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(value));
  return out;
}

/** The 16 raw bytes of a UUID in its canonical text form. */
export function uuid16(uuid) {
  if (uuid.length !== 36) throw new Error(`Invalid UUID: "${uuid}"`);
  return fromHex(uuid.replaceAll("-", ""));
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** SHA-256 of the concatenation of `parts`. */
export async function sha256(...parts) {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", concat(parts)));
}

async function hmacFor(key) {
  const cryptoKey = await crypto.subtle.importKey(
    "raw",
    key,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return async (message) => new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, message));
}

/** `SHA-256(0x00 ‖ u64be(t) ‖ uuid16(ticket_id) ‖ pseudonym)`. */
export function leafHash(leaf) {
  return sha256(LEAF, u64be(leaf.ticket_number), uuid16(leaf.ticket_id), fromHex(leaf.pseudonym));
}

/** RFC 6962 tree hash over `hashes[from, to)`; SHA-256 of nothing for an empty list. */
export async function merkleRoot(hashes, from = 0, to = hashes.length) {
  const n = to - from;
  if (n === 0) return await sha256();
  if (n === 1) return hashes[from];
  let k = 1;
  while (k * 2 < n) k *= 2;
  const [left, right] = await Promise.all([
    merkleRoot(hashes, from, from + k),
    merkleRoot(hashes, from + k, to),
  ]);
  return await sha256(NODE, left, right);
}

/** Leaf hashes of tickets 1..N, checking the numbering is exactly 1..N. */
export async function leafHashes(leaves) {
  leaves.forEach((leaf, i) => {
    if (leaf.ticket_number !== i + 1) {
      throw new Error(`Invalid ticket list: position ${i + 1} holds ticket ${leaf.ticket_number}`);
    }
  });
  return await Promise.all(leaves.map(leafHash));
}

/**
 * `K = SHA-256("fitdraw-v1" ‖ uuid16(id) ‖ S ‖ M ‖ u64be(N) ‖ u64be(R) ‖ B)`, with
 * `R = 0` and `B` = 32 zero bytes when the drawing used no beacon.
 */
export function drawKey(proof, seed, root, ticketCount) {
  return sha256(
    new TextEncoder().encode(ALGORITHM),
    uuid16(proof.drawing_id),
    seed,
    root,
    u64be(ticketCount),
    u64be(proof.beacon?.round ?? 0),
    proof.beacon ? fromHex(proof.beacon.randomness) : new Uint8Array(32),
  );
}

/**
 * Draws candidates (ticket numbers 1..N) one by one and hands each to `take`
 * while `wanted()` holds: the partial Fisher–Yates of core/drawings/draw/stream.ts
 * over an HMAC-SHA256 counter stream, with rejection sampling against modulo bias.
 */
export async function drawCandidates(key, ticketCount, wanted, take) {
  const mac = await hmacFor(key);
  let counter = 0, block = null, used = 4;
  const next = async () => {
    if (used === 4) {
      block = new DataView((await mac(u64be(counter++))).buffer);
      used = 0;
    }
    return block.getBigUint64(8 * used++);
  };
  const pos = new Map();
  for (let i = 0; i < ticketCount && wanted(); i++) {
    const size = BigInt(ticketCount - i);
    const limit = TWO_64 - (TWO_64 % size);
    let x = await next();
    while (x >= limit) x = await next();
    const j = i + Number(x % size);
    const atI = pos.get(i) ?? i, atJ = pos.get(j) ?? j;
    pos.set(j, atI);
    pos.delete(i);
    take(atJ + 1);
  }
}
