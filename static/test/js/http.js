/**
 * The one fetch wrapper: JSON in and out, timing, and the session's bearer
 * token on every call unless the caller passes its own Authorization value.
 *
 * @module
 */
import { bearer } from "./session.js";

/**
 * @typedef {object} ApiResult
 * @property {number} status  HTTP status, 0 when the network failed
 * @property {boolean} ok
 * @property {number} ms  wall time of the round trip
 * @property {unknown} body  parsed JSON, raw text, or null for an empty body
 * @property {{method: string, url: string, headers: Record<string, string>, body?: unknown}} request
 */

/**
 * @param {string} method
 * @param {string} url
 * @param {{json?: unknown, rawBody?: string, authorization?: string}} [options]
 *   `rawBody` is sent as-is (so malformed JSON can be tried); `authorization`
 *   overrides the session's token ("" sends none).
 * @returns {Promise<ApiResult>}
 */
export async function callApi(method, url, options = {}) {
  const headers = { Accept: "application/json, application/problem+json" };
  const authorization = options.authorization ?? bearer();
  if (authorization) headers.Authorization = authorization;
  let body;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.json !== undefined) body = JSON.stringify(options.json);
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const request = { method, url, headers: redact(headers) };
  if (body !== undefined) request.body = parseOrText(body);

  const started = performance.now();
  try {
    const response = await fetch(url, { method, headers, body, credentials: "same-origin" });
    const text = await response.text();
    return {
      status: response.status,
      ok: response.ok,
      ms: Math.round(performance.now() - started),
      body: text ? parseOrText(text) : null,
      request,
    };
  } catch (error) {
    return {
      status: 0,
      ok: false,
      ms: Math.round(performance.now() - started),
      body: { error: `Network error: ${error.message}` },
      request,
    };
  }
}

/** A short human line for a failed call: the problem's detail when there is one. */
export function describeFailure(result) {
  const body = result.body;
  if (body && typeof body === "object") {
    const problem =
      /** @type {{detail?: string, title?: string, errors?: {field: string, message: string}[]}} */ (body);
    const fields = problem.errors?.map((e) => `${e.field} ${e.message}`).join("; ");
    const text = problem.detail ?? problem.title ?? problem.error;
    if (text) return fields ? `${text} (${fields})` : String(text);
  }
  return result.status === 0 ? "The server could not be reached" : `HTTP ${result.status}`;
}

function parseOrText(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// The request panel is for reading, not for copying secrets off the screen.
function redact(headers) {
  const shown = { ...headers };
  if (shown.Authorization) {
    shown.Authorization = shown.Authorization.replace(/^(\S+ .{12}).+$/, "$1…");
  }
  return shown;
}
