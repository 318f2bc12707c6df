-- Leaderboard rollups (issue 5, ADR-0010): per period, period start and user,
-- the points earned in that period and the second the user reached that total.
-- db/repos/points.ts updates them in the same transaction as each earn entry,
-- so reading a board never aggregates the ledger. period_start is the period's
-- first date in FITTRACK_TIMEZONE; all-time rows use 1970-01-01.
CREATE TABLE leaderboard_scores (
  period_kind text NOT NULL CHECK (period_kind IN ('daily', 'weekly', 'monthly', 'alltime')),
  period_start date NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  tier_code text NOT NULL,
  points integer NOT NULL CHECK (points >= 0),
  -- Whole seconds: the Redis composite score has the same resolution, so both
  -- copies break ties identically (then by user_id).
  reached_at timestamptz NOT NULL,
  -- Soft-deleted, suspended and banned users keep their rows but never rank.
  hidden boolean NOT NULL DEFAULT false,
  PRIMARY KEY (period_kind, period_start, user_id)
);

-- One board = (period_kind, period_start, tier_code); this order is the ranking,
-- so top-N, keyset pages, ±10 around a user and count-ranks are index scans.
CREATE INDEX leaderboard_scores_board_idx ON leaderboard_scores
  (period_kind, period_start, tier_code, points DESC, reached_at, user_id) WHERE NOT hidden;
CREATE INDEX leaderboard_scores_user_idx ON leaderboard_scores (user_id);

-- Count-ranks are index-only scans only while the visibility map is fresh.
ALTER TABLE leaderboard_scores SET (autovacuum_vacuum_scale_factor = 0.02,
  autovacuum_analyze_scale_factor = 0.02);
