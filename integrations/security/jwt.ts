/**
 * RS256 access tokens with `jose`. Keys come from JWT_PRIVATE_KEY /
 * JWT_PUBLIC_KEY (PEM); outside production, when absent, a pair is generated
 * into FITTRACK_DATA_DIR/keys on first start (kept in memory for an in-memory
 * data folder). The `kid` is the key's RFC 7638 thumbprint; the public key is
 * published as a JWKS.
 *
 * @module
 */
import {
  calculateJwkThumbprint,
  errors,
  exportJWK,
  exportPKCS8,
  exportSPKI,
  generateKeyPair,
  importPKCS8,
  importSPKI,
  type JWK,
  jwtVerify,
  SignJWT,
} from "jose";
import type { AccessClaims } from "../../core/auth/schemas.ts";
import { ROLES } from "../../core/users/schemas.ts";
import type { AccessTokenSigner } from "../../core/ports.ts";
import { BoundedMap } from "../../core/bounded_map.ts";

export const JWT_ALG = "RS256";
/** Who the access tokens are for; checked on every verify. */
export const JWT_AUDIENCE = "fittrack-api";
/** Allowed clock difference between instances when checking exp/iat. */
export const CLOCK_SKEW_SECONDS = 30;

export type VerifyResult =
  | { ok: true; claims: AccessClaims }
  | { ok: false; reason: "expired" | "invalid" };

export interface JwtService extends AccessTokenSigner {
  readonly kid: string;
  verify(token: string, now: Date): Promise<VerifyResult>;
  jwks(): { keys: JWK[] };
}

export interface JwtOptions {
  privateKeyPem?: string;
  publicKeyPem?: string;
  issuer: string;
  /** Defaults to {@link JWT_AUDIENCE}. */
  audience?: string;
  ttlSeconds: number;
  /** Where dev keys live; undefined or ":memory:" keeps them in memory. */
  dataDir?: string;
  isProduction: boolean;
}

interface KeyPair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

let memoryPair: Promise<KeyPair> | undefined;

/** One generated pair per process for in-memory setups (tests), so each context need not pay RSA keygen. */
function memoryKeys(): Promise<KeyPair> {
  memoryPair ??= generateKeyPair(JWT_ALG, { extractable: true, modulusLength: 2048 });
  return memoryPair;
}

async function fileKeys(dir: string): Promise<KeyPair> {
  const keyDir = `${dir}/keys`;
  const privatePath = `${keyDir}/jwt_private.pem`;
  const publicPath = `${keyDir}/jwt_public.pem`;
  try {
    return {
      privateKey: await importPKCS8(await Deno.readTextFile(privatePath), JWT_ALG),
      publicKey: await importSPKI(await Deno.readTextFile(publicPath), JWT_ALG, {
        extractable: true,
      }),
    };
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  const pair = await generateKeyPair(JWT_ALG, { extractable: true, modulusLength: 2048 });
  await Deno.mkdir(keyDir, { recursive: true, mode: 0o700 });
  await Deno.writeTextFile(privatePath, await exportPKCS8(pair.privateKey), { mode: 0o600 });
  await Deno.writeTextFile(publicPath, await exportSPKI(pair.publicKey));
  return pair;
}

async function loadKeys(options: JwtOptions): Promise<KeyPair> {
  if (options.privateKeyPem && options.publicKeyPem) {
    const pem = (text: string) => text.replaceAll("\\n", "\n");
    return {
      privateKey: await importPKCS8(pem(options.privateKeyPem), JWT_ALG),
      publicKey: await importSPKI(pem(options.publicKeyPem), JWT_ALG, { extractable: true }),
    };
  }
  if (options.privateKeyPem || options.publicKeyPem) {
    throw new Error("JWT_PRIVATE_KEY and JWT_PUBLIC_KEY must be set together");
  }
  if (options.isProduction) {
    throw new Error("JWT_PRIVATE_KEY and JWT_PUBLIC_KEY are required in production");
  }
  if (!options.dataDir || options.dataDir === ":memory:") return await memoryKeys();
  return await fileKeys(options.dataDir);
}

function isClaims(
  payload: Record<string, unknown>,
): payload is Record<string, unknown> & AccessClaims {
  return typeof payload.sub === "string" && typeof payload.email === "string" &&
    typeof payload.sid === "string" &&
    (ROLES as readonly unknown[]).includes(payload.role);
}

/** Loads (or, outside production, creates) the key pair and returns the signer/verifier. */
/** Verified tokens remembered per process (oldest dropped first). */
const VERIFIED_CACHE_SIZE = 10_000;

export async function createJwtService(options: JwtOptions): Promise<JwtService> {
  const { privateKey, publicKey } = await loadKeys(options);
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const published: JWK = { ...publicJwk, kid, alg: JWT_ALG, use: "sig" };
  const audience = options.audience ?? JWT_AUDIENCE;
  const verified = new BoundedMap<string, { claims: AccessClaims; exp: number }>(
    VERIFIED_CACHE_SIZE,
  );
  return {
    kid,
    sign: async (claims, now) => {
      const iat = Math.floor(now.getTime() / 1000);
      return await new SignJWT({ email: claims.email, role: claims.role, sid: claims.sid })
        .setProtectedHeader({ alg: JWT_ALG, kid, typ: "JWT" })
        .setSubject(claims.sub)
        .setIssuer(options.issuer)
        .setAudience(audience)
        .setIssuedAt(iat)
        .setExpirationTime(iat + options.ttlSeconds)
        .setJti(crypto.randomUUID())
        .sign(privateKey);
    },
    verify: async (token, now) => {
      // A token already verified is trusted until its own expiry: the same exact string
      // cannot have changed, and the RS256 check is most of an authenticated request's cost.
      const known = verified.get(token);
      if (known) {
        if (now.getTime() / 1000 <= known.exp + CLOCK_SKEW_SECONDS) {
          return { ok: true, claims: known.claims };
        }
        verified.delete(token);
      }
      try {
        const { payload } = await jwtVerify(token, (header) => {
          // An unknown kid is someone else's key: refuse before any signature work.
          if (header.kid !== kid) throw new errors.JWKSNoMatchingKey();
          return publicKey;
        }, {
          algorithms: [JWT_ALG],
          issuer: options.issuer,
          audience,
          currentDate: now,
          clockTolerance: CLOCK_SKEW_SECONDS,
          requiredClaims: ["exp", "iat", "sub"],
        });
        if (!isClaims(payload)) return { ok: false, reason: "invalid" };
        const claims = {
          sub: payload.sub,
          email: payload.email,
          role: payload.role,
          sid: payload.sid,
        };
        verified.set(token, { claims, exp: Number(payload.exp) });
        return { ok: true, claims };
      } catch (error) {
        return { ok: false, reason: error instanceof errors.JWTExpired ? "expired" : "invalid" };
      }
    },
    jwks: () => ({ keys: [published] }),
  };
}

/**
 * A fresh RS256 key pair as PEM (PKCS#8 private, SPKI public) — what
 * JWT_PRIVATE_KEY / JWT_PUBLIC_KEY hold. For processes that must share keys
 * (benchmarks, multi-process tests); production keys come from the environment.
 */
export async function generateRsaPemPair(): Promise<{ privateKey: string; publicKey: string }> {
  const keys = await crypto.subtle.generateKey(
    {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    },
    true,
    ["sign", "verify"],
  );
  const pem = (label: string, der: ArrayBuffer) =>
    `-----BEGIN ${label}-----\n${
      btoa(String.fromCharCode(...new Uint8Array(der))).match(/.{1,64}/g)!.join("\n")
    }\n-----END ${label}-----\n`;
  return {
    privateKey: pem("PRIVATE KEY", await crypto.subtle.exportKey("pkcs8", keys.privateKey)),
    publicKey: pem("PUBLIC KEY", await crypto.subtle.exportKey("spki", keys.publicKey)),
  };
}
