/**
 * The entry of the browser's copy of @noble/curves' BLS12-381 short-signature
 * check (static/test/vendor/noble-bls12-381.js), used by the test page's
 * verifier for drawings with a drand beacon. Rebuild after upgrading
 * @noble/curves:
 *
 *   deno bundle --platform browser --minify -o static/test/vendor/noble-bls12-381.js scripts/vendor_bls.ts
 *
 * @module
 */
import { bls12_381 } from "@noble/curves/bls12-381.js";

/** True when `signature` (G1) signs `message` under `publicKey` (G2) with `dst`; false otherwise. */
export function verifyShortSignature(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
  dst: string,
): boolean {
  try {
    const short = bls12_381.shortSignatures;
    return short.verify(signature, short.hash(message, dst), publicKey);
  } catch {
    return false; // not a curve point: not a signature
  }
}
