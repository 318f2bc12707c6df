/**
 * The board read as one Lua script: the viewer's tier when none is named,
 * total, page (by offset or after a position), the viewer's rank and ±N, and
 * the display names, in one round trip; and the decoding of its reply.
 *
 * @module
 */
import type { BoardKey, BoardRead } from "../../core/leaderboards/repo.ts";
import { decodeScore, pointsOf } from "../../core/leaderboards/score.ts";
import type { Ranking } from "../../core/leaderboards/schemas.ts";

export interface ReadArgs extends Omit<BoardKey, "tierCode"> {
  /** null: the viewer's own tier, as the tiers hash records it. */
  tierCode: string | null;
  limit: number;
  offset: number;
  /** Composite and user of the row to start after. */
  after: { composite: number; userId: string } | null;
  viewerId: string | null;
  around: number;
}

/**
 * KEYS: board, its ready marker, the names hash, the tiers hash, the board's
 * version, the names' version. ARGV: viewer, offset, limit, around, after
 * (score, member), tier, then the tier and the two versions of the answer the
 * caller holds (empty when none). An empty tier means the viewer's own: then
 * ARGV 8 to 10 are the board's, the marker's and the version's key without the
 * tier (the tier is only known inside the script), and KEYS 1, 2 and 5 unused.
 *
 * When the caller's answer is of the same tier and both versions still match,
 * the reply is `same`: nothing that answer shows can have changed, because
 * every write to the board and every changed display name bumps a version in
 * the same step (leaderboard_store.ts).
 */
export const READ_SCRIPT = `
local board, ready, version, tier = KEYS[1], KEYS[2], KEYS[5], ARGV[7]
if tier == '' then
  tier = redis.call('HGET', KEYS[4], ARGV[1])
  if tier == false then return {'notier'} end
  board, ready, version = ARGV[8] .. tier, ARGV[9] .. tier, ARGV[10] .. tier
end
local state = redis.call('GET', ready)
if state == false then return {'missing', tier} end
if state ~= '1' then return {'sql', tier} end
local v = redis.call('GET', version) or ''
local nv = redis.call('GET', KEYS[6]) or '0'
if v ~= '' and ARGV[11] == tier and ARGV[12] == v and ARGV[13] == nv then return {'same'} end
local viewer, offset, limit, around = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local total = redis.call('ZCARD', board)
if ARGV[6] ~= '' then
  offset = redis.call('ZCOUNT', board, '-inf', '(' .. ARGV[5])
  for _, m in ipairs(redis.call('ZRANGEBYSCORE', board, ARGV[5], ARGV[5])) do
    if m <= ARGV[6] then offset = offset + 1 end
  end
end
local page = redis.call('ZRANGE', board, offset, offset + limit - 1, 'WITHSCORES')
local rank = -1
local near = {}
if viewer ~= '' then
  local r = redis.call('ZRANK', board, viewer)
  if r then
    rank = r
    local from = r - around
    if from < 0 then from = 0 end
    near = redis.call('ZRANGE', board, from, r + around, 'WITHSCORES')
  end
end
local ids = {}
for i = 1, #page, 2 do ids[#ids + 1] = page[i] end
for i = 1, #near, 2 do ids[#ids + 1] = near[i] end
local names = {}
if #ids > 0 then names = redis.call('HMGET', KEYS[3], unpack(ids)) end
return {'ok', tier, total, offset, rank, page, near, names, v, nv}
`;

export type ReadReply =
  | ["notier"]
  | ["same"]
  | ["missing" | "sql", string]
  | ["ok", string, number, number, number, string[], string[], (string | null)[], string, string];

/**
 * What Redis said: the board (`ok`); the tier without a servable board
 * (`missing`: not loaded; `sql`: PostgreSQL serves it); or `notier` (Redis
 * does not know the viewer's tier).
 */
export type RedisRead =
  | { status: "ok"; board: BoardRead }
  | { status: "missing" | "sql"; tierCode: string }
  | { status: "notier" };

/** Ranked rows from the script's reply. */
export function decodeRead(args: ReadArgs, reply: Exclude<ReadReply, ["same"]>): RedisRead {
  if (reply[0] === "notier") return { status: "notier" };
  if (reply[0] !== "ok") return { status: reply[0], tierCode: reply[1] };
  const [, tierCode, total, skipped, rank, page, near, names] = reply;
  // Only the points of each score are shown; the reach time only for the cursor.
  const rows = (flat: string[], firstRank: number, nameOffset: number) => {
    const out: Ranking[] = [];
    for (let i = 0; i < flat.length; i += 2) {
      out.push({
        rank: firstRank + i / 2,
        user_id: flat[i],
        display_name: names[nameOffset + i / 2] ?? "",
        tier_code: tierCode,
        points: pointsOf(-Number(flat[i + 1])),
      });
    }
    return out;
  };
  const rankings = rows(page, skipped + 1, 0);
  const mine = rank >= 0 ? rank + 1 : null;
  const around = mine === null ? [] : rows(near, Math.max(1, mine - args.around), page.length / 2);
  const lastScore = page.length > 0 ? decodeScore(-Number(page[page.length - 1])) : null;
  const board: BoardRead = {
    tierCode,
    total,
    skipped,
    rankings,
    last: lastScore && {
      points: lastScore.points,
      reached_at: lastScore.reachedAt.toISOString(),
      user_id: page[page.length - 2],
    },
    me: mine === null
      ? null
      : { rank: mine, points: around.find((r) => r.user_id === args.viewerId)?.points ?? 0 },
    around_me: around,
    source: "redis",
  };
  return { status: "ok", board };
}
