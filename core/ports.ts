/**
 * What core needs from the world, as interfaces only. `db/`, `integrations/`
 * and `services.ts` provide the implementations.
 *
 * @module
 */
import type { Telemetry } from "./telemetry.ts";
import type { Clock } from "./time/clock.ts";
import type { UserRepo } from "./users/repo.ts";
import type { ActivityRepo } from "./activities/repo.ts";
import type { PointRepo } from "./points/repo.ts";
import type { DrawingRepo } from "./drawings/repo.ts";
import type { SponsorRepo } from "./sponsors/repo.ts";
import type { ReportRepo } from "./reports/repo.ts";
import type { AuditRepo } from "./audit.ts";
import type { AuthRepo } from "./auth/repo.ts";
import type { AccessClaims } from "./auth/schemas.ts";
import type { OutboxRepo } from "./mail/outbox.ts";
import type { Seeder } from "./admin/seeder.ts";
import type { LeaderboardRepo } from "./leaderboards/repo.ts";
import type { IngestRepo } from "./ingest/repo.ts";
import type { TicketRepo } from "./tickets/repo.ts";
import type { FulfillmentRepo } from "./fulfillment/repo.ts";
import type { TrackerRepo } from "./trackers/repo.ts";
import type { BeaconSignatureCheck } from "./drawings/draw/beacon.ts";
import type { DrawingTemplateRepo } from "./drawing_templates/repo.ts";

export type { Clock };

/** Every repository, bound to one connection or one transaction. */
export interface Repositories {
  users: UserRepo;
  activities: ActivityRepo;
  points: PointRepo;
  drawings: DrawingRepo;
  drawingTemplates: DrawingTemplateRepo;
  sponsors: SponsorRepo;
  reports: ReportRepo;
  audit: AuditRepo;
  auth: AuthRepo;
  outbox: OutboxRepo;
  leaderboards: LeaderboardRepo;
  ingest: IngestRepo;
  tickets: TicketRepo;
  fulfillments: FulfillmentRepo;
  trackers: TrackerRepo;
}

export interface Store extends Repositories {
  /** Runs `fn` in one database transaction; a throw rolls everything back. */
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
  /** Bulk seed/reset; runs its own transactions, so it is not part of {@link Repositories}. */
  seeder: Seeder;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** Source of randomness; the drawing and tokens take it so tests can pin it. */
export interface RandomSource {
  bytes(length: number): Uint8Array;
}

/** Signs access tokens (RS256 JWTs in production code). */
export interface AccessTokenSigner {
  sign(claims: AccessClaims, now: Date): Promise<string>;
}

/** Opaque secrets (refresh and one-time tokens): random values stored only as hashes. */
export interface SecretTokens {
  /** A fresh random token and its hash. */
  issue(): Promise<{ token: string; hash: string }>;
  hash(token: string): Promise<string>;
}

/** Lifetimes and rules auth takes from the settings. */
export interface AuthSettings {
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  excludedStates: readonly string[];
  /** Base URL for links in mails, without a trailing slash. */
  appUrl: string;
}

/** The drand beacon (DRAND_URL): a round fetched over HTTP and its offline BLS check. */
export interface RandomnessBeacon {
  /** Round `round` of the pinned quicknet chain; throws when it cannot be fetched. */
  fetchRound(round: number): Promise<{ round: number; signature: string }>;
  checkSignature: BeaconSignatureCheck;
}

/** The ports most operations take. */
export interface CoreDeps {
  store: Store;
  clock: Clock;
  passwords: PasswordHasher;
  /** IANA zone of the platform day (FITTRACK_TIMEZONE). */
  timeZone: string;
  accessTokens: AccessTokenSigner;
  secrets: SecretTokens;
  auth: AuthSettings;
  /** Counts business events for /metrics (absent: nothing is counted). */
  telemetry?: Telemetry;
  /** Set when DRAND_URL is: drawings may then pin a beacon round. */
  beacon?: RandomnessBeacon | null;
}

/** Key-value cache with expiry, shared across instances when Redis backs it. */
export interface Cache {
  readonly kind: "memory" | "redis";
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  del(key: string): Promise<void>;
  /** Increments a counter that expires `ttlSeconds` after its first increment; returns the count. */
  hit(key: string, ttlSeconds: number): Promise<{ count: number; resetSeconds: number }>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Authenticated encryption for values at rest (provider tokens, shipping
 * addresses, drawing seeds). `seal` output is self-describing text.
 */
export interface SecretBox {
  seal(plaintext: string): Promise<string>;
  open(sealed: string): Promise<string>;
}
