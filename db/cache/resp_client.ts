/**
 * A lean Redis connection (RESP2 over `Deno.connect`) for the per-request hot
 * path: the leaderboard read and the rate-limit hit, both one script call.
 *
 * ioredis serves everything else, but through Node compatibility it cost about
 * a third of the server's CPU on a leaderboard read (command objects, Buffer
 * encoding, its parser). Here a command is one string write and a reply is
 * parsed straight from the socket's bytes. Commands issued in the same tick
 * go out in one write, and replies come back in order.
 *
 * Failure is fast, never queued: while Redis is away every call rejects at
 * once (the callers fall back to PostgreSQL or an in-process limit), and a
 * reconnect is tried at most every `retryMs`. A reply later than `timeoutMs`
 * rejects its call; the reply is discarded when it comes.
 *
 * @module
 */
export type RespReply = string | number | null | RespReply[];

/** An error reply from Redis (`-ERR ...`). */
export class RespError extends Error {
  override name = "RespError";
}

/** Redis could not be reached, or the connection broke or timed out. */
export class RespUnavailable extends Error {
  override name = "RespUnavailable";
}

export interface RespOptions {
  connectTimeoutMs?: number;
  /** Longest wait for a reply (default 1,000 ms). */
  timeoutMs?: number;
  /** Least time between reconnection attempts after a failure (default 100 ms). */
  retryMs?: number;
}

interface Pending {
  resolve(reply: RespReply): void;
  reject(error: Error): void;
  /** Set when the call gave up waiting: its reply is read and dropped. */
  done: boolean;
  /** performance.now() after which the call gives up. */
  deadline: number;
}

const CR = 13;
/** Marks a reply that has not fully arrived yet. */
const INCOMPLETE = Symbol("incomplete");
type Parsed = { value: RespReply | RespError; end: number } | typeof INCOMPLETE;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Bytes as text; ASCII (ids, numbers, scores) without a decoder call. */
function text(bytes: Uint8Array, from: number, to: number): string {
  if (to - from > 64) return decoder.decode(bytes.subarray(from, to));
  let out = "";
  for (let i = from; i < to; i++) {
    const b = bytes[i];
    if (b > 127) return decoder.decode(bytes.subarray(from, to));
    out += String.fromCharCode(b);
  }
  return out;
}

function lineEnd(bytes: Uint8Array, from: number, limit: number): number {
  const at = bytes.indexOf(CR, from);
  return at === -1 || at + 1 >= limit ? -1 : at;
}

/** Parses one reply starting at `at`; INCOMPLETE when more bytes are needed. */
export function parseReply(bytes: Uint8Array, at: number, limit: number): Parsed {
  if (at >= limit) return INCOMPLETE;
  const cr = lineEnd(bytes, at + 1, limit);
  if (cr === -1) return INCOMPLETE;
  const type = bytes[at];
  const next = cr + 2;
  switch (type) {
    case 43: // '+'
      return { value: text(bytes, at + 1, cr), end: next };
    case 45: // '-'
      return { value: new RespError(text(bytes, at + 1, cr)), end: next };
    case 58: // ':'
      return { value: Number(text(bytes, at + 1, cr)), end: next };
    case 36: { // '$'
      const length = Number(text(bytes, at + 1, cr));
      if (length < 0) return { value: null, end: next };
      if (next + length + 2 > limit) return INCOMPLETE;
      return { value: text(bytes, next, next + length), end: next + length + 2 };
    }
    case 42: { // '*'
      const count = Number(text(bytes, at + 1, cr));
      if (count < 0) return { value: null, end: next };
      const items: RespReply[] = [];
      let end = next;
      for (let i = 0; i < count; i++) {
        const item = parseReply(bytes, end, limit);
        if (item === INCOMPLETE) return INCOMPLETE;
        // An error inside an array (e.g. from EXEC) stays an element, as an Error.
        items.push(item.value as RespReply);
        end = item.end;
      }
      return { value: items, end };
    }
    default:
      throw new RespUnavailable(`Unexpected byte ${type} in a Redis reply`);
  }
}

const NON_ASCII = /[\u0080-\uffff]/;

/** The UTF-8 length of a string, without encoding it. */
function byteLength(value: string): number {
  if (!NON_ASCII.test(value)) return value.length;
  let bytes = value.length;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code < 0xd800 || code > 0xdfff) bytes += 2;
    else {
      // A surrogate pair is 4 bytes for its 2 units; a lone surrogate becomes U+FFFD (3 bytes).
      const low = value.charCodeAt(i + 1);
      if (code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) i++;
      bytes += 2;
    }
  }
  return bytes;
}

/** One command in RESP's wire form. */
export function encodeCommand(args: readonly (string | number)[]): string {
  let out = `*${args.length}\r\n`;
  for (const arg of args) {
    const value = String(arg);
    out += `$${byteLength(value)}\r\n${value}\r\n`;
  }
  return out;
}

/** A Lua script called by its SHA-1 (EVALSHA), loaded with EVAL when Redis lacks it. */
export interface RespScript {
  (keys: readonly string[], args: readonly (string | number)[]): Promise<RespReply>;
}

export class RespClient {
  readonly #hostname: string;
  readonly #port: number;
  readonly #tls: boolean;
  readonly #password: string | null;
  readonly #username: string | null;
  readonly #db: number;
  readonly #options: Required<RespOptions>;
  #conn: Deno.Conn | null = null;
  /** Set once the handshake is done: until then calls wait for {@link #connecting}. */
  #ready = false;
  /** The connection being opened (socket and handshake), shared by every call waiting for it. */
  #connecting: Promise<void> | null = null;
  #failedAt = -Infinity;
  #pending: Pending[] = [];
  #outbox: string[] = [];
  #flushing = false;
  #closed = false;
  /**
   * One timer for all calls, armed for the oldest: every call waits the same
   * time and replies come in order, so the oldest call is always the first
   * to give up (a timer per call cost more than the call on the hot path).
   */
  #watchdog: ReturnType<typeof setTimeout> | null = null;

  constructor(url: string, options: RespOptions = {}) {
    const parsed = new URL(url);
    this.#hostname = parsed.hostname.replace(/^\[|\]$/g, "") || "127.0.0.1";
    this.#port = Number(parsed.port || 6379);
    this.#tls = parsed.protocol === "rediss:";
    this.#username = parsed.username ? decodeURIComponent(parsed.username) : null;
    this.#password = parsed.password ? decodeURIComponent(parsed.password) : null;
    this.#db = Number(parsed.pathname.slice(1) || 0);
    this.#options = {
      connectTimeoutMs: options.connectTimeoutMs ?? 1000,
      timeoutMs: options.timeoutMs ?? 1000,
      retryMs: options.retryMs ?? 100,
    };
  }

  /** Sends one command; resolves with its reply, rejects with RespError or RespUnavailable. */
  async call(args: readonly (string | number)[]): Promise<RespReply> {
    if (this.#closed) throw new RespUnavailable("The Redis client is closed");
    if (!this.#ready) await this.#connect();
    return this.#send(encodeCommand(args));
  }

  /** A script function: EVALSHA, falling back to EVAL once per connection that lacks it. */
  script(lua: string): RespScript {
    let sha: string | null = null;
    return async (keys, args) => {
      sha ??= [...new Uint8Array(await crypto.subtle.digest("SHA-1", encoder.encode(lua)))]
        .map((b) => b.toString(16).padStart(2, "0")).join("");
      const tail = [keys.length, ...keys, ...args];
      try {
        return await this.call(["EVALSHA", sha, ...tail]);
      } catch (error) {
        if (!(error instanceof RespError) || !error.message.startsWith("NOSCRIPT")) throw error;
        return await this.call(["EVAL", lua, ...tail]);
      }
    };
  }

  /** Closes the connection; later calls reject. */
  close(): void {
    this.#closed = true;
    this.#drop(new RespUnavailable("The Redis client was closed"));
  }

  #send(command: string): Promise<RespReply> {
    if (!this.#conn) return Promise.reject(new RespUnavailable("Redis is unavailable"));
    return new Promise<RespReply>((resolve, reject) => {
      const deadline = performance.now() + this.#options.timeoutMs;
      this.#pending.push({ resolve, reject, done: false, deadline });
      this.#watch();
      this.#outbox.push(command);
      if (!this.#flushing) {
        this.#flushing = true;
        queueMicrotask(() => this.#flush());
      }
    });
  }

  /** Arms the watchdog for the oldest waiting call, unless it is armed. */
  #watch(): void {
    if (this.#watchdog !== null) return;
    const oldest = this.#pending.find((p) => !p.done);
    if (!oldest) return;
    const wait = Math.max(0, oldest.deadline - performance.now());
    this.#watchdog = setTimeout(() => {
      this.#watchdog = null;
      const now = performance.now();
      for (const p of this.#pending) {
        if (p.deadline > now) break;
        if (p.done) continue;
        p.done = true;
        p.reject(new RespUnavailable(`Redis did not answer within ${this.#options.timeoutMs} ms`));
      }
      this.#watch();
    }, Math.ceil(wait));
  }

  /** Writes everything queued in this tick as one write. */
  async #flush(): Promise<void> {
    const conn = this.#conn;
    try {
      while (this.#outbox.length > 0 && conn) {
        const bytes = encoder.encode(this.#outbox.join(""));
        this.#outbox = [];
        for (let written = 0; written < bytes.length;) {
          written += await conn.write(bytes.subarray(written));
        }
      }
    } catch (error) {
      this.#drop(new RespUnavailable(`Redis write failed: ${(error as Error).message}`));
    } finally {
      this.#flushing = false;
    }
  }

  /**
   * Waits for the connection, opening it if no call is doing so. Every waiting
   * call resumes in the order it asked, once the handshake is done, so calls
   * made while connecting are still sent in the order they were made.
   */
  async #connect(): Promise<void> {
    if (!this.#connecting) {
      if (performance.now() - this.#failedAt < this.#options.retryMs) {
        throw new RespUnavailable("Redis is unavailable");
      }
      this.#connecting = this.#establish().finally(() => {
        this.#connecting = null;
      });
    }
    await this.#connecting;
  }

  async #establish(): Promise<void> {
    try {
      const conn = await this.#open();
      this.#conn = conn;
      this.#read(conn);
      await this.#handshake();
      this.#ready = true;
    } catch (error) {
      this.#failedAt = performance.now();
      this.#drop(new RespUnavailable(`Redis connection failed: ${(error as Error).message}`));
      throw error instanceof RespError ? error : new RespUnavailable("Redis is unavailable");
    }
  }

  async #open(): Promise<Deno.Conn> {
    const signal = AbortSignal.timeout(this.#options.connectTimeoutMs);
    const target = { hostname: this.#hostname, port: this.#port, signal };
    const conn = this.#tls ? await Deno.connectTls(target) : await Deno.connect(target);
    if (!this.#tls) (conn as Deno.TcpConn).setNoDelay(true);
    return conn;
  }

  /** AUTH and SELECT (when the URL has them), pipelined; calls wait for both. */
  async #handshake(): Promise<void> {
    const sent: Promise<RespReply>[] = [];
    if (this.#password !== null) {
      const auth = this.#username ? [this.#username, this.#password] : [this.#password];
      sent.push(this.#send(encodeCommand(["AUTH", ...auth])));
    }
    if (this.#db !== 0) sent.push(this.#send(encodeCommand(["SELECT", this.#db])));
    await Promise.all(sent);
  }

  /** Reads replies until the connection ends, settling calls in order. */
  async #read(conn: Deno.Conn): Promise<void> {
    let buffer = new Uint8Array(64 * 1024);
    let start = 0;
    let end = 0;
    try {
      while (true) {
        if (end === buffer.length) {
          // Full: move the unread part to the front, or grow for a large reply.
          const unread = buffer.subarray(start, end);
          const next = start === 0 ? new Uint8Array(buffer.length * 2) : buffer;
          next.set(unread);
          buffer = next;
          end -= start;
          start = 0;
        }
        const n = await conn.read(buffer.subarray(end));
        if (n === null) break;
        end += n;
        while (start < end) {
          const reply = parseReply(buffer, start, end);
          if (reply === INCOMPLETE) break;
          start = reply.end;
          this.#settle(reply.value);
        }
        if (start === end) start = end = 0;
      }
      this.#drop(new RespUnavailable("Redis closed the connection"));
    } catch (error) {
      this.#drop(new RespUnavailable(`Redis read failed: ${(error as Error).message}`));
    }
  }

  #settle(value: RespReply | RespError): void {
    const pending = this.#pending.shift();
    if (!pending || pending.done) return;
    pending.done = true;
    if (value instanceof RespError) pending.reject(value);
    else pending.resolve(value);
  }

  /** Forgets the connection and fails every call still waiting on it. */
  #drop(error: Error): void {
    const conn = this.#conn;
    this.#conn = null;
    this.#ready = false;
    this.#outbox = [];
    if (conn) {
      this.#failedAt = performance.now();
      try {
        conn.close();
      } catch { /* already closed */ }
    }
    const pending = this.#pending;
    this.#pending = [];
    if (this.#watchdog !== null) clearTimeout(this.#watchdog);
    this.#watchdog = null;
    for (const p of pending) {
      if (p.done) continue;
      p.done = true;
      p.reject(error);
    }
  }
}
