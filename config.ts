/**
 * The only reader of the environment. Parses every setting once with zod and
 * returns a fully resolved, typed {@link Config}; bad settings raise one
 * {@link ConfigError} naming every bad value.
 *
 * @module
 */
import { z } from "zod";

const bool = z.enum(["true", "false", "1", "0", "yes", "no"]).transform((v) =>
  v === "true" || v === "1" || v === "yes"
);
const csv = z.string().transform((v) =>
  v.split(",").map((s) => s.trim()).filter((s) => s.length > 0)
);

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Placeholder Terra credentials: fine for the simulator, refused for live production. */
const TERRA_PLACEHOLDERS = {
  TERRA_DEV_ID: "fittrack-dev",
  TERRA_API_KEY: "fittrack-simulated-api-key",
  TERRA_WEBHOOK_SECRET: "fittrack-simulated-webhook-secret",
} as const;

/** Every setting, its default and its rule. `SETTINGS_HELP` below documents the same list. */
export const EnvSchema = z.object({
  APP_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  HOST: z.string().min(1).default("0.0.0.0"),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must start with postgres://").optional(),
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, "must be a lowercase SQL identifier")
    .default("public"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must start with redis://").optional(),
  REDIS_PREFIX: z.string().default("fittrack:"),
  LEADERBOARD_CACHE_ENTRIES: z.coerce.number().int().min(0).max(1_000_000).default(10_000)
    .describe("Recent leaderboard answers each process re-serves while Redis confirms them"),
  FITTRACK_DATA_DIR: z.string().min(1).default("./data"),
  FITTRACK_TIMEZONE: z.string().refine(isTimeZone, "must be an IANA time zone").default(
    "America/New_York",
  ),
  FITTRACK_SEED_ON_EMPTY: bool.default(true),
  FITTRACK_JOBS: bool.default(true),
  CORS_ORIGINS: csv.default(["http://localhost:8000", "http://127.0.0.1:8000"]),
  FEATURE_HTML_TEST_PAGE: bool.default(true),
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  SENTRY_DSN: z.url().optional(),
  RELEASE: z.string().default("dev"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(100).describe(
    "Requests a minute per client address on /api/* (0 disables)",
  ),
  TRUST_PROXY: bool.default(false),
  // Several processes on one PORT (Linux SO_REUSEPORT): one per core, on PostgreSQL.
  REUSE_PORT: bool.default(false),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  JWT_PRIVATE_KEY: z.string().optional(),
  JWT_PUBLIC_KEY: z.string().optional(),
  JWT_ACCESS_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(1800),
  JWT_REFRESH_TTL_SECONDS: z.coerce.number().int().min(3600).default(604_800),
  JWT_ISSUER: z.string().default("fittrack"),
  ENCRYPTION_KEY: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, "must be 32 bytes in base64")
    .optional(),
  MAIL_TRANSPORT: z.enum(["console", "smtp", "sendgrid"]).default("console"),
  MAIL_FROM: z.string().default("FitTrack <no-reply@fittrack.local>"),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must start with smtp://").optional(),
  SENDGRID_API_KEY: z.string().optional(),
  SENDGRID_BASE_URL: z.url().default("https://api.sendgrid.com"),
  EXCLUDED_STATES: csv.default(["NY", "FL", "RI"]),
  TERRA_MODE: z.enum(["simulated", "live"]).default("simulated"),
  TERRA_BASE_URL: z.url().default("https://api.tryterra.co/v2"),
  TERRA_DEV_ID: z.string().min(1).default(TERRA_PLACEHOLDERS.TERRA_DEV_ID),
  TERRA_API_KEY: z.string().min(1).default(TERRA_PLACEHOLDERS.TERRA_API_KEY),
  TERRA_WEBHOOK_SECRET: z.string().min(8, "must be at least 8 characters").default(
    TERRA_PLACEHOLDERS.TERRA_WEBHOOK_SECRET,
  ),
  TERRA_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(8000),
  /** drand HTTP API (e.g. https://api.drand.sh); unset = drawings cannot pin a beacon round. */
  DRAND_URL: z.url().optional(),
}).superRefine((env, ctx) => {
  if (env.APP_ENV !== "production") return;
  const need = (key: keyof typeof env, why: string) => {
    if (env[key] === undefined) ctx.addIssue({ code: "custom", path: [key], message: why });
  };
  need("DATABASE_URL", "is required in production");
  need("REDIS_URL", "is required in production");
  need("JWT_PRIVATE_KEY", "is required in production");
  need("JWT_PUBLIC_KEY", "is required in production");
  need("ENCRYPTION_KEY", "is required in production");
  need("METRICS_TOKEN", "is required in production (protects /metrics)");
  if (env.MAIL_TRANSPORT === "console") {
    ctx.addIssue({
      code: "custom",
      path: ["MAIL_TRANSPORT"],
      message: "must not be console in production",
    });
  }
  if (env.TERRA_MODE === "live") {
    // The defaults are public placeholders: a live production deployment must set real ones.
    for (const key of ["TERRA_DEV_ID", "TERRA_API_KEY", "TERRA_WEBHOOK_SECRET"] as const) {
      if (env[key] === TERRA_PLACEHOLDERS[key]) {
        ctx.addIssue({ code: "custom", path: [key], message: "is required when TERRA_MODE=live" });
      }
    }
  }
  if (env.MAIL_TRANSPORT === "smtp") need("SMTP_URL", "is required when MAIL_TRANSPORT=smtp");
  if (env.MAIL_TRANSPORT === "sendgrid") {
    need("SENDGRID_API_KEY", "is required when MAIL_TRANSPORT=sendgrid");
  }
});

export type Env = z.infer<typeof EnvSchema>;
export type Config = Env & { readonly isProduction: boolean; readonly testPageEnabled: boolean };

/** Thrown when the environment does not parse; `message` names every bad value. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses `env` (a plain record, normally `Deno.env.toObject()`) into a {@link Config}. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const known = Object.fromEntries(
    Object.keys(EnvSchema.shape).map((k) => [k, env[k] === "" ? undefined : env[k]]),
  );
  const parsed = EnvSchema.safeParse(known);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? "settings");
      const value = known[key];
      const shown = value === undefined || /KEY|SECRET|PASSWORD|URL/.test(key)
        ? ""
        : ` (got ${JSON.stringify(value)})`;
      return `${key} ${issue.message}${shown}`;
    }));
  }
  const isProduction = parsed.data.APP_ENV === "production";
  return {
    ...parsed.data,
    isProduction,
    testPageEnabled: parsed.data.FEATURE_HTML_TEST_PAGE && !isProduction,
  };
}

/** Reads the process environment. Call once, in an entry point. */
export function loadConfig(): Config {
  return parseConfig(Deno.env.toObject());
}
