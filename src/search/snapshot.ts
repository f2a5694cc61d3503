import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { z } from 'zod';
import type { Article } from '../corpus/article.js';
import type { LoadTotals } from '../corpus/load.js';
import type { NewsIndexSnapshot } from './news-index.js';

/**
 * Bumped whenever analysis, indexed fields or the file layout change: an old snapshot then no
 * longer matches any fingerprint and is rebuilt.
 */
const SNAPSHOT_FORMAT = 'newsbot-snapshot-1';

const SNAPSHOT_FOLDER = 'snapshot';
const META_FILE = 'meta.json';
const ARTICLES_FILE = 'articles.jsonl';
const INDEX_FILE = 'index.json';

/** Every file under `dir` (hidden ones skipped, as the loader does), with size and modification time. */
async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const lines: string[] = [];
  const entries = await readdir(join(dir, prefix), { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    const info = await stat(join(dir, path)).catch(() => null);
    if (info?.isDirectory()) lines.push(...(await listFiles(dir, path)));
    else if (info?.isFile()) lines.push(`${path}\u0000${info.size}\u0000${info.mtimeMs}`);
  }
  return lines;
}

/**
 * A fingerprint of the corpus folder: paths, sizes and modification times of its files, plus the
 * snapshot format. Any added, removed or edited file changes it; reading file contents is not needed.
 */
export async function corpusFingerprint(dataDir: string): Promise<string> {
  const hash = createHash('sha256');
  hash.update(SNAPSHOT_FORMAT);
  for (const line of await listFiles(dataDir)) hash.update(`\n${line}`);
  return hash.digest('hex');
}

/**
 * The shape of a stored article. Lighter than ArticleSchema (no date or link checks): these records
 * were validated when first read and are only trusted back if the fingerprint matched, but a
 * damaged file must still be caught rather than served.
 */
const StoredArticleSchema = z.object({
  id: z.string(),
  title: z.string(),
  paragraphs: z.array(z.string()),
  published: z.string().nullable(),
  source: z.string().nullable(),
  url: z.string().nullable(),
  credit: z.string().nullable(),
  origin: z.string(),
  storyId: z.string(),
});

const ProblemSchema = z.object({ file: z.string(), line: z.number().nullable(), reason: z.string() });
const MetaSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  fingerprint: z.string(),
  totals: z.object({
    files: z.number(),
    ignored: z.number(),
    articles: z.number(),
    skipped: z.number(),
    stories: z.number(),
    seconds: z.number(),
    problems: z.array(ProblemSchema),
  }),
});

/** What a snapshot holds: the articles in the order they were added, and their index. */
export interface Snapshot {
  fingerprint: string;
  totals: LoadTotals;
  articles: Article[];
  index: NewsIndexSnapshot;
}

/**
 * Writes a snapshot into `stateDir/snapshot`, replacing the previous one only once the new one is
 * complete (written beside it, then renamed), so a crash never leaves a half snapshot behind.
 */
export async function saveSnapshot(
  stateDir: string,
  snapshot: Omit<Snapshot, 'articles' | 'index'> & { articles: Iterable<Article>; index: NewsIndexSnapshot },
): Promise<void> {
  const target = join(stateDir, SNAPSHOT_FOLDER);
  const temporary = join(stateDir, `${SNAPSHOT_FOLDER}.tmp-${process.pid}`);
  await rm(temporary, { recursive: true, force: true });
  await mkdir(temporary, { recursive: true });

  const articles = createWriteStream(join(temporary, ARTICLES_FILE));
  for (const article of snapshot.articles) {
    if (!articles.write(`${JSON.stringify(article)}\n`))
      await new Promise<void>((r) => articles.once('drain', () => r()));
  }
  articles.end();
  await finished(articles);
  await writeFile(join(temporary, INDEX_FILE), JSON.stringify(snapshot.index));
  const meta = { format: SNAPSHOT_FORMAT, fingerprint: snapshot.fingerprint, totals: snapshot.totals };
  await writeFile(join(temporary, META_FILE), JSON.stringify(meta));

  await rm(target, { recursive: true, force: true });
  await rename(temporary, target);
}

/**
 * Reads the snapshot if there is one for exactly this corpus fingerprint; null if there is none,
 * it is for another corpus or format, or it is damaged (the caller then rebuilds).
 */
export async function loadSnapshot(stateDir: string, fingerprint: string): Promise<Snapshot | null> {
  const folder = join(stateDir, SNAPSHOT_FOLDER);
  const metaText = await readFile(join(folder, META_FILE), 'utf8').catch(() => null);
  if (metaText === null) return null;
  const meta = MetaSchema.safeParse(safeJson(metaText));
  if (!meta.success || meta.data.fingerprint !== fingerprint) return null;
  try {
    const articles: Article[] = [];
    for await (const line of readLines(join(folder, ARTICLES_FILE))) {
      if (line) articles.push(StoredArticleSchema.parse(JSON.parse(line)));
    }
    if (articles.length !== meta.data.totals.articles) return null;
    const index = JSON.parse(await readFile(join(folder, INDEX_FILE), 'utf8')) as NewsIndexSnapshot;
    return { fingerprint, totals: meta.data.totals, articles, index };
  } catch {
    return null;
  }
}

/** Lines of a file, read in large chunks (much faster than node:readline for big files). */
async function* readLines(file: string): AsyncGenerator<string> {
  let carry = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const lines = (carry + chunk).split('\n');
    carry = lines.pop() ?? '';
    yield* lines;
  }
  if (carry) yield carry;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
