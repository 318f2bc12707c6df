/**
 * Domain errors. Core throws these with a code; `api/problem.ts` owns the only
 * table from code to HTTP status, and the CLI maps them to exit codes.
 *
 * @module
 */

export type DomainErrorCode =
  | "validation"
  | "bad_request"
  | "not_found"
  | "conflict"
  | "version_conflict"
  | "unauthenticated"
  | "forbidden"
  | "rate_limited"
  | "account_locked"
  | "email_not_verified"
  | "token_invalid"
  | "token_expired"
  | "token_used"
  | "invalid_state"
  | "insufficient_points"
  | "not_available"
  | "service_unavailable";

/** One field at fault, as RFC 9457 `errors[]` lists it. */
export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: { errors?: FieldError[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** A 404 for `entity` (e.g. "User") with the id the caller asked for. */
export function notFound(entity: string, id: string): DomainError {
  return new DomainError("not_found", `${entity} ${id} was not found.`);
}

/** A validation failure of one named field. */
export function invalidField(field: string, message: string): DomainError {
  return new DomainError("validation", `${field} ${message}`, { errors: [{ field, message }] });
}
