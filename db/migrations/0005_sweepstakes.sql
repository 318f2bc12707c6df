-- Sweepstakes (Checkpoint 5): sales window, per-user prize cap, free entries
-- (AMOE), pinned official rules, the fitdraw-v1 commitment and frozen ticket
-- list, one result row per drawing, idempotent purchases, fulfillment workflow.

ALTER TABLE drawings
  ADD COLUMN ticket_sales_open timestamptz,
  ADD COLUMN per_user_cap integer NOT NULL DEFAULT 1 CHECK (per_user_cap BETWEEN 1 AND 100),
  ADD COLUMN free_entries_per_user integer NOT NULL DEFAULT 1
    CHECK (free_entries_per_user BETWEEN 0 AND 100),
  ADD COLUMN rules_text text,
  ADD COLUMN rules_sha256 text CHECK (rules_sha256 IS NULL OR rules_sha256 ~ '^[0-9a-f]{64}$'),
  -- fitdraw-v1: C = SHA-256(S) is published at scheduling; S and the pseudonym
  -- key stay private until execution (S) or forever (pseudonym key).
  ADD COLUMN commitment text CHECK (commitment IS NULL OR commitment ~ '^[0-9a-f]{64}$'),
  ADD COLUMN seed_secret text,
  ADD COLUMN pseudonym_key text,
  ADD COLUMN merkle_root text CHECK (merkle_root IS NULL OR merkle_root ~ '^[0-9a-f]{64}$'),
  ADD COLUMN frozen_ticket_count integer CHECK (frozen_ticket_count >= 0),
  ADD COLUMN closed_at timestamptz,
  ADD COLUMN cancelled_at timestamptz,
  ADD CONSTRAINT drawings_sales_window_check
    CHECK (ticket_sales_open IS NULL OR ticket_sales_open < ticket_sales_close);

ALTER TABLE tickets
  ADD COLUMN entry_type text NOT NULL DEFAULT 'purchase'
    CHECK (entry_type IN ('purchase', 'free', 'mail'));
CREATE INDEX tickets_drawing_number_idx ON tickets (drawing_id, ticket_number, user_id);

-- Exactly once: the execution inserts this row in the transaction that marks
-- the drawing completed; a second runner fails on the primary key.
CREATE TABLE drawing_results (
  drawing_id uuid PRIMARY KEY REFERENCES drawings (id),
  algorithm text NOT NULL,
  proof jsonb NOT NULL CHECK (jsonb_typeof(proof) = 'object'),
  executed_at timestamptz NOT NULL DEFAULT now(),
  executed_by uuid REFERENCES users (id)
);

-- Idempotency-Key on purchases: the first request stores its response, repeats replay it.
CREATE TABLE idempotency_keys (
  user_id uuid NOT NULL REFERENCES users (id),
  key text NOT NULL CHECK (char_length(key) BETWEEN 1 AND 200),
  fingerprint text NOT NULL,
  -- 0 until the request's transaction stores its response just before commit.
  -- The body is kept as the exact JSON text sent, so a replay is byte for byte the same.
  status integer NOT NULL DEFAULT 0,
  body text NOT NULL DEFAULT 'null',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);

ALTER TABLE prize_fulfillments
  ADD COLUMN drawing_id uuid REFERENCES drawings (id),
  ADD COLUMN candidate_position integer CHECK (candidate_position >= 0),
  ADD COLUMN reminder_sent_at timestamptz,
  ADD COLUMN forfeit_reason text,
  ADD COLUMN needs_tax_form boolean NOT NULL DEFAULT false,
  ADD CONSTRAINT prize_fulfillments_forfeit_reason_check
    CHECK (status <> 'forfeited' OR forfeit_reason IS NOT NULL);
CREATE INDEX prize_fulfillments_drawing_idx ON prize_fulfillments (drawing_id);
