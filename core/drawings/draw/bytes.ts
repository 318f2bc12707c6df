/**
 * The byte encodings fitdraw-v1 is defined over: lowercase hex, 8-byte
 * big-endian integers and the 16 raw bytes of a UUID.
 *
 * @module
 */

/** Lowercase hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}

const NIBBLE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  NIBBLE["0123456789abcdef".charCodeAt(i)] = i;
  NIBBLE["0123456789ABCDEF".charCodeAt(i)] = i;
}

/** Bytes of an even-length hex string; throws on anything else. */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0) throw new Error(`Invalid hex string: "${hex}"`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const a = hex.charCodeAt(2 * i), b = hex.charCodeAt(2 * i + 1);
    const hi = a < 128 ? NIBBLE[a] : -1, lo = b < 128 ? NIBBLE[b] : -1;
    if (hi < 0 || lo < 0) throw new Error(`Invalid hex string: "${hex}"`);
    out[i] = (hi << 4) | lo;
  }
  return out;
}

/** `value` as an 8-byte big-endian unsigned integer. */
export function u64be(value: number | bigint): Uint8Array {
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) {
    view.setUint32(0, Math.floor(value / 0x100000000));
    view.setUint32(4, value >>> 0);
  } else {
    view.setBigUint64(0, BigInt(value));
  }
  return out;
}

/** The 16 raw bytes of a UUID in its canonical text form. */
export function uuid16(uuid: string): Uint8Array {
  if (uuid.length !== 36) throw new Error(`Invalid UUID: "${uuid}"`);
  return fromHex(
    uuid.slice(0, 8) + uuid.slice(9, 13) + uuid.slice(14, 18) + uuid.slice(19, 23) + uuid.slice(24),
  );
}

/** Whether two byte arrays are equal. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
