-- Checkpoint 1 entities. Money-like values are integers (points) or numeric (USD);
-- every enum is a CHECK so bad values cannot reach the table whatever the caller.

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL CHECK (email = lower(email) AND position('@' IN email) > 1),
  password_hash text,
  role text NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'premium', 'admin')),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'suspended', 'banned')),
  email_verified boolean NOT NULL DEFAULT false,
  email_verified_at timestamptz,
  point_balance integer NOT NULL DEFAULT 0 CHECK (point_balance >= 0),
  points_earned_total integer NOT NULL DEFAULT 0 CHECK (points_earned_total >= 0),
  last_login_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  version integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE INDEX users_created_at_idx ON users (created_at) WHERE deleted_at IS NULL;
CREATE INDEX users_role_status_idx ON users (role, status) WHERE deleted_at IS NULL;

CREATE TABLE profiles (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  display_name text NOT NULL CHECK (char_length(display_name) BETWEEN 2 AND 50),
  date_of_birth date NOT NULL,
  state char(2) NOT NULL CHECK (state ~ '^[A-Z]{2}$'),
  biological_sex text NOT NULL CHECK (biological_sex IN ('male', 'female')),
  age_bracket text NOT NULL CHECK (age_bracket IN ('18-29', '30-39', '40-49', '50-59', '60+')),
  fitness_level text NOT NULL CHECK (fitness_level IN ('beginner', 'intermediate', 'advanced')),
  open_tier boolean NOT NULL DEFAULT false,
  tier_code text NOT NULL CHECK (tier_code = 'OPEN' OR tier_code ~ '^[MF]-(18-29|30-39|40-49|50-59|60\+)-(BEG|INT|ADV)$'),
  height_inches integer CHECK (height_inches BETWEEN 36 AND 108),
  weight_pounds integer CHECK (weight_pounds BETWEEN 50 AND 1000),
  goals jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(goals) = 'array'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX profiles_tier_code_idx ON profiles (tier_code);

CREATE TABLE tracker_connections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  provider text NOT NULL CHECK (provider IN ('apple_health', 'google_fit', 'fitbit')),
  terra_user_id text,
  is_primary boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('pending', 'active', 'error', 'disconnected')),
  sync_status text NOT NULL DEFAULT 'pending' CHECK (sync_status IN ('pending', 'syncing', 'success', 'failed')),
  access_token_enc text,
  refresh_token_enc text,
  token_expires_at timestamptz,
  last_sync_at timestamptz,
  error_message text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE UNIQUE INDEX tracker_connections_user_provider_key ON tracker_connections (user_id, provider) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX tracker_connections_one_primary_key ON tracker_connections (user_id) WHERE is_primary AND deleted_at IS NULL;
CREATE UNIQUE INDEX tracker_connections_terra_user_key ON tracker_connections (terra_user_id) WHERE terra_user_id IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX tracker_connections_last_sync_idx ON tracker_connections (last_sync_at) WHERE status = 'active' AND deleted_at IS NULL;

CREATE TABLE activities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  connection_id uuid REFERENCES tracker_connections (id) ON DELETE SET NULL,
  external_id text,
  activity_type text NOT NULL CHECK (activity_type IN ('steps', 'workout', 'active_minutes')),
  start_time timestamptz NOT NULL,
  end_time timestamptz,
  duration_minutes integer CHECK (duration_minutes >= 0),
  intensity text CHECK (intensity IN ('light', 'moderate', 'vigorous')),
  metrics jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(metrics) = 'object'),
  points_earned integer NOT NULL DEFAULT 0 CHECK (points_earned >= 0),
  processed boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (end_time IS NULL OR end_time >= start_time)
);
CREATE UNIQUE INDEX activities_user_external_key ON activities (user_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX activities_user_start_idx ON activities (user_id, start_time DESC);
CREATE INDEX activities_type_start_idx ON activities (activity_type, start_time DESC);
CREATE INDEX activities_start_idx ON activities (start_time DESC);

CREATE TABLE point_transactions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  transaction_type text NOT NULL CHECK (transaction_type IN ('earn', 'spend', 'adjust', 'refund')),
  amount integer NOT NULL CHECK (amount <> 0),
  balance_after integer NOT NULL CHECK (balance_after >= 0),
  reference_type text,
  reference_id uuid,
  description text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (transaction_type <> 'earn' OR amount > 0),
  CHECK (transaction_type <> 'spend' OR amount < 0)
);
CREATE INDEX point_transactions_user_created_idx ON point_transactions (user_id, created_at DESC);
CREATE INDEX point_transactions_type_created_idx ON point_transactions (transaction_type, created_at DESC);
CREATE INDEX point_transactions_reference_idx ON point_transactions (reference_type, reference_id);

-- The ledger is append-only: history is corrected by new rows, never rewritten.
CREATE FUNCTION refuse_ledger_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = '42501';
END;
$$;
CREATE TRIGGER point_transactions_append_only BEFORE UPDATE OR DELETE ON point_transactions
  FOR EACH ROW EXECUTE FUNCTION refuse_ledger_change();

CREATE TABLE sponsors (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  contact_name text,
  contact_email text,
  website_url text,
  logo_url text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
  notes text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE UNIQUE INDEX sponsors_name_key ON sponsors (lower(name)) WHERE deleted_at IS NULL;

CREATE TABLE drawings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  drawing_type text NOT NULL CHECK (drawing_type IN ('daily', 'weekly', 'monthly', 'annual')),
  name text NOT NULL CHECK (char_length(name) BETWEEN 3 AND 200),
  description text,
  ticket_cost_points integer NOT NULL CHECK (ticket_cost_points > 0),
  drawing_time timestamptz NOT NULL,
  ticket_sales_close timestamptz NOT NULL,
  eligibility jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(eligibility) = 'object'),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'scheduled', 'open', 'closed', 'completed', 'cancelled')),
  total_tickets integer NOT NULL DEFAULT 0 CHECK (total_tickets >= 0),
  random_seed text,
  winner_selected_at timestamptz,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  deleted_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  CHECK (ticket_sales_close <= drawing_time),
  CHECK (status <> 'completed' OR completed_at IS NOT NULL)
);
CREATE INDEX drawings_status_time_idx ON drawings (status, drawing_time) WHERE deleted_at IS NULL;
CREATE INDEX drawings_type_idx ON drawings (drawing_type) WHERE deleted_at IS NULL;

CREATE TABLE prizes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  drawing_id uuid NOT NULL REFERENCES drawings (id) ON DELETE CASCADE,
  sponsor_id uuid REFERENCES sponsors (id),
  rank integer NOT NULL CHECK (rank > 0),
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  description text,
  value_usd numeric(10, 2) NOT NULL DEFAULT 0 CHECK (value_usd >= 0),
  quantity integer NOT NULL DEFAULT 1 CHECK (quantity > 0),
  fulfillment_type text NOT NULL DEFAULT 'physical' CHECK (fulfillment_type IN ('digital', 'physical')),
  image_url text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (drawing_id, rank)
);
CREATE INDEX prizes_sponsor_idx ON prizes (sponsor_id);

CREATE TABLE tickets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  drawing_id uuid NOT NULL REFERENCES drawings (id),
  user_id uuid NOT NULL REFERENCES users (id),
  ticket_number integer NOT NULL CHECK (ticket_number > 0),
  purchase_transaction_id uuid REFERENCES point_transactions (id),
  is_winner boolean NOT NULL DEFAULT false,
  prize_id uuid REFERENCES prizes (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (drawing_id, ticket_number),
  CHECK (NOT is_winner OR prize_id IS NOT NULL)
);
CREATE INDEX tickets_drawing_user_idx ON tickets (drawing_id, user_id);
CREATE INDEX tickets_user_idx ON tickets (user_id, created_at DESC);
CREATE INDEX tickets_winner_idx ON tickets (drawing_id) WHERE is_winner;

CREATE TABLE prize_fulfillments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ticket_id uuid NOT NULL UNIQUE REFERENCES tickets (id),
  prize_id uuid NOT NULL REFERENCES prizes (id),
  user_id uuid NOT NULL REFERENCES users (id),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'winner_notified', 'address_confirmed', 'shipped', 'delivered', 'forfeited')),
  shipping_address jsonb CHECK (shipping_address IS NULL OR jsonb_typeof(shipping_address) = 'object'),
  tracking_number text,
  carrier text,
  notes text,
  notified_at timestamptz,
  address_confirmed_at timestamptz,
  shipped_at timestamptz,
  delivered_at timestamptz,
  forfeited_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (status NOT IN ('shipped', 'delivered') OR shipped_at IS NOT NULL OR delivered_at IS NOT NULL)
);
CREATE INDEX prize_fulfillments_status_idx ON prize_fulfillments (status, created_at);
CREATE INDEX prize_fulfillments_user_idx ON prize_fulfillments (user_id);

-- Operational tables every real deployment needs.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  actor_id uuid,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id);
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION refuse_ledger_change();

CREATE TABLE job_runs (
  job text NOT NULL,
  scheduled_for timestamptz NOT NULL,
  instance text NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  outcome text CHECK (outcome IN ('ok', 'failed')),
  detail text,
  PRIMARY KEY (job, scheduled_for)
);

CREATE TABLE outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  recipient text NOT NULL,
  subject text NOT NULL,
  text_body text NOT NULL,
  html_body text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  available_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_pending_idx ON outbox (available_at) WHERE status = 'pending';
CREATE INDEX outbox_recipient_idx ON outbox (recipient, created_at DESC);
