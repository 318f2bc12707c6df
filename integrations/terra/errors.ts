/**
 * Typed Terra API failures. Both error envelopes Terra uses (2026 problem+json
 * `{title, detail}` and legacy `{status:"error", message}`) are parsed; the
 * HTTP status decides the kind.
 *
 * @module
 */

export type TerraErrorKind =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "gone"
  | "rate_limited"
  | "server"
  | "timeout"
  | "network"
  | "invalid_response";

/** A Terra call that failed; `retryable` says whether trying again may help. */
export class TerraError extends Error {
  constructor(
    readonly kind: TerraErrorKind,
    message: string,
    readonly details: { status?: number; retryAfterSeconds?: number; path?: string } = {},
  ) {
    super(message);
    this.name = "TerraError";
  }

  get retryable(): boolean {
    return ["rate_limited", "server", "timeout", "network"].includes(this.kind);
  }
}

function kindOf(status: number): TerraErrorKind {
  if (status === 400 || status === 413 || status === 422) return "bad_request";
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 410) return "gone";
  if (status === 429) return "rate_limited";
  return status >= 500 ? "server" : "bad_request";
}

/** Seconds from a Retry-After header (delta seconds or an HTTP date). */
export function retryAfterSeconds(header: string | null, now: Date): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/** Builds the error for a non-2xx response from its status and either body shape. */
export async function errorFromResponse(
  response: Response,
  path: string,
  now: Date,
): Promise<TerraError> {
  let message = `Terra answered ${response.status}`;
  try {
    const body = await response.json() as Record<string, unknown>;
    const said = body.detail ?? body.message ?? body.title;
    if (typeof said === "string" && said.length > 0) message = `${message}: ${said}`;
  } catch {
    // A body that is not JSON leaves the status as the only information.
  }
  return new TerraError(kindOf(response.status), message, {
    status: response.status,
    retryAfterSeconds: retryAfterSeconds(response.headers.get("retry-after"), now),
    path,
  });
}
