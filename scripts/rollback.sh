#!/usr/bin/env bash
# Restore the database from the backup scripts/migrate.sh took before the last
# migration (migrations are forward-only SQL; rolling back means restoring).
# Redeploy the previous application image first, then run:
#   DATABASE_URL=postgres://... scripts/rollback.sh [backups/fittrack-YYYYMMDDTHHMMSSZ.dump]
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL must point at the PostgreSQL server}"
dump="${1:-${BACKUP_DIR:-./backups}/latest.dump}"
[ -f "$dump" ] || { echo "no backup at $dump" >&2; exit 1; }
if [ "${YES:-}" != "1" ]; then
  read -r -p "Restore $dump over $DATABASE_URL? Every change since the backup is lost. [y/N] " answer
  [ "$answer" = "y" ] || { echo "aborted"; exit 1; }
fi
pg_restore --clean --if-exists --no-owner --dbname "$DATABASE_URL" "$dump"
echo "restored $dump"
