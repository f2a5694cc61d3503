import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Web API call as the fake received it; `blocks` decoded from its JSON string field. */
export interface ApiCall {
  method: string;
  /** The bearer token the call carried (xoxb-… for the bot, xapp-… for apps.connections.open). */
  token: string | undefined;
  args: Record<string, string>;
  blocks: unknown[];
}

/** One post to a response_url: the JSON body `respond()` sent. */
export interface ResponsePost {
  id: string;
  body: Record<string, unknown>;
}

/** What the fake answers to one call instead of `{ ok: true }`: a Slack error or a rate limit. */
export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  body: Record<string, unknown>;
}

/**
 * Slack's limits on `chat.postMessage`, imitated: about one message per second per channel, and
 * a budget per second for the whole app. A post past either gets 429 with `Retry-After: 1`.
 */
export interface PostRateLimit {
  perChannelMs: number;
  perSecond: number;
}

interface Waiter {
  check: () => boolean;
  resolve: () => void;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A stand-in for Slack on 127.0.0.1: the Web API under `/api/<method>` (form-encoded bodies as the
 * Web API client sends them, `{ ok: true, ... }` answers unless a reply is scripted) and response
 * URLs under `/respond/<id>`. It records everything, for tests and the bench to inspect.
 */
export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponsePost[] = [];
  readonly #scripted = new Map<string, ScriptedReply[]>();
  readonly #waiters = new Set<Waiter>();
  #server: Server | undefined;
  #base = '';
  #ts = 0;
  readonly #rateLimit: PostRateLimit | undefined;
  readonly #lastPostAt = new Map<string, number>();
  #windowStart = 0;
  #windowPosts = 0;
  /** Posts refused with 429 by the rate limit (scripted replies not counted). */
  rateLimited = 0;

  constructor(options: { rateLimit?: PostRateLimit } = {}) {
    this.#rateLimit = options.rateLimit;
  }

  /**
   * How long the fake takes to answer a response_url post. A post counts as delivered only once
   * answered while the sender still waits; one whose sender hung up first is kept in `abandoned`.
   */
  responseDelayMs = 0;
  readonly abandoned: ResponsePost[] = [];
  /** How long the fake takes to answer each Web API method (the call is recorded on arrival). */
  readonly apiDelayMs: Record<string, number> = {};

  /** What `apps.connections.open` hands out: the ws:// URL of a local Socket Mode server. */
  socketModeUrl: string | undefined;

  /** Called for each response_url post (the bench counts replies with it). */
  onResponse: ((post: ResponsePost) => void) | undefined;

  get apiUrl(): string {
    return `${this.#base}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.#base}/respond/${id}`;
  }

  /** The next call to `method` gets this reply (replies queue up in order). */
  script(method: string, reply: ScriptedReply): void {
    const queue = this.#scripted.get(method) ?? [];
    queue.push(reply);
    this.#scripted.set(method, queue);
  }

  async start(): Promise<void> {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.#server.address() as AddressInfo;
    this.#base = `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }

  /** Resolves once `check` holds, re-checked after every recorded call; rejects after `timeoutMs`. */
  until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new Error('FakeSlack: timed out waiting'));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  /** The first post to response_url `id`, waiting for it. */
  async responseTo(id: string): Promise<Record<string, unknown>> {
    await this.until(() => this.responses.some((r) => r.id === id));
    return this.responses.find((r) => r.id === id)?.body ?? {};
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  #recorded(): void {
    for (const waiter of this.#waiters) {
      if (!waiter.check()) continue;
      this.#waiters.delete(waiter);
      waiter.resolve();
    }
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const body = await readBody(req);
    if (path.startsWith('/respond/')) {
      const post = { id: path.slice('/respond/'.length), body: JSON.parse(body) as Record<string, unknown> };
      if (this.responseDelayMs > 0) {
        await new Promise((resolve) => setTimeout(resolve, this.responseDelayMs));
        if (res.destroyed || req.socket.destroyed) {
          this.abandoned.push(post);
          return;
        }
      }
      this.responses.push(post);
      this.onResponse?.(post);
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
      this.#recorded();
      return;
    }
    const method = path.replace(/^\/api\//, '');
    const args = Object.fromEntries(new URLSearchParams(body));
    const blocks = args.blocks ? (JSON.parse(args.blocks) as unknown[]) : [];
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    this.calls.push({ method, token, args, blocks });
    const reply = this.#scripted.get(method)?.shift() ??
      this.#overLimit(method, args) ?? { body: this.#success(method, args) };
    const delay = this.apiDelayMs[method] ?? 0;
    if (delay > 0) {
      this.#recorded();
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    res
      .writeHead(reply.status ?? 200, { 'Content-Type': 'application/json', ...reply.headers })
      .end(JSON.stringify(reply.body));
    this.#recorded();
  }

  #overLimit(method: string, args: Record<string, string>): ScriptedReply | null {
    const limit = this.#rateLimit;
    if (limit === undefined || method !== 'chat.postMessage') return null;
    const now = Date.now();
    if (now - this.#windowStart >= 1000) {
      this.#windowStart = now;
      this.#windowPosts = 0;
    }
    const channel = args.channel ?? '';
    const last = this.#lastPostAt.get(channel);
    if (this.#windowPosts >= limit.perSecond || (last !== undefined && now - last < limit.perChannelMs)) {
      this.rateLimited++;
      return { status: 429, headers: { 'Retry-After': '1' }, body: { ok: false, error: 'ratelimited' } };
    }
    this.#windowPosts++;
    this.#lastPostAt.set(channel, now);
    return null;
  }

  #success(method: string, args: Record<string, string>): Record<string, unknown> {
    if (method === 'auth.test') return { ok: true, user_id: 'U0BOT', bot_id: 'B0BOT', team_id: 'T0TEAM' };
    if (method === 'apps.connections.open') {
      return this.socketModeUrl === undefined
        ? { ok: false, error: 'socket_mode_not_enabled' }
        : { ok: true, url: this.socketModeUrl };
    }
    const ts = `1757000000.${String(++this.#ts).padStart(6, '0')}`;
    return { ok: true, channel: args.channel, ts };
  }
}
