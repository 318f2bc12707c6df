/**
 * Opaque secrets: 32 random bytes from the platform CSPRNG, base64url-encoded;
 * only their SHA-256 (hex) is ever stored.
 *
 * @module
 */
import type { SecretTokens } from "../../core/ports.ts";

function base64url(bytes: Uint8Array): string {
  let text = "";
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** SHA-256 of `token` in lowercase hex. */
export async function sha256Hex(token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

export function createSecretTokens(): SecretTokens {
  return {
    issue: async () => {
      const token = base64url(crypto.getRandomValues(new Uint8Array(32)));
      return { token, hash: await sha256Hex(token) };
    },
    hash: sha256Hex,
  };
}
