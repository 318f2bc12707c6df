-- Tracker connections, issue 4 (ADR-0009): sync bookkeeping and OAuth state.
-- sync_status gains 'error' (the plan's name for "retries exhausted"; 'failed'
-- now means "failed, a retry is scheduled"). sync_attempts/next_sync_at drive
-- the sync job's backoff; manual_sync_at rate-limits manual syncs atomically;
-- sync_requested_at queues a sync ahead of the 15-minute cycle.
ALTER TABLE tracker_connections DROP CONSTRAINT IF EXISTS tracker_connections_sync_status_check;
ALTER TABLE tracker_connections ADD CONSTRAINT tracker_connections_sync_status_check
  CHECK (sync_status IN ('pending', 'syncing', 'success', 'failed', 'error'));
ALTER TABLE tracker_connections
  ADD COLUMN sync_attempts integer NOT NULL DEFAULT 0 CHECK (sync_attempts >= 0),
  ADD COLUMN next_sync_at timestamptz,
  ADD COLUMN sync_requested_at timestamptz,
  ADD COLUMN manual_sync_at timestamptz,
  ADD COLUMN last_sync_error text;
CREATE INDEX tracker_connections_due_idx ON tracker_connections (last_sync_at NULLS FIRST)
  WHERE status IN ('active', 'error') AND deleted_at IS NULL;

-- One row per started web connection: the OAuth `state` (stored hashed) binds
-- the callback to the user who started it and to the provider (CSRF). Single
-- use, expires with Terra's widget session (15 minutes).
CREATE TABLE tracker_auth_states (
  state_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  provider text NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tracker_auth_states_expiry_idx ON tracker_auth_states (expires_at);
