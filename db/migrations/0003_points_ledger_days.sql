-- One row per user and platform day (FITTRACK_TIMEZONE): what has been paid for
-- (the high-water marks of steps and minutes), the bonuses used and the points
-- earned. Earning locks this row (SELECT ... FOR UPDATE) so concurrent syncs for
-- one user can never pay past the daily cap.
CREATE TABLE points_days (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  day date NOT NULL,
  steps_basis integer NOT NULL DEFAULT 0 CHECK (steps_basis >= 0),
  light_minutes_basis integer NOT NULL DEFAULT 0 CHECK (light_minutes_basis >= 0),
  moderate_minutes_basis integer NOT NULL DEFAULT 0 CHECK (moderate_minutes_basis >= 0),
  vigorous_minutes_basis integer NOT NULL DEFAULT 0 CHECK (vigorous_minutes_basis >= 0),
  bonuses integer NOT NULL DEFAULT 0 CHECK (bonuses BETWEEN 0 AND 3),
  earned integer NOT NULL DEFAULT 0 CHECK (earned BETWEEN 0 AND 1000),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, day)
);
