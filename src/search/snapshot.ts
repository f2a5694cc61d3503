import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import { z } from 'zod';
import type { Article } from '../corpus/article.js';
import type { LoadTotals } from '../corpus/load.js';
import { decodeSections, encodeSections, type Sections } from '../storage/binary-sections.js';
import { SNAPSHOT_FORMAT } from '../storage/corpus-fingerprint.js';

const SNAPSHOT_FOLDER = 'snapshot';
const META_FILE = 'meta.json';
const ARTICLES_FILE = 'articles.jsonl';
const INDEX_FILE = 'index.bin';
const STORIES_FILE = 'stories.bin';
const NEWLINE = 0x0a;

/**
 * A stored article is one JSON array per line, its fields in this order: a third smaller than
 * objects with keys, and faster to parse. The file's CRC in meta.json catches damage; the shape
 * check below catches a reader of another layout.
 */
function articleRow(a: Article): unknown[] {
  return [a.id, a.title, a.paragraphs, a.published, a.source, a.url, a.credit, a.origin, a.storyId];
}

function articleFromRow(row: unknown): Article {
  if (!Array.isArray(row) || row.length !== 9) throw new Error('damaged article row');
  const [id, title, paragraphs, published, source, url, credit, origin, storyId] = row;
  const text = (v: unknown): v is string => typeof v === 'string';
  const optional = (v: unknown): v is string | null => v === null || typeof v === 'string';
  if (!text(id) || !text(title) || !text(origin) || !text(storyId) || !Array.isArray(paragraphs))
    throw new Error('damaged article row');
  if (
    !paragraphs.every(text) ||
    !optional(published) ||
    !optional(source) ||
    !optional(url) ||
    !optional(credit)
  )
    throw new Error('damaged article row');
  return { id, title, paragraphs, published, source, url, credit, origin, storyId };
}

const ProblemSchema = z.object({ file: z.string(), line: z.number().nullable(), reason: z.string() });
const MetaSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  fingerprint: z.string(),
  /** CRC-32 of articles.jsonl (the binary files carry their own). */
  articlesCrc: z.number(),
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

/** What a snapshot holds: the articles in the order they were added, their index and story grouping. */
export interface Snapshot {
  fingerprint: string;
  totals: LoadTotals;
  articles: Article[];
  index: Sections;
  stories: Sections;
}

/**
 * Writes a snapshot into `stateDir/snapshot`, replacing the previous one only once the new one is
 * complete (written beside it, then renamed), so a crash never leaves a half snapshot behind.
 */
export async function saveSnapshot(
  stateDir: string,
  snapshot: Omit<Snapshot, 'articles'> & { articles: Iterable<Article> },
): Promise<void> {
  const target = join(stateDir, SNAPSHOT_FOLDER);
  const temporary = join(stateDir, `${SNAPSHOT_FOLDER}.tmp-${process.pid}`);
  await rm(temporary, { recursive: true, force: true });
  await mkdir(temporary, { recursive: true });

  const articles = createWriteStream(join(temporary, ARTICLES_FILE));
  let articlesCrc = 0;
  for (const article of snapshot.articles) {
    const line = Buffer.from(`${JSON.stringify(articleRow(article))}\n`, 'utf8');
    articlesCrc = crc32(line, articlesCrc);
    if (!articles.write(line)) await new Promise<void>((r) => articles.once('drain', () => r()));
  }
  articles.end();
  await finished(articles);
  await writeFile(join(temporary, INDEX_FILE), encodeSections(snapshot.index));
  await writeFile(join(temporary, STORIES_FILE), encodeSections(snapshot.stories));
  const meta = {
    format: SNAPSHOT_FORMAT,
    fingerprint: snapshot.fingerprint,
    articlesCrc,
    totals: snapshot.totals,
  };
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
    // One read and one pass over the bytes: no chunk joining or splitting of a few hundred MB of text.
    const bytes = await readFile(join(folder, ARTICLES_FILE));
    if (crc32(bytes) !== meta.data.articlesCrc) return null;
    const articles: Article[] = [];
    for (let start = 0; start < bytes.length; ) {
      const end = bytes.indexOf(NEWLINE, start);
      const stop = end === -1 ? bytes.length : end;
      if (stop > start) articles.push(articleFromRow(JSON.parse(bytes.toString('utf8', start, stop))));
      start = stop + 1;
    }
    if (articles.length !== meta.data.totals.articles) return null;
    const index = decodeSections(await readFile(join(folder, INDEX_FILE)));
    const stories = decodeSections(await readFile(join(folder, STORIES_FILE)));
    if (index === null || stories === null) return null;
    return { fingerprint, totals: meta.data.totals, articles, index, stories };
  } catch {
    return null;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
