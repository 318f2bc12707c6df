/**
 * Redis copy of the current boards: one sorted set per period and tier, the
 * members user ids, the score the negated composite of points and first-reach
 * second (core/leaderboards/score.ts). Negated because Redis orders equal
 * scores by member: ascending ZRANGE then gives "points desc, reached asc,
 * user_id asc", exactly PostgreSQL's order. Writes use `ZADD … LT` on the
 * negated value, which is `ZADD … GT` on the composite: absolute, idempotent
 * and safe to replay out of order while board scores only grow.
 *
 * A board is served from Redis only once its `ready` key says it was loaded
 * from PostgreSQL (a restarted, emptied Redis has none, so reads fall back).
 *
 * Each board also has a version, bumped in the same transaction as every
 * write to it, and display names one version between them, bumped when a name
 * really changes. A process keeps its recent answers with the versions they
 * were read at; the read script answers `same` while both still match, so a
 * repeated read costs Redis two GETs instead of the ranks and names, and the
 * answer is still exactly what a fresh read would give. A reloaded board
 * starts from a random version, so an answer held from before a Redis restart
 * can never match by chance of a counter restarting.
 *
 * @module
 */
import { Redis } from "ioredis";
import { RespClient, type RespScript } from "./resp_client.ts";
import {
  decodeRead,
  READ_SCRIPT,
  type ReadArgs,
  type ReadReply,
  type RedisRead,
} from "./leaderboard_store_read.ts";
import type { BoardKey } from "../../core/leaderboards/repo.ts";
export type { ReadArgs, RedisRead };
import { BoundedMap } from "../../core/bounded_map.ts";
import type { BoardRead } from "../../core/leaderboards/repo.ts";
import { encodeScore, MAX_SCORE_POINTS } from "../../core/leaderboards/score.ts";
import type { Period } from "../../core/time/periods.ts";

/** A board with the end of its period (null for all time), for key expiry. */
export interface BoardRef extends BoardKey {
  endsAt: Date | null;
}

export interface BoardMember {
  userId: string;
  points: number;
  reachedAt: Date;
  displayName: string;
}

export interface BoardOps {
  upserts: (BoardMember & { board: BoardRef })[];
  removals: { board: BoardRef; userId: string }[];
}

/** How long a finished period's board stays readable: one more period. */
const RETENTION_SECONDS: Record<Period, number> = {
  daily: 86_400,
  weekly: 7 * 86_400,
  monthly: 31 * 86_400,
  alltime: 0,
};

export function boardKey(board: BoardKey): string {
  return `lb:${board.period}:${board.start}:${board.tierCode}`;
}

function readyKey(board: BoardKey): string {
  return `lb:ready:${board.period}:${board.start}:${board.tierCode}`;
}

function versionKey(board: BoardKey): string {
  return `lb:ver:${board.period}:${board.start}:${board.tierCode}`;
}

const NAMES_KEY = "lb:names";
const NAMES_VERSION_KEY = "lb:names:ver";

/** Sets a display name; bumps the names' version only when the name is new or different. */
const SET_NAME_SCRIPT = `
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  redis.call('INCR', KEYS[2])
end
return 0
`;

type NameCommand<R> = (names: string, version: string, userId: string, name: string) => R;
type WithSetName<T> = T & { setBoardName: NameCommand<T> };

/** A fresh random start for a reloaded board's version (50 bits). */
function randomVersion(): number {
  const [high, low] = crypto.getRandomValues(new Uint32Array(2));
  return (high & 0x3ffff) * 2 ** 32 + low;
}

/** An answer this process read, with what it was read at. */
interface HeldAnswer {
  tierCode: string;
  version: string;
  namesVersion: string;
  /** Shared by every request it answers: read-only. */
  board: BoardRead;
}

function answerKey(args: ReadArgs): string {
  return [
    args.viewerId ?? "",
    args.period,
    args.start,
    args.tierCode ?? "",
    args.offset,
    args.limit,
    args.around,
    args.after?.composite ?? "",
    args.after?.userId ?? "",
  ].join("\u0000");
}
/** user id → current tier code, so the caller's default board needs no database read. */
const TIERS_KEY = "lb:tiers";

function expiryOf(board: BoardRef): number | null {
  if (!board.endsAt) return null;
  return Math.floor(board.endsAt.getTime() / 1000) + RETENTION_SECONDS[board.period];
}

/** Redis score for a member: the negated composite (see the module doc). */
export function memberScore(points: number, reachedAt: Date): number {
  return -encodeScore(points, reachedAt);
}

/** The Redis side of the leaderboards; null reads mean "ask PostgreSQL". */
export class RedisBoards {
  readonly #redis: Redis;
  /** The read script runs on every request: it goes over a lean connection of its own. */
  readonly #fast: RespClient;
  readonly #readScript: RespScript;
  /** The key prefix: ioredis adds it, the lean connection's callers add it themselves. */
  readonly #prefix: string;
  /** Users whose after-commit write failed; reads avoid Redis until they are rewritten. */
  readonly pending = new Set<string>();
  /** Boards being loaded in the background, by key, so each loads once. */
  readonly #loading = new Map<string, Promise<unknown>>();
  /** Recent answers, re-served while Redis says their versions still hold. */
  readonly #answers: BoundedMap<string, HeldAnswer>;

  /** `answers`: how many recent answers to hold (0 turns the reuse off). */
  constructor(url: string, prefix: string, options: { answers?: number } = {}) {
    this.#prefix = prefix;
    this.#answers = new BoundedMap(options.answers ?? 10_000);
    this.#redis = new Redis(url, {
      keyPrefix: prefix,
      lazyConnect: true,
      // Fail fast while Redis is away: the caller falls back to PostgreSQL.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1000,
      retryStrategy: (times) => Math.min(times * 100, 1000),
    });
    this.#redis.on("error", () => {}); // surfaced as failed commands, handled by callers
    this.#redis.defineCommand("setBoardName", { numberOfKeys: 2, lua: SET_NAME_SCRIPT });
    this.#fast = new RespClient(url, { connectTimeoutMs: 1000, timeoutMs: 1000 });
    this.#readScript = this.#fast.script(READ_SCRIPT);
  }

  async #ready(): Promise<Redis> {
    if (this.#redis.status === "wait") await this.#redis.connect();
    return this.#redis;
  }

  /**
   * One round trip: the viewer's tier (when `tierCode` is null), total, page,
   * the viewer's rank and ±around, with display names.
   */
  async read(args: ReadArgs): Promise<RedisRead> {
    const board = { ...args, tierCode: args.tierCode ?? "" };
    const own = args.tierCode === null;
    const p = this.#prefix;
    const key = answerKey(args);
    const held = this.#answers.get(key);
    const reply = await this.#readScript(
      [
        p + boardKey(board),
        p + readyKey(board),
        p + NAMES_KEY,
        p + TIERS_KEY,
        p + versionKey(board),
        p + NAMES_VERSION_KEY,
      ],
      [
        args.viewerId ?? "",
        args.offset,
        args.limit,
        args.around,
        args.after ? String(-args.after.composite) : "",
        args.after?.userId ?? "",
        board.tierCode,
        own ? p + boardKey(board) : "",
        own ? p + readyKey(board) : "",
        own ? p + versionKey(board) : "",
        held?.tierCode ?? "",
        held?.version ?? "",
        held?.namesVersion ?? "",
      ],
    ) as ReadReply;
    if (reply[0] === "same" && held) return { status: "ok", board: held.board };
    if (reply[0] === "same") {
      throw new Error("Redis confirmed an answer this process does not hold");
    }
    const read = decodeRead(args, reply);
    if (read.status === "ok" && reply[0] === "ok" && reply[8] !== "") {
      this.#answers.set(key, {
        tierCode: read.board.tierCode,
        version: reply[8],
        namesVersion: reply[9],
        board: read.board,
      });
    } else if (held) {
      this.#answers.delete(key);
    }
    return read;
  }

  /** Applies score writes and removals in one pipeline; throws if Redis did not take them. */
  async apply(ops: BoardOps): Promise<void> {
    if (ops.upserts.length === 0 && ops.removals.length === 0) return;
    const redis = await this.#ready();
    // One transaction: a board and its version change together for every reader.
    const pipe = redis.multi() as WithSetName<ReturnType<Redis["multi"]>>;
    const touched = new Map<string, number | null>();
    const names = new Map<string, string>();
    for (const { board, userId } of ops.removals) {
      pipe.zrem(boardKey(board), userId);
      touched.set(versionKey(board), expiryOf(board));
    }
    for (const u of ops.upserts) {
      const key = boardKey(u.board);
      const expiry = expiryOf(u.board);
      if (u.points >= MAX_SCORE_POINTS) {
        // Cannot be encoded exactly: this board is served by PostgreSQL from now on.
        pipe.set(readyKey(u.board), "sql");
        if (expiry) pipe.expireat(readyKey(u.board), expiry);
        continue;
      }
      pipe.zadd(key, "LT", memberScore(u.points, u.reachedAt), u.userId);
      if (expiry) pipe.expireat(key, expiry);
      touched.set(versionKey(u.board), expiry);
      names.set(u.userId, u.displayName);
      if (u.board.period === "alltime") pipe.hset(TIERS_KEY, u.userId, u.board.tierCode);
    }
    for (const [userId, name] of names) {
      pipe.setBoardName(NAMES_KEY, NAMES_VERSION_KEY, userId, name);
    }
    for (const [key, expiry] of touched) {
      pipe.incr(key);
      if (expiry) pipe.expireat(key, expiry);
    }
    const results = await pipe.exec();
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw failed?.[0] ?? new Error("Redis pipeline did not run");
  }

  /**
   * Makes the board exactly `members`: built aside and renamed over the live
   * key (atomic for readers), then marked ready.
   */
  async replace(board: BoardRef, members: BoardMember[]): Promise<number> {
    const redis = await this.#ready();
    const key = boardKey(board);
    const tmp = `${key}:tmp:${crypto.randomUUID().slice(0, 8)}`;
    const expiry = expiryOf(board);
    const overflow = members.some((m) => m.points >= MAX_SCORE_POINTS);
    for (let i = 0; i < members.length && !overflow; i += 2000) {
      const chunk = members.slice(i, i + 2000);
      const pipe = redis.pipeline();
      pipe.zadd(tmp, ...chunk.flatMap((m) => [memberScore(m.points, m.reachedAt), m.userId]));
      pipe.hset(NAMES_KEY, ...chunk.flatMap((m) => [m.userId, m.displayName]));
      if (board.period === "alltime") {
        pipe.hset(TIERS_KEY, ...chunk.flatMap((m) => [m.userId, board.tierCode]));
      }
      await pipe.exec();
    }
    const pipe = redis.multi();
    if (members.length > 0 && !overflow) pipe.rename(tmp, key);
    else pipe.del(key);
    if (expiry) pipe.expireat(key, expiry);
    pipe.set(readyKey(board), overflow ? "sql" : "1");
    if (expiry) pipe.expireat(readyKey(board), expiry);
    pipe.set(versionKey(board), randomVersion());
    if (expiry) pipe.expireat(versionKey(board), expiry);
    // The chunks above may have rewritten display names shown on other boards.
    pipe.incr(NAMES_VERSION_KEY);
    await pipe.exec();
    return overflow ? 0 : members.length;
  }

  /** Forgets a user's tier (hidden users, or a tier change without a row to rewrite). */
  async forgetTier(userId: string): Promise<void> {
    await (await this.#ready()).hdel(TIERS_KEY, userId);
  }

  /** Every member of a board with its composite, or null when the board is not loaded. */
  async snapshot(board: BoardKey): Promise<Map<string, number> | null> {
    const redis = await this.#ready();
    if (await redis.get(readyKey(board)) !== "1") return null;
    const flat = await redis.zrange(boardKey(board), 0, -1, "WITHSCORES");
    const out = new Map<string, number>();
    for (let i = 0; i < flat.length; i += 2) out.set(flat[i], -Number(flat[i + 1]));
    return out;
  }

  /** Seconds until the board's key expires (-1 none, -2 missing); for tests and checks. */
  async ttl(board: BoardKey): Promise<number> {
    return await (await this.#ready()).ttl(boardKey(board));
  }

  /** Starts `load` for the board unless it is already loading; never waits for it. */
  loadInBackground(board: BoardKey, load: () => Promise<unknown>): void {
    const key = boardKey(board);
    if (this.#loading.has(key)) return;
    const running = load().catch(() => {}).finally(() => this.#loading.delete(key));
    this.#loading.set(key, running);
  }

  /** Waits for background loads (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#loading.size > 0) await Promise.allSettled([...this.#loading.values()]);
  }

  async ping(): Promise<void> {
    await (await this.#ready()).ping();
  }

  async close(): Promise<void> {
    await this.idle();
    this.#fast.close();
    await this.#redis.quit().catch(() => this.#redis.disconnect());
  }
}
