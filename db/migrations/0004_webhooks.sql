-- Every Terra webhook delivery, recorded once by its trace id before it is
-- acknowledged; a job processes pending rows. Deliveries for a Terra user with
-- no connection yet are parked and retried when the connection appears.
CREATE TABLE webhook_events (
  trace_id text PRIMARY KEY,
  provider text NOT NULL DEFAULT 'terra',
  event_type text NOT NULL,
  terra_user_id text,
  reference text,
  ordering_ts bigint,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'processed', 'parked', 'failed', 'ignored')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  outcome jsonb,
  received_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz
);
CREATE INDEX webhook_events_due_idx ON webhook_events (next_attempt_at) WHERE status IN ('pending', 'failed');
CREATE INDEX webhook_events_parked_idx ON webhook_events (terra_user_id) WHERE status = 'parked';
