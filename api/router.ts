import { OpenAPIHono } from "@hono/zod-openapi";
import type { FieldError } from "../core/errors.ts";
import { problem } from "./problem.ts";
import type { AppEnv } from "./types.ts";

/** zod issues → `errors[]`, with the field path the caller sent. */
export function fieldErrors(
  issues: readonly { path: PropertyKey[]; message: string }[],
): FieldError[] {
  return issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join(".") : "body",
    message: issue.message,
  }));
}

/**
 * The only router factory: one hook turns every validation failure into a
 * problem — 400 for a bad URL (path or query), 422 for a bad body.
 */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    strict: false,
    defaultHook: (result, c) => {
      if (result.success) return;
      const target = (result as { target?: string }).target;
      const bodyError = target === "json" || target === "form";
      const errors = fieldErrors(result.error.issues);
      return problem(c, {
        status: bodyError ? 422 : 400,
        detail: bodyError
          ? "The request body is not valid."
          : `The request ${target === "param" ? "path" : "query"} is not valid: ${
            errors.map((e) => `${e.field} ${e.message}`).join("; ")
          }`,
        errors,
      });
    },
  });
}
