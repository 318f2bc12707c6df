/**
 * Live leaderboards: per-period rollups kept as points are earned, read from
 * Redis sorted sets when configured and PostgreSQL otherwise.
 *
 * @module
 */
export * from "./board_keys.ts";
export * from "./cursor.ts";
export * from "./get_leaderboard.ts";
export * from "./get_public_profile.ts";
export * from "./rebuild_leaderboards.ts";
export * from "./recompute_tiers.ts";
export type * from "./repo.ts";
export * from "./schemas.ts";
export * from "./score.ts";
export * from "./sync_leaderboard_user.ts";
