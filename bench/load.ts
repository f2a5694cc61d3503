/**
 * Loading and story grouping at scale: `npm run bench:load -- --articles 100000 [--json] [--sources DIR]`.
 *
 * Writes a synthetic corpus (bench/synthetic-corpus.ts) as JSON Lines files of 1,000 records into
 * a temporary folder, then measures, in one process:
 *   - the real loader (src/corpus/load.ts) with story grouping, as `ingest`/`serve` run it;
 *   - the same loader with every article its own story: the reference, so load_s reads as a ratio;
 *   - grouping alone: a fresh StoryGrouper over the same parsed articles, nothing else;
 *   - the whole build from files, as `serve` does without a snapshot: read → parse → group → index
 *     (a Newsroom fed by the loader). `build_articles_per_s` counts parsing, unlike a build rate
 *     measured from articles already parsed in memory.
 * Prints one JSON object (compact with --json, indented otherwise).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Article, ParsedArticle } from '../src/corpus/article.js';
import { loadArticles } from '../src/corpus/load.js';
import { StoryGrouper } from '../src/corpus/stories.js';
import { createLogger } from '../src/logger.js';
import { Newsroom } from '../src/newsroom/newsroom.js';
import { sourceArticlesFound, syntheticArticles, writeCorpusJsonl } from './synthetic-corpus.js';

const RECORDS_PER_FILE = 1000;

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    /** Folder of source articles (default: the BBC articles under ../shared/eval, else the seeds). */
    sources: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const n = Number(values.articles);
const seed = Number(values.seed);
if (!Number.isInteger(n) || n < 1)
  throw new Error(`--articles must be a positive integer, got ${values.articles}`);

const seconds = (ms: number): number => Math.round(ms) / 1000;
const megabytes = (bytes: number): number => Math.round(bytes / 1048576);

async function writeCorpus(dir: string): Promise<number> {
  const articles = syntheticArticles(n, { seed, ...(values.sources ? { sourceDir: values.sources } : {}) });
  let files = 0;
  for (let written = 0; written < n; written += RECORDS_PER_FILE, files++) {
    const batch = function* () {
      for (let k = 0; k < RECORDS_PER_FILE; k++) {
        const next = articles.next();
        if (next.done) return;
        yield next.value;
      }
    };
    await writeCorpusJsonl(join(dir, `synthetic-${String(files).padStart(5, '0')}.jsonl`), batch());
  }
  return files;
}

const dir = await mkdtemp(join(tmpdir(), 'newsbot-bench-load-'));
try {
  const logger = createLogger('warn');

  const generating = performance.now();
  await writeCorpus(dir);
  const generateMs = performance.now() - generating;

  // Reference: the loader alone, every article its own story.
  const reference = await loadArticles(dir, (a) => ({ ...a, storyId: a.id }), { logger, progress: 'off' });

  const parsed: ParsedArticle[] = [];
  const stored: Article[] = [];
  const grouper = new StoryGrouper();
  const totals = await loadArticles(
    dir,
    (a) => {
      parsed.push(a);
      const article = grouper.admit(a);
      if (article !== null) stored.push(article);
      return article;
    },
    { logger, progress: 'off' },
  );
  const memory = process.memoryUsage();

  const read = parsed.length;
  const grouping = performance.now();
  const groupingCpu = process.cpuUsage();
  const alone = new StoryGrouper();
  let duplicates = 0;
  const stories = new Set<string>();
  for (const a of parsed) {
    const { storyId, duplicateOf } = alone.assign(a);
    if (duplicateOf === null) stories.add(storyId);
    else duplicates++;
  }
  const groupMs = performance.now() - grouping;
  const groupCpu = process.cpuUsage(groupingCpu);
  parsed.length = 0;

  // The whole build from the files: read, parse, group and index.
  const room = new Newsroom();
  const build = await loadArticles(dir, (a) => room.add(a), { logger, progress: 'off' });
  if (room.size !== totals.articles) throw new Error('the build stored a different number of articles');

  const result = {
    articles: totals.articles,
    files: totals.files,
    stories: totals.stories,
    duplicates,
    largest_story: largestStory(stored),
    load_s: totals.seconds,
    reference_load_s: reference.seconds,
    group_s: seconds(groupMs),
    /** CPU time of grouping alone: the figure to compare when other processes share the cores. */
    group_cpu_s: seconds((groupCpu.user + groupCpu.system) / 1000),
    articles_per_s: Math.round(read / totals.seconds),
    group_articles_per_s: Math.round(read / (groupMs / 1000)),
    build_s: build.seconds,
    build_articles_per_s: Math.round(read / build.seconds),
    generate_s: seconds(generateMs),
    heap_mb: megabytes(memory.heapUsed),
    rss_mb: megabytes(memory.rss),
    problems: totals.problems.length,
    sources: values.sources ?? sourceArticlesFound(),
    node: process.version,
  };
  if (stories.size !== totals.stories) throw new Error('grouping alone disagrees with grouping during load');
  console.log(values.json ? JSON.stringify(result) : JSON.stringify(result, null, 2));
} finally {
  await rm(dir, { recursive: true, force: true });
}

function largestStory(articles: readonly Article[]): number {
  const sizes = new Map<string, number>();
  let largest = 0;
  for (const a of articles) {
    const size = (sizes.get(a.storyId) ?? 0) + 1;
    sizes.set(a.storyId, size);
    largest = Math.max(largest, size);
  }
  return largest;
}
