/**
 * AES-256-GCM for values at rest. Sealed text is `v1.<iv>.<ciphertext+tag>` in
 * base64url, so the format (and a future key rotation) is visible in the data.
 * The key comes from ENCRYPTION_KEY (required in production); in development a
 * key is generated once into FITTRACK_DATA_DIR/keys, or kept in memory.
 *
 * @module
 */
import type { SecretBox } from "../../core/ports.ts";

const PREFIX = "v1";

function toB64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_")
    .replace(/=+$/, "");
}

function fromB64url(text: string): Uint8Array<ArrayBuffer> {
  const padded = text.replaceAll("-", "+").replaceAll("_", "/").padEnd(
    Math.ceil(text.length / 4) * 4,
    "=",
  );
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

/** A SecretBox over a raw 32-byte key. */
export async function createSecretBox(rawKey: Uint8Array<ArrayBuffer>): Promise<SecretBox> {
  if (rawKey.length !== 32) throw new Error("ENCRYPTION_KEY must be exactly 32 bytes");
  const key = await crypto.subtle.importKey("raw", rawKey, "AES-GCM", false, [
    "encrypt",
    "decrypt",
  ]);
  return {
    seal: async (plaintext) => {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const sealed = await crypto.subtle.encrypt(
        { name: "AES-GCM", iv },
        key,
        new TextEncoder().encode(plaintext),
      );
      return `${PREFIX}.${toB64url(iv)}.${toB64url(new Uint8Array(sealed))}`;
    },
    open: async (sealed) => {
      const [version, iv, body] = sealed.split(".");
      if (version !== PREFIX || !iv || !body) throw new Error("not a sealed value");
      const plain = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: fromB64url(iv) },
        key,
        fromB64url(body),
      );
      return new TextDecoder().decode(plain);
    },
  };
}

/** The key from ENCRYPTION_KEY, else a dev key in `<dataDir>/keys/encryption.key`, else in memory. */
export async function loadEncryptionKey(
  options: { base64Key?: string; dataDir?: string },
): Promise<Uint8Array<ArrayBuffer>> {
  if (options.base64Key) return Uint8Array.from(atob(options.base64Key), (c) => c.charCodeAt(0));
  if (!options.dataDir || options.dataDir === ":memory:") {
    return crypto.getRandomValues(new Uint8Array(32));
  }
  const dir = `${options.dataDir}/keys`;
  const path = `${dir}/encryption.key`;
  try {
    return Uint8Array.from(atob((await Deno.readTextFile(path)).trim()), (c) => c.charCodeAt(0));
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  const key = crypto.getRandomValues(new Uint8Array(32));
  await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
  await Deno.writeTextFile(path, btoa(String.fromCharCode(...key)), { mode: 0o600 });
  return key;
}
