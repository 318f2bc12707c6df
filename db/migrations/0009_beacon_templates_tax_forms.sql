-- Issue 6, the last three pieces: the optional drand beacon pinned at
-- scheduling, recurring drawings created from templates, and the tax-form
-- block on prize fulfillment.

-- A recurring drawing: what each period's drawing looks like and when, relative
-- to the period (platform day, Monday-based week, or month in FITTRACK_TIMEZONE).
CREATE TABLE drawing_templates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  drawing_type text NOT NULL CHECK (drawing_type IN ('daily', 'weekly', 'monthly')),
  -- {date} = first day of the period (YYYY-MM-DD), {month} = YYYY-MM, {year}.
  name_pattern text NOT NULL CHECK (char_length(name_pattern) BETWEEN 3 AND 200),
  description text,
  ticket_cost_points integer NOT NULL CHECK (ticket_cost_points > 0),
  prizes jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(prizes) = 'array'),
  eligibility jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(eligibility) = 'object'),
  rules_text text,
  per_user_cap integer NOT NULL DEFAULT 1 CHECK (per_user_cap BETWEEN 1 AND 100),
  free_entries_per_user integer NOT NULL DEFAULT 1 CHECK (free_entries_per_user BETWEEN 0 AND 100),
  use_beacon boolean NOT NULL DEFAULT false,
  sales_open_minutes integer NOT NULL DEFAULT 0 CHECK (sales_open_minutes >= 0),
  sales_close_minutes_before_end integer NOT NULL DEFAULT 0
    CHECK (sales_close_minutes_before_end >= 0),
  drawing_minutes_after_end integer NOT NULL DEFAULT 0 CHECK (drawing_minutes_after_end >= 0),
  active boolean NOT NULL DEFAULT true,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);

ALTER TABLE drawings
  -- fitdraw-v1 with a beacon: R is pinned when the drawing is scheduled.
  ADD COLUMN use_beacon boolean NOT NULL DEFAULT false,
  ADD COLUMN beacon_round bigint CHECK (beacon_round IS NULL OR beacon_round > 0),
  ADD CONSTRAINT drawings_beacon_round_use_check CHECK (beacon_round IS NULL OR use_beacon),
  ADD COLUMN template_id uuid REFERENCES drawing_templates (id) ON DELETE SET NULL,
  ADD COLUMN period_start timestamptz,
  -- Exactly once: two instances creating the same period's drawing collide here.
  ADD CONSTRAINT drawings_template_period_key UNIQUE (template_id, period_start);

-- A W-9 is recorded as received, by whom and when; the form (and the TIN) is
-- kept outside this database.
ALTER TABLE prize_fulfillments
  ADD COLUMN tax_form_received_at timestamptz,
  ADD COLUMN tax_form_recorded_by uuid REFERENCES users (id),
  ADD CONSTRAINT prize_fulfillments_tax_form_check
    CHECK (tax_form_received_at IS NULL OR (needs_tax_form AND tax_form_recorded_by IS NOT NULL));
