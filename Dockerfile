# syntax=docker/dockerfile:1
# Multi-stage: dependencies are fetched and type-checked in the build stage; the
# runtime stage runs as UID 1000 on a read-only filesystem (only /tmp writable,
# see docker-compose.prod.yml).
FROM denoland/deno:2.5.6 AS build
WORKDIR /app
COPY deno.json deno.lock ./
COPY . .
RUN deno install --frozen && deno check main.ts cli/main.ts

FROM denoland/deno:2.5.6
WORKDIR /app
ENV APP_ENV=production DENO_DIR=/app/.deno-cache DENO_NO_UPDATE_CHECK=1
COPY --from=build --chown=1000:1000 /app /app
COPY --from=build --chown=1000:1000 /deno-dir /app/.deno-cache
USER 1000:1000
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s CMD ["deno", "eval", "const r = await fetch('http://127.0.0.1:8000/health/live'); Deno.exit(r.ok ? 0 : 1)"]
CMD ["deno", "run", "--allow-net", "--allow-env", "--allow-read", "--allow-write=/tmp", "--allow-sys", "--allow-ffi", "main.ts"]
