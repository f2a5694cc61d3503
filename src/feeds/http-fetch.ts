import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { type Dispatcher, request } from 'undici';
import { isHttp, parseUrl } from '../http-url.js';
import { RefusedAddressError } from './address-guard.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/** Names newsbot and its version, so that a feed's owner knows who polls and can ask us to stop. */
export const USER_AGENT = `newsbot/${version} (Slack news bot; polls RSS, Atom and JSON feeds)`;

/** Why a fetch failed, short enough for `/news sources`; `kind` groups reasons for state changes. */
export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    readonly kind:
      | 'timeout'
      | 'http-status'
      | 'too-large'
      | 'redirect'
      | 'refused'
      | 'network'
      | 'content-type',
    message: string,
  ) {
    super(message);
  }
}

export interface FetchOptions {
  /** The dispatcher every request goes through: the guarded agent in production. */
  agent: Dispatcher;
  /** For the whole fetch: connection, redirects, headers and body. */
  timeoutMs: number;
  /** Limit on the body after decompression. */
  maxBytes: number;
  maxRedirects?: number;
  accept?: string;
}

export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export type FetchOutcome =
  | { kind: 'not-modified'; url: string }
  | {
      kind: 'ok';
      /** The address the body came from, after redirects. */
      url: string;
      body: Buffer;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
    };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const DEFAULT_MAX_REDIRECTS = 5;

/**
 * GET with the politeness and safety rules every feed and page fetch follows: conditional
 * headers, compressed transfer, a whole-fetch timeout, a body limit counted on decompressed
 * bytes, at most 5 redirects (each hop through the same guarded agent), only http(s), and never
 * a cookie or credential.
 */
export async function fetchResource(
  url: string,
  validators: Validators,
  options: FetchOptions,
): Promise<FetchOutcome> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  try {
    return await fetchFollowing(url, validators, options, controller.signal);
  } catch (err) {
    if (timedOut) throw new FetchError('timeout', `timed out after ${options.timeoutMs / 1000} s`);
    throw asFetchError(err);
  } finally {
    clearTimeout(timer);
  }
}

async function fetchFollowing(
  startUrl: string,
  validators: Validators,
  options: FetchOptions,
  signal: AbortSignal,
): Promise<FetchOutcome> {
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const visited = new Set<string>();
  let url = checkedUrl(startUrl);
  for (let hop = 0; ; hop++) {
    visited.add(url.href);
    const headers: Record<string, string> = {
      'user-agent': USER_AGENT,
      accept: options.accept ?? '*/*',
      'accept-encoding': 'gzip, deflate, br',
    };
    // Validators belong to the feed's own address; a redirect target gets an unconditional GET.
    if (hop === 0 && validators.etag) headers['if-none-match'] = validators.etag;
    if (hop === 0 && validators.lastModified) headers['if-modified-since'] = validators.lastModified;
    const res = await request(url, { method: 'GET', headers, dispatcher: options.agent, signal });
    if (REDIRECTS.has(res.statusCode)) {
      await res.body.dump();
      const location = header(res.headers, 'location');
      if (location === null)
        throw new FetchError('redirect', `HTTP ${res.statusCode} without a Location header`);
      const next = checkedUrl(location, url);
      if (visited.has(next.href)) throw new FetchError('redirect', `redirect loop at ${next.href}`);
      if (hop + 1 > maxRedirects) throw new FetchError('redirect', `more than ${maxRedirects} redirects`);
      url = next;
      continue;
    }
    if (res.statusCode === 304) {
      await res.body.dump();
      return { kind: 'not-modified', url: url.href };
    }
    if (res.statusCode < 200 || res.statusCode > 299) {
      await res.body.dump().catch(() => {});
      throw new FetchError('http-status', `HTTP ${res.statusCode}`);
    }
    const body = await readLimited(res.body, header(res.headers, 'content-encoding'), options.maxBytes);
    return {
      kind: 'ok',
      url: url.href,
      body,
      contentType: header(res.headers, 'content-type'),
      etag: header(res.headers, 'etag'),
      lastModified: header(res.headers, 'last-modified'),
    };
  }
}

function checkedUrl(raw: string, base?: URL): URL {
  const url = parseUrl(raw, base);
  if (url === null) throw new FetchError('redirect', `not a URL: ${raw.slice(0, 200)}`);
  if (!isHttp(url)) {
    throw new FetchError('refused', `only http and https are fetched, not ${url.protocol}`);
  }
  // Credentials in a URL would become an Authorization header in some clients: never send them.
  url.username = '';
  url.password = '';
  return url;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const value = headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

function tooLarge(maxBytes: number): FetchError {
  return new FetchError(
    'too-large',
    `body larger than ${Math.round(maxBytes / 1024)} KB (after decompression)`,
  );
}

/**
 * Reads the body (at most `maxBytes` as sent), then undoes its content codings with the same
 * limit on each decoded result, so a small compressed bomb is refused as soon as it inflates
 * past the limit.
 */
async function readLimited(body: Readable, encoding: string | null, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) {
      body.destroy();
      throw tooLarge(maxBytes);
    }
    chunks.push(chunk as Buffer);
  }
  let bytes: Buffer = Buffer.concat(chunks, total);
  const codings = (encoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  // Codings are listed in the order they were applied: undo the last one first.
  for (const coding of codings.reverse()) bytes = decode(bytes, coding, maxBytes);
  return bytes;
}

function decode(bytes: Buffer, coding: string, maxBytes: number): Buffer {
  const limit = { maxOutputLength: maxBytes };
  try {
    switch (coding) {
      case 'gzip':
      case 'x-gzip':
        return gunzipSync(bytes, limit);
      case 'br':
        return brotliDecompressSync(bytes, limit);
      case 'deflate':
        // Meant to be zlib-wrapped, but some servers send raw deflate: a zlib header's low nibble is 8.
        return (bytes[0] ?? 0) % 16 === 8 ? inflateSync(bytes, limit) : inflateRawSync(bytes, limit);
      default:
        throw new FetchError('network', `unsupported Content-Encoding: ${coding}`);
    }
  } catch (err) {
    if (err instanceof FetchError) throw err;
    if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw tooLarge(maxBytes);
    throw new FetchError('network', `could not decompress the ${coding} body: ${(err as Error).message}`);
  }
}

/** Errors from undici and the guard, as a reason a person can act on. */
function asFetchError(err: unknown): FetchError {
  if (err instanceof FetchError) return err;
  const cause = (err as { cause?: unknown }).cause;
  if (err instanceof RefusedAddressError || cause instanceof RefusedAddressError) {
    return new FetchError('refused', ((cause instanceof RefusedAddressError ? cause : err) as Error).message);
  }
  const code = (err as NodeJS.ErrnoException).code;
  const message = (err as Error).message ?? String(err);
  if (
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT'
  ) {
    return new FetchError('timeout', message);
  }
  return new FetchError('network', code ? `${code}: ${message}` : message);
}
