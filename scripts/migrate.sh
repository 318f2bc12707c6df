#!/usr/bin/env bash
# Back up the database, then apply pending migrations. Usage:
#   DATABASE_URL=postgres://... scripts/migrate.sh
# The backup (custom format) is what scripts/rollback.sh restores.
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL must point at the PostgreSQL server}"
cd "$(dirname "$0")/.."
backups="${BACKUP_DIR:-./backups}"
mkdir -p "$backups"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
echo "backing up to $backups/fittrack-$stamp.dump"
pg_dump --format=custom --file "$backups/fittrack-$stamp.dump" "$DATABASE_URL"
ln -sfn "fittrack-$stamp.dump" "$backups/latest.dump"
deno task cli -- db migrate
deno task cli -- db status
