/**
 * A minimal keep-alive HTTP/1.1 client over one TCP connection, for the load
 * generator's measured loop: a request is one write, an answer is its status
 * and body bytes (Content-Length or chunked). `fetch` cost the generator about
 * 0.3 ms of CPU per request, enough to starve the server it shares two cores
 * with; wrk's think-time timers cost as much at 5,000 connections.
 *
 * @module
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const CRLFCRLF = [13, 10, 13, 10];

export interface Http1Answer {
  status: number;
  body: Uint8Array;
}

/** Where `pattern` first starts in `bytes[from, to)`, or -1. */
export function indexOf(
  bytes: Uint8Array,
  pattern: ArrayLike<number>,
  from = 0,
  to = bytes.length,
): number {
  outer: for (let i = from; i + pattern.length <= to; i++) {
    for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return i;
  }
  return -1;
}

export class Http1Connection {
  readonly #hostname: string;
  readonly #port: number;
  #conn: Deno.TcpConn | null = null;
  #buffer = new Uint8Array(64 * 1024);
  #start = 0;
  #end = 0;

  constructor(url: URL) {
    this.#hostname = url.hostname.replace(/^\[|\]$/g, "");
    this.#port = Number(url.port || 80);
  }

  /** Sends one request (`head` ends with the header lines, without the blank line). */
  async request(head: string, body = ""): Promise<Http1Answer> {
    try {
      return await this.#exchange(head, body);
    } catch (error) {
      this.close();
      throw error;
    }
  }

  close(): void {
    try {
      this.#conn?.close();
    } catch { /* already closed */ }
    this.#conn = null;
    this.#start = this.#end = 0;
  }

  async #exchange(head: string, body: string): Promise<Http1Answer> {
    this.#conn ??= await Deno.connect({ hostname: this.#hostname, port: this.#port });
    const payload = body ? encoder.encode(body) : null;
    const text = `${head}\r\n${payload ? `content-length: ${payload.length}\r\n` : ""}\r\n`;
    const bytes = encoder.encode(text);
    const out = payload ? new Uint8Array(bytes.length + payload.length) : bytes;
    if (payload) {
      out.set(bytes);
      out.set(payload, bytes.length);
    }
    for (let written = 0; written < out.length;) {
      written += await this.#conn.write(out.subarray(written));
    }
    let headEnd: number;
    while ((headEnd = indexOf(this.#buffer, CRLFCRLF, this.#start, this.#end)) < 0) {
      await this.#fill();
    }
    const headers = decoder.decode(this.#buffer.subarray(this.#start, headEnd)).toLowerCase();
    this.#start = headEnd + 4;
    const status = Number(headers.slice(9, 12));
    const length = /\r\ncontent-length: *(\d+)/.exec(headers);
    const answer = length
      ? await this.#take(Number(length[1]))
      : /\r\ntransfer-encoding: *chunked/.test(headers)
      ? await this.#chunked()
      : new Uint8Array(0);
    if (/\r\nconnection: *close/.test(headers)) this.close();
    return { status, body: answer };
  }

  /** Reads more bytes into the buffer (growing or compacting it as needed). */
  async #fill(): Promise<void> {
    if (this.#end === this.#buffer.length) {
      const unread = this.#buffer.subarray(this.#start, this.#end);
      const next = this.#start === 0 ? new Uint8Array(this.#buffer.length * 2) : this.#buffer;
      next.set(unread);
      this.#buffer = next;
      this.#end -= this.#start;
      this.#start = 0;
    }
    const n = await this.#conn!.read(this.#buffer.subarray(this.#end));
    if (n === null) throw new Error("connection closed by the server");
    this.#end += n;
  }

  async #take(length: number): Promise<Uint8Array> {
    while (this.#end - this.#start < length) await this.#fill();
    const body = this.#buffer.slice(this.#start, this.#start + length);
    this.#start += length;
    if (this.#start === this.#end) this.#start = this.#end = 0;
    return body;
  }

  async #line(): Promise<string> {
    let end: number;
    while ((end = indexOf(this.#buffer, [13, 10], this.#start, this.#end)) < 0) await this.#fill();
    const line = decoder.decode(this.#buffer.subarray(this.#start, end));
    this.#start = end + 2;
    return line;
  }

  async #chunked(): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    while (true) {
      const size = parseInt(await this.#line(), 16);
      if (!(size > 0)) {
        await this.#line(); // the blank line after the last chunk (no trailers are sent)
        break;
      }
      parts.push(await this.#take(size));
      await this.#line();
    }
    const body = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
    let at = 0;
    for (const part of parts) {
      body.set(part, at);
      at += part.length;
    }
    return body;
  }
}
