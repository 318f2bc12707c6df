/**
 * The board read as one Lua script: total, page (by offset or after a
 * position), the viewer's rank and ±N, and the display names, in one round
 * trip; and the decoding of its reply.
 *
 * @module
 */
import type { BoardKey, BoardRead } from "../../core/leaderboards/repo.ts";
import { decodeScore } from "../../core/leaderboards/score.ts";

export interface ReadArgs extends BoardKey {
  limit: number;
  offset: number;
  /** Composite and user of the row to start after. */
  after: { composite: number; userId: string } | null;
  viewerId: string | null;
  around: number;
}

/** KEYS: board, its ready marker, the names hash. ARGV: viewer, offset, limit, around, after. */
export const READ_SCRIPT = `
local state = redis.call('GET', KEYS[2])
if state == false then return false end
if state ~= '1' then return {'sql'} end
local viewer, offset, limit, around = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local total = redis.call('ZCARD', KEYS[1])
if ARGV[6] ~= '' then
  offset = redis.call('ZCOUNT', KEYS[1], '-inf', '(' .. ARGV[5])
  for _, m in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[5], ARGV[5])) do
    if m <= ARGV[6] then offset = offset + 1 end
  end
end
local page = redis.call('ZRANGE', KEYS[1], offset, offset + limit - 1, 'WITHSCORES')
local rank = -1
local near = {}
if viewer ~= '' then
  local r = redis.call('ZRANK', KEYS[1], viewer)
  if r then
    rank = r
    local from = r - around
    if from < 0 then from = 0 end
    near = redis.call('ZRANGE', KEYS[1], from, r + around, 'WITHSCORES')
  end
end
local ids = {}
for i = 1, #page, 2 do ids[#ids + 1] = page[i] end
for i = 1, #near, 2 do ids[#ids + 1] = near[i] end
local names = {}
if #ids > 0 then names = redis.call('HMGET', KEYS[3], unpack(ids)) end
return {'ok', total, offset, rank, page, near, names}
`;

export type ReadReply = null | ["sql"] | [
  "ok",
  number,
  number,
  number,
  string[],
  string[],
  (string | null)[],
];

/** Ranked rows from the script's reply; null when the board is not servable from Redis. */
export function decodeRead(args: ReadArgs, reply: ReadReply): BoardRead | null {
  if (!reply || reply[0] !== "ok") return null;
  const [, total, skipped, rank, page, near, names] = reply;
  const rows = (flat: string[], firstRank: number, nameOffset: number) => {
    const out = [];
    for (let i = 0; i < flat.length; i += 2) {
      const { points, reachedAt } = decodeScore(-Number(flat[i + 1]));
      out.push({
        rank: firstRank + i / 2,
        user_id: flat[i],
        display_name: names[nameOffset + i / 2] ?? "",
        tier_code: args.tierCode,
        points,
        reached_at: reachedAt.toISOString(),
      });
    }
    return out;
  };
  const rankings = rows(page, skipped + 1, 0);
  const mine = rank >= 0 ? rank + 1 : null;
  const around = mine === null ? [] : rows(near, Math.max(1, mine - args.around), page.length / 2)
    .map(({ reached_at: _, ...r }) => r);
  return {
    total,
    skipped,
    rankings,
    me: mine === null
      ? null
      : { rank: mine, points: around.find((r) => r.user_id === args.viewerId)?.points ?? 0 },
    around_me: around,
    source: "redis",
  };
}
