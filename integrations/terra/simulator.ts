/**
 * A simulated Terra: real HTTP on a loopback port speaking Terra's wire
 * format (widget sessions, authenticateUser, SDK tokens, deauth, userInfo,
 * /activity and /daily), plus a webhook emitter that signs deliveries with the
 * webhook secret and can repeat, reorder and grow them on demand. Faults (429
 * with Retry-After, 5xx, slow answers) are injected with {@link TerraSimulator.fail}.
 *
 * @module
 */
import { signTerraPayload } from "./signature.ts";
import { dataEvent, type SimUser } from "./sim_payloads.ts";

export type WebhookTarget = string | ((request: Request) => Promise<Response>);

export interface SimulatorOptions {
  devId: string;
  apiKey: string;
  webhookSecret: string;
  /** Where signed deliveries go: a URL or an in-process handler. */
  webhookTarget?: WebhookTarget;
  now?: () => Date;
}

export interface Delivery {
  traceId: string;
  orderingTs: number;
  body: string;
  type: string;
}

interface Fault {
  status: number;
  retryAfter?: number;
  delayMs?: number;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
const problem = (status: number, title: string, detail: string, instance: string) =>
  new Response(JSON.stringify({ type: "about:blank", title, detail, instance }), {
    status,
    headers: { "content-type": "application/problem+json" },
  });

export class TerraSimulator {
  readonly users = new Map<string, SimUser>();
  readonly data = new Map<
    string,
    { activity: Record<string, unknown>[]; daily: Record<string, unknown>[] }
  >();
  readonly deliveries: Delivery[] = [];
  readonly requests: { method: string; path: string }[] = [];
  legacyWidgetGone = false;
  #faults: Fault[] = [];
  #server: Deno.HttpServer | null = null;
  #seq = 0;
  #lastOrdering = 0;

  constructor(readonly options: SimulatorOptions) {}

  /** Base URL once started, e.g. http://127.0.0.1:41234/v2 */
  get baseUrl(): string {
    const addr = this.#server?.addr as Deno.NetAddr | undefined;
    if (!addr) throw new Error("Simulated Terra is not running: call start() first");
    return `http://127.0.0.1:${addr.port}/v2`;
  }

  start(): this {
    this.#server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      (req) => this.#handle(req),
    );
    return this;
  }

  async stop(): Promise<void> {
    await this.#server?.shutdown();
    this.#server = null;
  }

  /** The next `times` API calls answer `status` (after an optional delay). */
  fail(times: number, fault: Fault): void {
    for (let i = 0; i < times; i++) this.#faults.push(fault);
  }

  /** Creates a connected Terra user (as the widget would). */
  addUser(provider: string, referenceId: string | null): SimUser {
    const user: SimUser = {
      user_id: crypto.randomUUID(),
      provider,
      reference_id: referenceId,
      active: true,
      scopes: "ACTIVITY_EXPORT,HEALTH_EXPORT",
      created_at: this.#now().toISOString(),
      last_webhook_update: null,
    };
    this.users.set(user.user_id, user);
    this.data.set(user.user_id, { activity: [], daily: [] });
    return user;
  }

  #now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Signs and sends one webhook; `orderingTs` defaults to a fresh, increasing value. */
  async send(
    payload: Record<string, unknown>,
    options: { traceId?: string; orderingTs?: number; signedAt?: Date; secret?: string } = {},
  ): Promise<{ delivery: Delivery; response: Response }> {
    this.#lastOrdering = Math.max(this.#lastOrdering + 1, this.#now().getTime());
    const delivery: Delivery = {
      traceId: options.traceId ?? `sim-${++this.#seq}-${crypto.randomUUID().slice(0, 8)}`,
      orderingTs: options.orderingTs ?? this.#lastOrdering,
      body: JSON.stringify(payload),
      type: String(payload.type),
    };
    this.deliveries.push(delivery);
    return { delivery, response: await this.resend(delivery, options) };
  }

  /** Sends a recorded delivery again: same bytes, trace id and ordering timestamp. */
  async resend(
    delivery: Delivery,
    options: { signedAt?: Date; secret?: string } = {},
  ): Promise<Response> {
    const target = this.options.webhookTarget;
    if (!target) throw new Error("Simulated Terra has no webhook target");
    const request = await this.signed(delivery, options);
    return typeof target === "string" ? await fetch(request) : await target(request);
  }

  /** The signed HTTP request for a delivery, as Terra would send it. */
  async signed(
    delivery: Delivery,
    options: { signedAt?: Date; secret?: string } = {},
  ): Promise<Request> {
    const target = this.options.webhookTarget;
    const at = (options.signedAt ?? this.#now()).getTime() / 1000;
    const signature = await signTerraPayload(
      options.secret ?? this.options.webhookSecret,
      delivery.body,
      at,
    );
    return new Request(
      typeof target === "string" ? target : "http://fittrack.local/api/v1/webhooks/terra",
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "terra-signature": signature,
          "x-terra-signature": signature,
          "x-terra-trace-id": delivery.traceId,
          "x-terra-ordering-timestamp": String(delivery.orderingTs),
          "terra-reference": delivery.traceId.split(":")[0],
        },
        body: delivery.body,
      },
    );
  }

  /** Delivers a data event for a user. */
  sendData(type: "activity" | "daily", user: SimUser, items: Record<string, unknown>[]) {
    return this.send(dataEvent(type, user, items));
  }

  async #handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const path = url.pathname.replace(/^\/v2/, "");
    this.requests.push({ method: req.method, path });
    const fault = this.#faults.shift();
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault && fault.status >= 400) {
      await req.body?.cancel();
      const headers: Record<string, string> = fault.retryAfter !== undefined
        ? { "retry-after": String(fault.retryAfter), "x-terra-ratelimit-rule": "r2" }
        : {};
      return fault.status === 429
        ? json(429, { detail: "rate limit exceeded" }, headers)
        : json(fault.status, { status: "error", message: "simulated failure" }, headers);
    }
    if (
      req.headers.get("dev-id") !== this.options.devId ||
      req.headers.get("x-api-key") !== this.options.apiKey
    ) {
      await req.body?.cancel();
      return problem(401, "unauthorized", "dev-id or x-api-key headers are missing", url.pathname);
    }
    const body = req.body ? await req.json().catch(() => ({})) as Record<string, unknown> : {};
    const route = `${req.method} ${path}`;
    if (route === "POST /auth/generateWidgetSession" && this.legacyWidgetGone) {
      return json(410, { status: "error", message: "use POST /api/widget/session" });
    }
    if (route === "POST /auth/generateWidgetSession" || route === "POST /api/widget/session") {
      const id = crypto.randomUUID();
      return json(200, {
        status: "success",
        session_id: id,
        url: `${url.origin}/widget/session/${id}`,
        expires_in: 900,
      });
    }
    if (route === "POST /auth/authenticateUser") {
      const resource = url.searchParams.get("resource");
      if (!resource) return problem(400, "bad request", "resource is required", url.pathname);
      const user = this.addUser(resource.toUpperCase(), String(body.reference_id ?? "") || null);
      return json(200, {
        status: "success",
        user_id: user.user_id,
        auth_url: `${url.origin}/oauth/${user.user_id}`,
      });
    }
    if (route === "POST /auth/generateAuthToken") {
      const token = Array.from(
        crypto.getRandomValues(new Uint8Array(16)),
        (b) => b.toString(16).padStart(2, "0"),
      ).join("");
      return json(200, { status: "success", token, expires_in: 180 });
    }
    const userId = url.searchParams.get("user_id");
    const user = userId ? this.users.get(userId) : undefined;
    if (route === "DELETE /auth/deauthenticateUser") {
      if (!user) return problem(404, "not found", "user not found", url.pathname);
      this.users.delete(user.user_id);
      await this.send({
        type: "deauth",
        user: { ...user, active: false },
        status: "success",
        message: "User deauthenticated",
      });
      return json(200, { status: "success" });
    }
    if (route === "GET /userInfo") {
      const ref = url.searchParams.get("reference_id");
      if (ref) return json(200, [...this.users.values()].filter((u) => u.reference_id === ref));
      if (!user) return problem(404, "not found", "user not found", url.pathname);
      return json(200, { user, status: "success", is_authenticated: user.active });
    }
    if (route === "GET /activity" || route === "GET /daily") {
      if (!user) return problem(404, "not found", "user not found", url.pathname);
      const type = path.slice(1) as "activity" | "daily";
      const items = this.data.get(user.user_id)?.[type] ?? [];
      if (url.searchParams.get("to_webhook") === "false") {
        return json(200, { user, data: items, type });
      }
      const { delivery } = await this.sendData(type, user, items);
      return json(200, {
        status: "success",
        type,
        reference: delivery.traceId,
        trace_id: delivery.traceId,
        user,
      });
    }
    return problem(404, "not found", `no route ${route}`, url.pathname);
  }
}
