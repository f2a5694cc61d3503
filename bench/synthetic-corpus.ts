/**
 * A deterministic synthetic news corpus for benchmarks: N articles, topic-coherent like real news.
 *
 * Each article derives mostly from one real source article (the BBC News Summary articles when
 * ../shared/eval is present, else the bundled data/articles seeds): some sentences are dropped,
 * neighbours swapped, numbers and a few words changed, and a sentence or two from another article
 * of the same category mixed in. It gets a headline derived from the source's, one of 20 outlets, a
 * date in the 90 days before a fixed reference date, an https url on the outlet's domain and a
 * stable id. About 5% are syndicated near-copies of a recent synthetic article from another outlet.
 * Everything is drawn from one seeded PRNG (mulberry32), so (n, seed, sources) give the same
 * articles on every machine.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ParsedArticle } from '../src/corpus/article.js';

export interface SyntheticArticle {
  id: string;
  title: string;
  /** Paragraphs separated by blank lines. */
  body: string;
  source: string;
  url: string;
  /** ISO 8601 UTC timestamp. */
  published: string;
  category: string;
}

/** A synthetic article as the corpus layer would have parsed it (record `index` is 0-based). */
export function toParsedArticle(a: SyntheticArticle, index: number): ParsedArticle {
  return {
    id: a.id,
    title: a.title,
    paragraphs: a.body.split(/\n\s*\n/).filter((p) => p.trim() !== ''),
    published: a.published,
    source: a.source,
    url: a.url,
    credit: null,
    origin: `synthetic.jsonl#${index + 1}`,
  };
}

export interface CorpusOptions {
  seed?: number;
  /** Folder of source articles: category sub-folders of .txt files, or flat .txt files. */
  sourceDir?: string;
  /** The newest possible publication time (ISO); articles spread over the 90 days before it. */
  referenceDate?: string;
}

const BBC_DIR = fileURLToPath(
  new URL('../../shared/eval/bbc-news-summary/BBC News Summary/News Articles', import.meta.url),
);
const SEED_DIR = fileURLToPath(new URL('../data/articles', import.meta.url));
const DEFAULT_REFERENCE_DATE = '2025-09-10T00:00:00.000Z';
const DAY_MS = 86_400_000;
const SYNDICATED_SHARE = 0.05;
/** How far back a syndicated copy may reach for its original. */
const RECENT_WINDOW = 512;

const OUTLETS: readonly [name: string, domain: string][] = [
  ['Daily Ledger', 'dailyledger.example.com'],
  ['The Morning Post', 'morningpost.example.com'],
  ['Harbour City Herald', 'harbourherald.example.com'],
  ['National Courier', 'nationalcourier.example.com'],
  ['The Evening Standard Times', 'eveningtimes.example.com'],
  ['Metro Wire', 'metrowire.example.com'],
  ['Coastal Gazette', 'coastalgazette.example.com'],
  ['The Capital Review', 'capitalreview.example.com'],
  ['Northern Echo Online', 'northernecho.example.com'],
  ['Westside Chronicle', 'westsidechronicle.example.com'],
  ['Business Daily', 'businessdaily.example.com'],
  ['Sport Central', 'sportcentral.example.com'],
  ['Tech Observer', 'techobserver.example.com'],
  ['The Arts Desk', 'artsdesk.example.com'],
  ['Pacific Times', 'pacifictimes.example.com'],
  ['Valley Independent', 'valleyindependent.example.com'],
  ['The Weekly Examiner', 'weeklyexaminer.example.com'],
  ['City Beat News', 'citybeat.example.com'],
  ['Regional Press Agency', 'regionalpress.example.com'],
  ['Global Dispatch', 'globaldispatch.example.com'],
];

const HEADLINE_FORMS: readonly ((title: string) => string)[] = [
  (t) => t,
  (t) => t,
  (t) => t,
  (t) => `${t}: what we know`,
  (t) => `Update: ${t}`,
  (t) => `${t}, report says`,
  (t) => `Analysis: ${t}`,
  (t) => `${t} - live`,
];

/** Light word edits an editor might make; applied to a few sentences only. */
const WORD_SWAPS: readonly [RegExp, string][] = [
  [/\bsaid\b/, 'told reporters'],
  [/\bhowever\b/i, 'but'],
  [/\balso\b/, 'additionally'],
  [/\bbig\b/, 'large'],
  [/\bbegan\b/, 'started'],
  [/\bshowed\b/, 'revealed'],
  [/\bannounced\b/, 'unveiled'],
  [/\bmore than\b/, 'over'],
];

const NAME_POOL = [
  'Smith',
  'Nguyen',
  'Patel',
  'Okafor',
  'Rossi',
  'Kowalski',
  'Haddad',
  'Tanaka',
  'Silva',
  'Murray',
];

interface SourceArticle {
  title: string;
  sentences: string[];
  category: string;
}

/** mulberry32: a tiny, fast, well-mixed 32-bit PRNG; the same sequence on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Which folder the source articles come from when none is given. */
export function sourceArticlesFound(): string {
  return existsSync(BBC_DIR) ? BBC_DIR : SEED_DIR;
}

function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?]["”’]?)\s+(?=["“‘]?[A-Z0-9])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function readSource(file: string, category: string): SourceArticle | null {
  const lines = readFileSync(file, 'latin1')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const [title, ...body] = lines;
  const sentences = body.flatMap(splitSentences);
  return title && sentences.length >= 3 ? { title, sentences, category } : null;
}

/** Source articles in a fixed order: category folders (or the folder itself), then file names. */
function loadSources(dir: string): SourceArticle[] {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  const folders = entries.filter((e) => e.isDirectory());
  const groups = folders.length
    ? folders.map((f) => ({ category: f.name, dir: join(dir, f.name) }))
    : [{ category: 'news', dir }];
  const sources = groups.flatMap(({ category, dir: folder }) =>
    readdirSync(folder)
      .filter((f) => f.endsWith('.txt') || f.endsWith('.md'))
      .sort()
      .map((f) => readSource(join(folder, f), category))
      .filter((s): s is SourceArticle => s !== null),
  );
  if (sources.length === 0) throw new Error(`no source articles in ${dir}`);
  return sources;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
}

/** Changes numbers by up to ±20%, as different outlets' figures and later updates do. */
function perturbNumbers(random: () => number, sentence: string): string {
  return sentence.replace(/\b\d{2,}\b/g, (digits) => {
    if (random() < 0.5) return digits;
    const value = Number(digits);
    return String(Math.max(1, Math.round(value * (0.8 + random() * 0.4))));
  });
}

function editSentence(random: () => number, sentence: string): string {
  let edited = sentence;
  if (random() < 0.3) edited = perturbNumbers(random, edited);
  if (random() < 0.15) {
    const [pattern, replacement] = pick(random, WORD_SWAPS);
    edited = edited.replace(pattern, replacement);
  }
  if (random() < 0.05)
    edited = edited.replace(
      /\b(Mr|Ms|Mrs|Dr) [A-Z][a-z]+/,
      (m) => `${m.split(' ')[0]} ${pick(random, NAME_POOL)}`,
    );
  return edited;
}

function paragraphsOf(random: () => number, sentences: readonly string[]): string {
  const paragraphs: string[] = [];
  for (let i = 0; i < sentences.length; ) {
    const size = 1 + Math.floor(random() * 3);
    paragraphs.push(sentences.slice(i, i + size).join(' '));
    i += size;
  }
  return paragraphs.join('\n\n');
}

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

/**
 * The synthetic articles one at a time (constant memory for any n). One PRNG stream drives
 * everything in order, so the first k articles are the same for every n ≥ k.
 */
export function* syntheticArticles(n: number, options: CorpusOptions = {}): Generator<SyntheticArticle> {
  const seed = options.seed ?? 1;
  const sources = loadSources(options.sourceDir ?? sourceArticlesFound());
  const byCategory = new Map<string, SourceArticle[]>();
  for (const s of sources) {
    const list = byCategory.get(s.category) ?? [];
    list.push(s);
    byCategory.set(s.category, list);
  }
  const newest = Date.parse(options.referenceDate ?? DEFAULT_REFERENCE_DATE);
  const random = mulberry32(seed);
  const recent: SyntheticArticle[] = [];

  for (let i = 0; i < n; i++) {
    const id = `syn-${seed}-${i.toString().padStart(7, '0')}`;
    const [outlet, domain] = pick(random, OUTLETS);
    const original = recent.length > 0 && random() < SYNDICATED_SHARE ? pick(random, recent) : null;
    let article: Omit<SyntheticArticle, 'id' | 'source' | 'url'>;
    if (original) {
      // A syndicated copy: the same text, perhaps a new first paragraph, published a little later.
      const paragraphs = original.body.split('\n\n');
      if (random() < 0.5 && paragraphs.length > 2) paragraphs[0] = editSentence(random, paragraphs[0] ?? '');
      const later = Math.min(newest, Date.parse(original.published) + Math.floor(random() * 2 * DAY_MS));
      article = {
        title: random() < 0.7 ? original.title : `${original.title} (wire)`,
        body: paragraphs.join('\n\n'),
        published: new Date(later).toISOString(),
        category: original.category,
      };
    } else {
      const source = pick(random, sources);
      const kept = source.sentences.filter((_, k) => k === 0 || random() < 0.8);
      for (let k = 1; k + 1 < kept.length; k++) {
        if (random() < 0.15) [kept[k], kept[k + 1]] = [kept[k + 1] ?? '', kept[k] ?? ''];
      }
      const sameCategory = byCategory.get(source.category) ?? sources;
      const mixedIn = 1 + Math.floor(random() * 2);
      for (let m = 0; m < mixedIn; m++) {
        const other = pick(random, sameCategory);
        const at = 1 + Math.floor(random() * kept.length);
        kept.splice(at, 0, pick(random, other.sentences));
      }
      article = {
        title: pick(random, HEADLINE_FORMS)(source.title),
        body: paragraphsOf(
          random,
          kept.map((s) => editSentence(random, s)),
        ),
        published: new Date(newest - Math.floor(random() * 90 * DAY_MS)).toISOString(),
        category: source.category,
      };
    }
    const month = article.published.slice(0, 7).replace('-', '/');
    const full: SyntheticArticle = {
      id,
      ...article,
      source: outlet,
      url: `https://${domain}/${article.category}/${month}/${slug(article.title)}-${i}`,
    };
    recent.push(full);
    if (recent.length > RECENT_WINDOW) recent.shift();
    yield full;
  }
}

/** The first n synthetic articles as an array (see syntheticArticles). */
export function generateCorpus(n: number, options: CorpusOptions = {}): SyntheticArticle[] {
  return [...syntheticArticles(n, options)];
}

/** Writes articles as JSON Lines, one record per line, in the shape the corpus loader reads. */
export async function writeCorpusJsonl(file: string, articles: Iterable<SyntheticArticle>): Promise<void> {
  const handle = await open(file, 'w');
  try {
    let chunk = '';
    for (const a of articles) {
      chunk += `${JSON.stringify(a)}\n`;
      if (chunk.length > 1 << 20) {
        await handle.write(chunk);
        chunk = '';
      }
    }
    if (chunk) await handle.write(chunk);
  } finally {
    await handle.close();
  }
}
