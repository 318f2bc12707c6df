/**
 * What core needs from the world, as interfaces only. `db/`, `integrations/`
 * and `services.ts` provide the implementations.
 *
 * @module
 */
import type { Clock } from "./time/clock.ts";
import type { UserRepo } from "./users/repo.ts";
import type { ActivityRepo } from "./activities/repo.ts";
import type { PointRepo } from "./points/repo.ts";
import type { DrawingRepo } from "./drawings/repo.ts";
import type { SponsorRepo } from "./sponsors/repo.ts";
import type { ReportRepo } from "./reports/repo.ts";
import type { AuditRepo } from "./audit.ts";

export type { Clock };

/** Every repository, bound to one connection or one transaction. */
export interface Repositories {
  users: UserRepo;
  activities: ActivityRepo;
  points: PointRepo;
  drawings: DrawingRepo;
  sponsors: SponsorRepo;
  reports: ReportRepo;
  audit: AuditRepo;
}

export interface Store extends Repositories {
  /** Runs `fn` in one database transaction; a throw rolls everything back. */
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** Source of randomness; the drawing and tokens take it so tests can pin it. */
export interface RandomSource {
  bytes(length: number): Uint8Array;
}

/** The ports most operations take. */
export interface CoreDeps {
  store: Store;
  clock: Clock;
  passwords: PasswordHasher;
  /** IANA zone of the platform day (FITTRACK_TIMEZONE). */
  timeZone: string;
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
