/**
 * Terra webhook signatures: `terra-signature: t=<unix seconds>,v1=<hex>` where
 * v1 = HMAC-SHA256(secret, `${t}.${raw body}`). Verification uses the raw
 * bytes as received, a 300 s tolerance both ways, and a constant-time compare.
 *
 * @module
 */

/** Seconds a signature stays valid either side of now (Terra's SDKs use 300). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const encoder = new TextEncoder();

/** Imported keys by secret: importing costs more than the HMAC itself on small bodies. */
const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    if (keys.size > 16) keys.clear();
    key = crypto.subtle.importKey(
      "raw",
      encoder.encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    keys.set(secret, key);
  }
  return key;
}

async function hmacHex(secret: string, message: Uint8Array): Promise<string> {
  const key = await hmacKey(secret);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, message as BufferSource));
  return Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function bytes(body: string | Uint8Array): Uint8Array {
  return typeof body === "string" ? encoder.encode(body) : body;
}

/** Equal-length strings compared without an early exit. */
function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The header value Terra would send for `body` at `timestampSeconds`. */
export async function signTerraPayload(
  secret: string,
  body: string | Uint8Array,
  timestampSeconds: number,
): Promise<string> {
  const t = String(Math.floor(timestampSeconds));
  return `t=${t},v1=${await hmacHex(secret, concat(encoder.encode(`${t}.`), bytes(body)))}`;
}

export type SignatureCheck =
  | { ok: true; timestamp: number }
  | { ok: false; reason: "missing" | "malformed" | "stale" | "mismatch" };

/** Checks a `terra-signature` header against the raw body. */
export async function verifyTerraSignature(options: {
  header: string | null | undefined;
  body: string | Uint8Array;
  secret: string;
  now: Date;
  toleranceSeconds?: number;
}): Promise<SignatureCheck> {
  if (!options.header) return { ok: false, reason: "missing" };
  let t: string | undefined;
  const candidates: string[] = [];
  for (const part of options.header.split(",")) {
    const at = part.indexOf("=");
    if (at < 0) continue;
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (key === "t") t = value;
    else if (key === "v1") candidates.push(value.toLowerCase());
  }
  if (!t || !/^\d{1,12}$/.test(t) || candidates.length === 0) {
    return { ok: false, reason: "malformed" };
  }
  const timestamp = Number(t);
  const tolerance = options.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS;
  if (Math.abs(options.now.getTime() / 1000 - timestamp) > tolerance) {
    return { ok: false, reason: "stale" };
  }
  const expected = await hmacHex(
    options.secret,
    concat(encoder.encode(`${t}.`), bytes(options.body)),
  );
  // Compare every candidate so timing does not reveal which one matched.
  let matched = false;
  for (const c of candidates) matched = constantTimeEqual(c, expected) || matched;
  return matched ? { ok: true, timestamp } : { ok: false, reason: "mismatch" };
}
