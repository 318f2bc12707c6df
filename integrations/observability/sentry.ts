/**
 * Optional error reporting to Sentry (SENTRY_DSN): unhandled errors with the
 * request's method, route and id, the release and environment — and nothing
 * personal: no bodies, no query strings, no headers but the user agent, the
 * user only by id. Uses Sentry's store endpoint over plain fetch.
 *
 * @module
 */

export interface ErrorReport {
  error: unknown;
  request?: { method: string; route: string; requestId?: string; userAgent?: string };
  userId?: string;
}

export interface ErrorReporter {
  capture(report: ErrorReport): Promise<void>;
}

export const noopReporter: ErrorReporter = { capture: () => Promise.resolve() };

/** Parses `https://<key>@<host>/<project>` into the store URL and auth header. */
export function parseDsn(dsn: string): { storeUrl: string; auth: string } {
  const url = new URL(dsn);
  const project = url.pathname.replace(/^\//, "");
  if (!url.username || !project) {
    throw new Error("SENTRY_DSN must look like https://key@host/project");
  }
  return {
    storeUrl: `${url.protocol}//${url.host}/api/${project}/store/`,
    auth: `Sentry sentry_version=7, sentry_client=fittrack/1.0, sentry_key=${url.username}`,
  };
}

function frames(stack: string | undefined): { function: string; filename: string }[] {
  return (stack ?? "").split("\n").slice(1, 30).map((line) => {
    const match = /at (?:(.+?) \()?(.+?)\)?$/.exec(line.trim());
    return { function: match?.[1] ?? "?", filename: match?.[2] ?? line.trim() };
  }).reverse();
}

export function createSentryReporter(
  options: { dsn: string; release: string; environment: string; onFailure?: (e: unknown) => void },
): ErrorReporter {
  const { storeUrl, auth } = parseDsn(options.dsn);
  return {
    capture: async ({ error, request, userId }) => {
      const err = error instanceof Error ? error : new Error(String(error));
      const event = {
        event_id: crypto.randomUUID().replaceAll("-", ""),
        timestamp: new Date().toISOString(),
        level: "error",
        platform: "javascript",
        release: options.release,
        environment: options.environment,
        exception: {
          values: [{
            type: err.name,
            value: err.message,
            stacktrace: { frames: frames(err.stack) },
          }],
        },
        tags: request ? { route: request.route, method: request.method } : {},
        request: request
          ? {
            method: request.method,
            url: request.route,
            headers: request.userAgent ? { "User-Agent": request.userAgent } : {},
          }
          : undefined,
        extra: request?.requestId ? { request_id: request.requestId } : {},
        user: userId ? { id: userId } : undefined,
      };
      try {
        const response = await fetch(storeUrl, {
          method: "POST",
          headers: { "content-type": "application/json", "x-sentry-auth": auth },
          body: JSON.stringify(event),
          signal: AbortSignal.timeout(3000),
        });
        await response.body?.cancel();
      } catch (failure) {
        options.onFailure?.(failure);
      }
    },
  };
}
