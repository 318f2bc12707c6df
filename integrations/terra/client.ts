/**
 * Terra API client: `dev-id` + `x-api-key` on every call, a timeout per
 * attempt, retries with exponential backoff and full jitter on 429/5xx,
 * timeouts and network errors (honouring Retry-After), typed errors. The key
 * is only ever sent in headers: it is never logged or put in an error.
 *
 * @module
 */
import { errorFromResponse, TerraError } from "./errors.ts";

export interface TerraClientOptions {
  baseUrl: string;
  devId: string;
  apiKey: string;
  timeoutMs?: number;
  /** Attempts per call including the first (default 4: up to 3 retries). */
  attempts?: number;
  /** First backoff in ms (default 250); doubles each retry, capped at maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface TerraUser {
  user_id: string;
  provider: string;
  reference_id: string | null;
  active?: boolean | null;
  scopes?: string | null;
}

export interface WidgetSession {
  session_id: string;
  url: string;
  expires_in: number;
}

export interface DataQuery {
  userId: string;
  startDate: string;
  endDate?: string;
  toWebhook: boolean;
  withSamples: boolean;
}

type Query = Record<string, string | boolean | undefined>;

export class TerraClient {
  readonly #o: Required<Omit<TerraClientOptions, "fetch" | "sleep" | "random">>;
  readonly #fetch: typeof fetch;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #random: () => number;

  constructor(options: TerraClientOptions) {
    this.#o = {
      timeoutMs: 8000,
      attempts: 4,
      baseDelayMs: 250,
      maxDelayMs: 10_000,
      ...options,
      baseUrl: options.baseUrl.replace(/\/+$/, ""),
    };
    this.#fetch = options.fetch ?? fetch;
    this.#sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.#random = options.random ?? Math.random;
  }

  /** One call with retries; returns the parsed JSON body. */
  async request<T>(
    method: string,
    path: string,
    options: { query?: Query; body?: unknown } = {},
  ): Promise<T> {
    const url = new URL(/^https?:/.test(path) ? path : `${this.#o.baseUrl}${path}`);
    for (const [k, v] of Object.entries(options.query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, String(v));
    }
    let last: TerraError | undefined;
    for (let attempt = 1; attempt <= this.#o.attempts; attempt++) {
      try {
        return await this.#once<T>(method, url, path, options.body);
      } catch (error) {
        last = error instanceof TerraError
          ? error
          : new TerraError("network", `Terra could not be reached: ${(error as Error).message}`, {
            path,
          });
        if (!last.retryable || attempt === this.#o.attempts) throw last;
        const backoff = Math.min(this.#o.maxDelayMs, this.#o.baseDelayMs * 2 ** (attempt - 1));
        const jittered = Math.floor(this.#random() * backoff);
        const asked = (last.details.retryAfterSeconds ?? 0) * 1000;
        await this.#sleep(Math.min(this.#o.maxDelayMs * 6, Math.max(jittered, asked)));
      }
    }
    throw last!;
  }

  async #once<T>(method: string, url: URL, path: string, body: unknown): Promise<T> {
    const headers: Record<string, string> = {
      "dev-id": this.#o.devId,
      "x-api-key": this.#o.apiKey,
      accept: "application/json",
    };
    if (body !== undefined) headers["content-type"] = "application/json";
    let response: Response;
    try {
      response = await this.#fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.#o.timeoutMs),
      });
    } catch (error) {
      const name = (error as Error).name;
      if (name === "TimeoutError" || name === "AbortError") {
        throw new TerraError("timeout", `Terra did not answer within ${this.#o.timeoutMs} ms`, {
          path,
        });
      }
      throw error;
    }
    if (!response.ok) throw await errorFromResponse(response, path, new Date());
    try {
      return await response.json() as T;
    } catch {
      throw new TerraError("invalid_response", "Terra answered with a body that is not JSON", {
        status: response.status,
        path,
      });
    }
  }

  /** Widget session on the current endpoint, falling back to the legacy one when it is absent. */
  async generateWidgetSession(input: {
    referenceId: string;
    providers: string[];
    successUrl?: string;
    failureUrl?: string;
    language?: string;
  }): Promise<WidgetSession> {
    const body = {
      reference_id: input.referenceId,
      providers: input.providers.join(","),
      language: input.language ?? "en",
      auth_success_redirect_url: input.successUrl,
      auth_failure_redirect_url: input.failureUrl,
    };
    try {
      return await this.request<WidgetSession>("POST", "/auth/generateWidgetSession", { body });
    } catch (error) {
      if (!(error instanceof TerraError) || error.kind !== "gone") throw error;
      // Accounts created after 2026-09-03 get 410 on the legacy path.
      return await this.request<WidgetSession>("POST", this.#currentWidgetUrl(), { body });
    }
  }

  authenticateUser(
    input: { resource: string; referenceId: string; successUrl?: string; failureUrl?: string },
  ) {
    return this.request<{ status: string; user_id: string; auth_url: string }>(
      "POST",
      "/auth/authenticateUser",
      {
        query: { resource: input.resource },
        body: {
          reference_id: input.referenceId,
          auth_success_redirect_url: input.successUrl,
          auth_failure_redirect_url: input.failureUrl,
        },
      },
    );
  }

  /** Single-use token (180 s) for the mobile SDK's initConnection. */
  generateAuthToken(): Promise<{ status: string; token: string; expires_in: number }> {
    return this.request("POST", "/auth/generateAuthToken", { body: {} });
  }

  deauthenticateUser(userId: string): Promise<{ status: string }> {
    return this.request("DELETE", "/auth/deauthenticateUser", { query: { user_id: userId } });
  }

  /** Users for a Terra user id or a reference id; both answer shapes become a list. */
  async userInfo(by: { userId: string } | { referenceId: string }): Promise<TerraUser[]> {
    const query = "userId" in by ? { user_id: by.userId } : { reference_id: by.referenceId };
    const body = await this.request<unknown>("GET", "/userInfo", { query });
    if (Array.isArray(body)) return body as TerraUser[];
    const user = (body as { user?: TerraUser }).user;
    return user ? [user] : [];
  }

  getActivity(q: DataQuery): Promise<{ user?: TerraUser; data?: unknown[]; type?: string }> {
    return this.request("GET", "/activity", { query: this.#dataQuery(q) });
  }

  getDaily(q: DataQuery): Promise<{ user?: TerraUser; data?: unknown[]; type?: string }> {
    return this.request("GET", "/daily", { query: this.#dataQuery(q) });
  }

  /** The 2026 widget endpoint lives on access.tryterra.co, outside the /v2 API root. */
  #currentWidgetUrl(): string {
    const base = new URL(this.#o.baseUrl);
    const origin = base.hostname === "api.tryterra.co" ? "https://access.tryterra.co" : base.origin;
    return `${origin}/api/widget/session`;
  }

  #dataQuery(q: DataQuery): Query {
    return {
      user_id: q.userId,
      start_date: q.startDate,
      end_date: q.endDate,
      to_webhook: q.toWebhook,
      with_samples: q.withSamples,
    };
  }
}
