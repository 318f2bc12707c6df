/**
 * Reads a Terra webhook request: signature first (over the raw bytes), then
 * JSON, then the delivery headers. Nothing is parsed before the signature holds.
 *
 * @module
 */
import type { NewWebhookEvent } from "../../core/ingest/repo.ts";
import { verifyTerraSignature } from "./signature.ts";

export type DeliveryRead =
  | { ok: true; delivery: NewWebhookEvent }
  | { ok: false; status: 400 | 401 | 422; detail: string; field?: string };

const REASONS = {
  missing: "The terra-signature header is missing.",
  malformed: "The terra-signature header is not of the form t=<seconds>,v1=<hex>.",
  stale: "The signature timestamp is outside the 300-second tolerance.",
  mismatch: "The signature does not match the body.",
} as const;

async function sha256Hex(body: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", body as BufferSource));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

function idOf(value: unknown): string | null {
  const user = typeof value === "object" && value !== null ? value as Record<string, unknown> : {};
  return typeof user.user_id === "string" && user.user_id.length > 0 ? user.user_id : null;
}

/** Verifies and reads one delivery; `headers` are the request's. */
export async function readTerraDelivery(options: {
  headers: Headers;
  body: Uint8Array;
  secret: string;
  now: Date;
}): Promise<DeliveryRead> {
  const { headers, body } = options;
  const check = await verifyTerraSignature({
    header: headers.get("terra-signature") ?? headers.get("x-terra-signature"),
    body,
    secret: options.secret,
    now: options.now,
  });
  if (!check.ok) return { ok: false, status: 401, detail: REASONS[check.reason] };
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    return { ok: false, status: 400, detail: "The request body is not valid JSON." };
  }
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
    return { ok: false, status: 422, detail: "The body must be a JSON object.", field: "body" };
  }
  const event = payload as Record<string, unknown>;
  if (typeof event.type !== "string" || event.type.length === 0 || event.type.length > 100) {
    return { ok: false, status: 422, detail: "The event has no type.", field: "type" };
  }
  const trace = headers.get("x-terra-trace-id")?.trim();
  const ordering = Number(headers.get("x-terra-ordering-timestamp"));
  return {
    ok: true,
    delivery: {
      // Without a trace id, identical bytes are the same delivery.
      trace_id: trace && trace.length <= 200 ? trace : `sha256:${await sha256Hex(body)}`,
      event_type: event.type,
      terra_user_id: idOf(event.user) ?? idOf(event.new_user),
      reference: headers.get("terra-reference")?.slice(0, 200) ?? null,
      ordering_ts: Number.isSafeInteger(ordering) && ordering > 0 ? ordering : null,
      payload: event,
    },
  };
}
