/**
 * A JSON value exactly as a jsonb column gives it back. A batch keeps the
 * activities it writes in memory instead of re-reading them, and the merge
 * rule compares metrics by their JSON text, so the in-memory copy must have
 * the stored key order (jsonb: shorter keys first, then bytewise) or a
 * redelivery in the same batch would look changed where a later one would not.
 *
 * @module
 */

const bytes = new TextEncoder();

const NON_ASCII = /[^\u0020-\u007e]/;

function compareKeys(a: string, b: string): number {
  // For printable ASCII keys the byte order is the string order (the common, cheap case).
  if (!NON_ASCII.test(a) && !NON_ASCII.test(b)) {
    return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  }
  const x = bytes.encode(a);
  const y = bytes.encode(b);
  if (x.length !== y.length) return x.length - y.length;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

function reorder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reorder);
  if (typeof value !== "object" || value === null) return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source).sort(compareKeys)) out[key] = reorder(source[key]);
  return out;
}

/**
 * `value` after a round trip through a jsonb column (undefined dropped, dates
 * as strings, keys in jsonb order).
 *
 * @example
 * ```ts
 * asStoredJson({ steps: 1, ok: true, at: undefined }); // { ok: true, steps: 1 }
 * ```
 */
export function asStoredJson<T extends Record<string, unknown>>(value: T): Record<string, unknown> {
  return reorder(JSON.parse(JSON.stringify(value))) as Record<string, unknown>;
}
