/**
 * `fittrack smoke --url URL`: the plan's post-deployment smoke scenarios against
 * a running deployment, over HTTP only (no database access). Exits 1 when any
 * check fails, so a deploy pipeline can roll back.
 *
 * @module
 */
import { table } from "../output.ts";
import type { Output } from "../output.ts";

export interface SmokeOptions {
  url: string;
  adminEmail?: string;
  adminPassword?: string;
  timeoutMs?: number;
}

interface Check {
  name: string;
  ok: boolean;
  ms: number;
  detail: string;
}

type Step = (state: Record<string, string>) => Promise<string>;

async function call(
  base: string,
  path: string,
  init: RequestInit & { json?: unknown; token?: string } = {},
  timeoutMs = 10_000,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers = new Headers(init.headers);
  if (init.json !== undefined) headers.set("content-type", "application/json");
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  const response = await fetch(new URL(path, base), {
    ...init,
    headers,
    body: init.json === undefined ? init.body : JSON.stringify(init.json),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = { text: text.slice(0, 200) };
  }
  return { status: response.status, body };
}

function expect(status: number, wanted: number, body: Record<string, unknown>): void {
  if (status !== wanted) {
    throw new Error(
      `expected ${wanted}, got ${status}: ${String(body.detail ?? body.title ?? "")}`,
    );
  }
}

/** Runs every check in order (later ones use what earlier ones got) and reports each. */
export async function runSmoke(options: SmokeOptions): Promise<Check[]> {
  const base = options.url.endsWith("/") ? options.url : `${options.url}/`;
  const t = options.timeoutMs ?? 10_000;
  const email = `smoke+${crypto.randomUUID().slice(0, 8)}@example.com`;
  const password = `Smoke-Test-${crypto.randomUUID().slice(0, 6)}-9!`;
  const steps: [string, Step][] = [
    ["health check returns 200", async () => {
      const { status, body } = await call(base, "health/ready", {}, t);
      expect(status, 200, body);
      return String(body.status);
    }],
    ["user can register", async () => {
      const { status, body } = await call(base, "api/v1/auth/register", {
        method: "POST",
        json: {
          email,
          password,
          date_of_birth: "1990-01-15",
          state: "CA",
          display_name: "Smoke Test",
          biological_sex: "female",
          fitness_level: "intermediate",
        },
      }, t);
      expect(status, 201, body);
      return email;
    }],
    ["user can log in and receive a JWT", async (state) => {
      if (!options.adminEmail || !options.adminPassword) {
        throw new Error("needs --admin-email and --admin-password (a new account is unverified)");
      }
      const { status, body } = await call(base, "api/v1/auth/login", {
        method: "POST",
        json: { email: options.adminEmail, password: options.adminPassword },
      }, t);
      expect(status, 200, body);
      const token = String(body.access_token ?? "");
      if (token.split(".").length !== 3) throw new Error("no JWT in the answer");
      state.token = token;
      return "access token received";
    }],
    ["user can view leaderboards", async (state) => {
      const { status, body } = await call(base, "api/v1/leaderboards/weekly?tier=OPEN", {
        token: state.token,
      }, t);
      expect(status, 200, body);
      return `${body.total_users} users on OPEN weekly`;
    }],
    ["user can view drawings", async (state) => {
      const { status, body } = await call(base, "api/v1/drawings", { token: state.token }, t);
      expect(status, 200, body);
      return `${(body.pagination as { total?: number })?.total ?? 0} drawings`;
    }],
    ["admin can create a drawing", async (state) => {
      const at = new Date(Date.now() + 7 * 86_400_000);
      const { status, body } = await call(base, "api/v1/drawings", {
        method: "POST",
        token: state.token,
        json: {
          drawing_type: "weekly",
          name: `Smoke test drawing ${at.toISOString().slice(0, 10)}`,
          ticket_cost_points: 100,
          drawing_time: at.toISOString(),
          ticket_sales_close: new Date(at.getTime() - 300_000).toISOString(),
        },
      }, t);
      expect(status, 201, body);
      return `draft ${body.id}`;
    }],
  ];
  const state: Record<string, string> = {};
  const checks: Check[] = [];
  for (const [name, step] of steps) {
    const started = performance.now();
    try {
      const detail = await step(state);
      checks.push({ name, ok: true, ms: Math.round(performance.now() - started), detail });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      checks.push({ name, ok: false, ms: Math.round(performance.now() - started), detail });
    }
  }
  return checks;
}

/** Prints the checks; returns the exit code (0 all passed, 1 otherwise). */
export function reportSmoke(out: Output, checks: Check[]): 0 | 1 {
  const passed = checks.every((c) => c.ok);
  out.result({ passed, checks }, () =>
    table(
      ["check", "result", "ms", "detail"],
      checks.map((c) => [c.name, c.ok ? "pass" : "FAIL", c.ms, c.detail]),
    ));
  return passed ? 0 : 1;
}
