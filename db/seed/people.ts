/**
 * Users, profiles and tracker connections. Non-demo users walk the 31 tier
 * codes in turn, so any seed of 34+ users covers every tier; the first 15
 * get one active connection each, five per provider.
 *
 * @module
 */
import type { DemoAccount } from "../../core/admin/seeder.ts";
import { ageBracket, ageOn, TIER_CODES, tierCode } from "../../core/tiers/tier_code.ts";
import type { AgeBracket, BiologicalSex, FitnessLevel } from "../../core/tiers/tier_code.ts";
import { US_STATES } from "../../core/users/schemas.ts";
import type { BulkWriter } from "./_bulk.ts";
import type { SeedRandom } from "./_random.ts";
import { CONNECTIONS, PROFILES, USERS } from "./_tables.ts";

const DAY = 86_400_000;
const PROVIDERS = ["apple_health", "google_fit", "fitbit"] as const;
const LEVELS: Record<string, FitnessLevel> = {
  BEG: "beginner",
  INT: "intermediate",
  ADV: "advanced",
};
const AGE_RANGE: Record<AgeBracket, [number, number]> = {
  // 22+: a few states (AL, NE, MS) set the sweepstakes age above 18.
  "18-29": [22, 29],
  "30-39": [30, 39],
  "40-49": [40, 49],
  "50-59": [50, 59],
  "60+": [60, 82],
};
// Default EXCLUDED_STATES: registration refuses them, so seeded users do not live there.
const STATES = US_STATES.filter((s) => !["NY", "FL", "RI"].includes(s));
const GOALS = ["lose weight", "run a 10k", "sleep better", "build strength", "move daily"];
const DEMO_TIERS = ["F-30-39-INT", "M-40-49-ADV", "F-18-29-BEG"];

/** What the ledger step needs to know about a user. */
export interface SeedUser {
  id: string;
  role: "user" | "premium" | "admin";
  status: "pending" | "active" | "suspended";
  createdAt: number;
  tierCode: string;
  /** Primary connection, if any: activities reference it. */
  connection: { id: string; provider: string } | null;
  /** Columns of the users row except the point totals, which the ledger fills in. */
  row: {
    email: string;
    emailVerifiedAt: Date | null;
    lastLoginAt: Date | null;
  };
}

export interface PeopleContext {
  rng: SeedRandom;
  now: number;
  today: string;
  total: number;
  demo: readonly DemoAccount[];
}

function extraAdmins(total: number): number {
  return Math.min(9, Math.max(2, Math.floor(total / 5)));
}

function dateOfBirth(rng: SeedRandom, today: string, bracket: AgeBracket): string {
  const [min, max] = AGE_RANGE[bracket];
  const [ty, tm, td] = today.split("-").map(Number);
  const age = rng.int(min, max);
  // `age` years and 1-360 days old: the age is exact whatever the day of year.
  const dob = new Date(Date.UTC(ty - age, tm - 1, td) - rng.int(1, 360) * DAY);
  const text = dob.toISOString().slice(0, 10);
  if (ageBracket(ageOn(text, today)) !== bracket) {
    throw new Error(`Seeder bug: ${text} is not in bracket ${bracket} on ${today}`);
  }
  return text;
}

function ascii(text: string): string {
  return text.normalize("NFD").toLowerCase().replace(/[^a-z0-9]+/g, "");
}

/** Generates user `index` (0-based; the demo accounts come first) and queues its rows. */
export function writePerson(writer: BulkWriter, ctx: PeopleContext, index: number): SeedUser {
  const { rng, now } = ctx;
  const j = index - ctx.demo.length;
  const demo = j < 0 ? ctx.demo[index] : null;
  const role = demo?.role ??
    (j < extraAdmins(ctx.total) ? "admin" : j % 3 === 0 ? "premium" : "user");
  const status = demo || j < 31
    ? "active"
    : j % 17 === 0
    ? "pending"
    : j % 29 === 0
    ? "suspended"
    : "active";
  const tier = demo ? DEMO_TIERS[index % DEMO_TIERS.length] : TIER_CODES[j % TIER_CODES.length];
  const open = tier === "OPEN";
  const sex: BiologicalSex = open
    ? rng.pick(["male", "female"] as const)
    : tier[0] === "M"
    ? "male"
    : "female";
  const bracket = open
    ? rng.pick(Object.keys(AGE_RANGE) as AgeBracket[])
    : tier.slice(2, -4) as AgeBracket;
  const level = open ? rng.pick(Object.values(LEVELS)) : LEVELS[tier.slice(-3)];
  const first = rng.faker.person.firstName(sex);
  const last = rng.faker.person.lastName();
  const email = demo?.email ?? `${ascii(first) || "user"}.${ascii(last) || "fit"}${j}@example.com`;
  const createdAt = demo
    ? now - 120 * DAY
    : j % 10 === 9
    ? now - rng.int(5, 156) * DAY / 24
    : now - rng.int(61, 180) * DAY - rng.int(0, 86_399_000);
  const id = rng.uuid();
  const verifiedAt = status === "pending" ? null : new Date(createdAt + 10 * 60_000);
  const lastLogin = status === "active"
    ? new Date(Math.max(createdAt + 3_600_000, now - rng.int(1, 5 * 24) * 3_600_000))
    : null;
  const profileTier = tierCode({
    biologicalSex: sex,
    ageBracket: bracket,
    fitnessLevel: level,
    openTier: open,
  });
  writer.add(PROFILES.name, [
    id,
    demo?.display_name ?? `${first} ${last[0]}.`.slice(0, 50),
    dateOfBirth(rng, ctx.today, bracket),
    rng.pick(STATES),
    sex,
    bracket,
    level,
    open,
    profileTier,
    rng.int(58, 78),
    rng.int(110, 260),
    [rng.pick(GOALS)],
    new Date(createdAt),
    new Date(createdAt),
  ]);
  const connection = writeConnections(writer, ctx, {
    id,
    j,
    demo: demo !== null,
    status,
    createdAt,
  });
  return {
    id,
    role,
    status,
    createdAt,
    tierCode: profileTier,
    connection,
    row: { email, emailVerifiedAt: verifiedAt, lastLoginAt: lastLogin },
  };
}

/** Queues the users row once the ledger knows the balances. */
export function writeUserRow(
  writer: BulkWriter,
  user: SeedUser,
  passwordHash: string,
  totals: { balance: number; earned: number; updatedAt: number },
): void {
  writer.add(USERS.name, [
    user.id,
    user.row.email,
    passwordHash,
    user.role,
    user.status,
    user.row.emailVerifiedAt !== null,
    user.row.emailVerifiedAt,
    totals.balance,
    totals.earned,
    user.row.lastLoginAt,
    new Date(user.createdAt),
    new Date(totals.updatedAt),
  ]);
}

function writeConnections(
  writer: BulkWriter,
  ctx: PeopleContext,
  user: { id: string; j: number; demo: boolean; status: string; createdAt: number },
): SeedUser["connection"] {
  const { rng, now } = ctx;
  const guaranteed = user.j >= 0 && user.j < 15;
  if (user.status === "pending") return null;
  if (!guaranteed && !user.demo && !rng.chance(0.6)) return null;
  const provider = guaranteed
    ? PROVIDERS[user.j % 3]
    : user.demo
    ? PROVIDERS[(user.j + 3) % 3]
    : rng.pick(PROVIDERS);
  const health = guaranteed || user.demo ? 0.5 : rng.next();
  const state = health < 0.9 ? "active" : health < 0.95 ? "error" : "disconnected";
  const primary = { id: rng.uuid(), provider };
  const add = (id: string, p: string, isPrimary: boolean, s: string) => {
    writer.add(CONNECTIONS.name, [
      id,
      user.id,
      p,
      `terra-${rng.uuid()}`,
      isPrimary,
      s,
      s === "active" ? "success" : s === "error" ? "failed" : "pending",
      s === "disconnected" ? null : new Date(now - rng.int(5, 20 * 60) * 60_000),
      s === "error" ? "Provider rejected the refresh token; reconnect required." : null,
      new Date(user.createdAt + 3_600_000),
      new Date(now - 60_000),
    ]);
  };
  add(primary.id, provider, true, state);
  if (!guaranteed && rng.chance(0.15)) {
    add(rng.uuid(), PROVIDERS[(PROVIDERS.indexOf(provider) + 1) % 3], false, "active");
  }
  return state === "active" ? primary : null;
}
