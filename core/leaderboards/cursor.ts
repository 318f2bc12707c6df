/**
 * Page cursors: an opaque token naming the last row of the previous page, so
 * the next page starts right after it however far down the board it is.
 *
 * @module
 */
import { DomainError } from "../errors.ts";

/** A place on a board: the row with these points, first-reach second and user. */
export interface BoardPosition {
  points: number;
  /** ISO instant, whole seconds. */
  reached_at: string;
  user_id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function badCursor(): DomainError {
  return new DomainError("bad_request", "The cursor is not one this API issued.", {
    errors: [{ field: "cursor", message: "is not a valid cursor; use next_cursor from a page" }],
  });
}

/**
 * Encodes a position as a URL-safe token.
 *
 * @example decodeCursor(encodeCursor(position)) // deep-equals position
 */
export function encodeCursor(position: BoardPosition): string {
  let token = encoded.get(position);
  if (token === undefined) {
    const text = JSON.stringify([position.points, position.reached_at, position.user_id]);
    token = btoa(text).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
    encoded.set(position, token);
  }
  return token;
}

/** Tokens by position object: a board answer re-served many times encodes its cursor once. */
const encoded = new WeakMap<BoardPosition, string>();

/** Decodes a token from {@link encodeCursor}; anything else is a 400 naming `cursor`. */
export function decodeCursor(token: string): BoardPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(atob(token.replaceAll("-", "+").replaceAll("_", "/")));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw badCursor();
  const [points, reachedAt, userId] = parsed;
  if (
    !Number.isSafeInteger(points) || points < 0 || typeof reachedAt !== "string" ||
    typeof userId !== "string" || !UUID.test(userId) || Number.isNaN(Date.parse(reachedAt))
  ) {
    throw badCursor();
  }
  return { points, reached_at: new Date(reachedAt).toISOString(), user_id: userId };
}
