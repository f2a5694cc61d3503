import { readFile } from 'node:fs/promises';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { Problem } from '../corpus/problems.js';
import { isHttp, parseUrl } from '../http-url.js';

/** One feed newsbot polls. */
export interface FeedSource {
  /** The feed's address as given (trimmed); also its identity in the state store. */
  url: string;
  /** A name to show instead of the feed's own title, or null. */
  name: string | null;
  /** Seconds between polls of this feed (before jitter). */
  intervalSeconds: number;
  /** Where the source was declared: the FEEDS variable, the feeds file, or added at run time. */
  from: 'env' | 'file' | 'added';
}

/** The minimum interval a feed may ask for: polling faster is impolite and never useful. */
export const MIN_INTERVAL_SECONDS = 10;

/** Why a feed address cannot be used, or null when it can. */
export function feedUrlProblem(raw: string): string | null {
  const url = parseUrl(raw);
  if (url === null) return `not a URL: ${JSON.stringify(raw)}`;
  if (!isHttp(url)) return `only http and https feeds are polled, not ${url.protocol}`;
  if (url.username !== '' || url.password !== '')
    return 'a feed URL must not carry a user name or password (no credentials are sent)';
  return null;
}

const feedUrl = z
  .string({ message: 'url is required' })
  .trim()
  .min(1, 'url is required')
  .superRefine((u, ctx) => {
    const problem = feedUrlProblem(u);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });

/** "90", 90, "90s", "15m", "1h": seconds between polls. */
const interval = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|m|h)?\s*$/i.exec(String(v));
  const seconds = m
    ? Number(m[1]) * ({ s: 1, m: 60, h: 3600 }[(m[2] ?? 's').toLowerCase() as 's'] ?? 1)
    : Number.NaN;
  if (!Number.isFinite(seconds)) {
    ctx.addIssue({
      code: 'custom',
      message: `interval must be seconds or a duration such as 90s, 15m, 1h (got ${JSON.stringify(v)})`,
    });
    return z.NEVER;
  }
  if (seconds < MIN_INTERVAL_SECONDS) {
    ctx.addIssue({
      code: 'custom',
      message: `interval must be at least ${MIN_INTERVAL_SECONDS} seconds (got ${JSON.stringify(v)})`,
    });
    return z.NEVER;
  }
  return Math.round(seconds);
});

const FeedEntrySchema = z.strictObject(
  {
    url: feedUrl,
    name: z.string().trim().min(1, 'name must not be empty').optional(),
    interval: interval.optional(),
  },
  { message: 'each feed must be a mapping with url (and optional name, interval)' },
);

export interface SourcesInput {
  /** URLs from the FEEDS variable. */
  env: readonly string[];
  /** Path of the feeds file (data/feeds.yml); a missing file is not an error. */
  file: string;
  /** FEEDS_POLL_SECONDS. */
  defaultIntervalSeconds: number;
}

/** The configured feeds and every problem found, each naming the file (or FEEDS) and line. */
export async function loadSources(
  input: SourcesInput,
): Promise<{ sources: FeedSource[]; problems: Problem[] }> {
  const fromEnv = sourcesFromEnv(input);
  let fromFile: { sources: FeedSource[]; problems: Problem[] } = { sources: [], problems: [] };
  try {
    const text = await readFile(input.file, 'utf8');
    fromFile = parseFeedsFile(input.file, text, input.defaultIntervalSeconds);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT')
      fromFile.problems.push({
        file: input.file,
        line: null,
        reason: `cannot read: ${code ?? (err as Error).message}`,
      });
  }
  return mergeSources([fromEnv, fromFile]);
}

function sourcesFromEnv(input: SourcesInput): { sources: FeedSource[]; problems: Problem[] } {
  const sources: FeedSource[] = [];
  const problems: Problem[] = [];
  input.env.forEach((raw, i) => {
    const problem = feedUrlProblem(raw);
    if (problem !== null) problems.push({ file: 'FEEDS', line: null, reason: `entry ${i + 1}: ${problem}` });
    else sources.push({ url: raw, name: null, intervalSeconds: input.defaultIntervalSeconds, from: 'env' });
  });
  return { sources, problems };
}

/**
 * Reads a feeds file: a list of entries, or a mapping with a `feeds:` list. Each entry is a URL
 * string or `{ url, name?, interval? }`. A bad entry is a problem naming its line; the rest load.
 */
export function parseFeedsFile(
  file: string,
  text: string,
  defaultIntervalSeconds: number,
): { sources: FeedSource[]; problems: Problem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const lineOf = (offset: number | undefined): number | null =>
    offset === undefined ? null : lines.linePos(offset).line;
  if (doc.errors.length > 0) {
    return {
      sources: [],
      problems: doc.errors.map((e) => ({
        file,
        line: lineOf(e.pos[0]),
        reason: `YAML syntax: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  let list: unknown = doc.contents;
  if (list === null) return { sources: [], problems: [] };
  if (isMap(list)) list = list.get('feeds', true);
  if (!isSeq(list)) {
    return {
      sources: [],
      problems: [
        {
          file,
          line: lineOf(doc.contents?.range?.[0]),
          reason: 'expected a list of feeds (or feeds: followed by a list)',
        },
      ],
    };
  }
  const sources: FeedSource[] = [];
  const problems: Problem[] = [];
  for (const item of list.items) {
    const node = item as { range?: [number, number, number]; toJSON(): unknown };
    const line = lineOf(node.range?.[0]);
    const value = node.toJSON();
    const parsed = FeedEntrySchema.safeParse(typeof value === 'string' ? { url: value } : value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
        const reason =
          issue.code === 'unrecognized_keys'
            ? `unknown key ${issue.keys.map((k) => JSON.stringify(k)).join(', ')} (expected url, name, interval)`
            : issue.message;
        problems.push({ file, line, reason: `${where}${reason}` });
      }
      continue;
    }
    const { url, name, interval: seconds } = parsed.data;
    if (sources.some((s) => s.url === url)) {
      problems.push({ file, line, reason: `${url} is listed twice; the first entry is used` });
      continue;
    }
    sources.push({
      url,
      name: name ?? null,
      intervalSeconds: seconds ?? defaultIntervalSeconds,
      from: 'file',
    });
  }
  return { sources, problems };
}

/** Joins source lists in order; a URL seen again is a problem and the first declaration wins. */
export function mergeSources(parts: readonly { sources: FeedSource[]; problems: Problem[] }[]): {
  sources: FeedSource[];
  problems: Problem[];
} {
  const byUrl = new Map<string, FeedSource>();
  const problems: Problem[] = [];
  for (const part of parts) {
    problems.push(...part.problems);
    for (const source of part.sources) {
      if (byUrl.has(source.url)) {
        const first = byUrl.get(source.url);
        problems.push({
          file: 'FEEDS',
          line: null,
          reason:
            first?.from === source.from
              ? `${source.url} is listed twice; the first entry is used`
              : `${source.url} is also in FEEDS; the FEEDS entry is used`,
        });
        continue;
      }
      byUrl.set(source.url, source);
    }
  }
  return { sources: [...byUrl.values()], problems };
}
