import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import { type Article, publishedTime } from '../corpus/article.js';
import { analyze, foldWord, phraseTerms, termOf, tokenize } from './analyzer.js';
import { DocTable, grow, Interner } from './doc-table.js';
import { internalsOf, type MiniSearchInternals, type TermData } from './minisearch-internals.js';
import { sourceKey } from './query.js';
import {
  containsRun,
  coordinationFactor,
  DEFAULT_RECENCY,
  editDistance,
  type RecencyOptions,
  recencyFactor,
  type StoryHit,
} from './ranking.js';

/** What the index is asked: analyzed terms and filters (see search/query.ts). */
export interface IndexQuery {
  terms: readonly string[];
  phrases: readonly (readonly string[])[];
  excludedTerms: readonly string[];
  sinceMs: number | null;
  sources: readonly string[];
}

export interface NewsIndexOptions {
  /** Field weights: a word in the title counts more than one in the lead, which beats the body. */
  boosts: { title: number; lead: number; body: number };
  /** BM25 parameters (minisearch's `k`, `b`, `d`). */
  bm25: { k: number; b: number; d: number };
  /** Preference for fresh articles; null for none (archives, evaluation). */
  recency: RecencyOptions | null;
  /** 0 ranks partial matches by BM25 alone; higher values favour articles that match every term. */
  coordination: number;
  /** The lead is the first paragraphs up to about this many characters. */
  leadChars: number;
  /** Body text indexed per article: enough to find an article by its content, bounded for memory. */
  maxBodyChars: number;
}

/**
 * Defaults chosen on the TIME collection (bench/eval-relevance.ts) within what suits news: saturating
 * term frequency (k 2), length normalisation (b 0.8), no per-field floor (d 0), a moderate all-terms
 * bonus, and title > lead > body.
 */
export const DEFAULT_INDEX_OPTIONS: NewsIndexOptions = {
  boosts: { title: 1.5, lead: 1.2, body: 1 },
  bm25: { k: 2, b: 0.8, d: 0 },
  recency: DEFAULT_RECENCY,
  coordination: 0.5,
  leadChars: 400,
  maxBodyChars: 6000,
};

/** Below this many matching articles a search is retried with typo tolerance. */
const FEW_HITS = 3;
/**
 * Phrases are checked against the text of at most this many best candidates (holding all the
 * phrase's words): enough for several pages, and a bound on the cost. `total` then counts the
 * phrase matches among them.
 */
const MAX_PHRASE_CHECKS = 100;
/** Typos are looked for only in words this long: short words have too many neighbours. */
const MIN_FUZZY_LENGTH = 5;

const FIELDS = ['title', 'lead', 'body'] as const;
type Field = (typeof FIELDS)[number];

/**
 * The indexed text of an article in three weighted fields: the title; the lead (the opening
 * paragraphs, until they reach `leadChars`); and the body that follows, bounded by `maxBodyChars`.
 */
export function articleFields(article: Article, options: NewsIndexOptions): Record<Field, string> {
  let lead = '';
  let i = 0;
  for (; i < article.paragraphs.length && lead.length < options.leadChars; i++) {
    lead += `${article.paragraphs[i]}\n`;
  }
  let body = '';
  for (; i < article.paragraphs.length && body.length < options.maxBodyChars; i++) {
    body += `${article.paragraphs[i]}\n`;
  }
  if (body.length > options.maxBodyChars) {
    const cut = body.lastIndexOf(' ', options.maxBodyChars);
    body = body.slice(0, cut > 0 ? cut : options.maxBodyChars);
  }
  return { title: article.title, lead, body };
}

/** In queries of three or more words, words found in more than this share of articles only re-score. */
const COMMON_SHARE = 0.05;
/** ...and in more than this many: small collections are fast anyway and keep every partial match. */
const COMMON_MIN_ARTICLES = 2000;

/** Weight of a typo match relative to an exact one (minisearch's own default). */
const FUZZY_WEIGHT = 0.45;

function fuzzyDistance(term: string): number {
  if (term.length < MIN_FUZZY_LENGTH || /\p{N}/u.test(term)) return 0;
  return term.length >= 8 ? 2 : 1;
}

const SERIAL_VERSION = 2;

/** A saved index: its options, and minisearch's own serialisation. */
export interface NewsIndexSnapshot {
  version: number;
  options: NewsIndexOptions;
  minisearch: AsPlainObject;
}

/** One page of story results, and how many stories and articles matched in all. */
export interface SearchPage {
  total: number;
  articles: number;
  stories: StoryHit[];
  /** True when only typo-tolerant matching found these (the exact words found too few). */
  fuzzy: boolean;
}

/**
 * The full-text index of the live articles: BM25 over title, lead and body, with field boosts, a
 * gentle recency preference, an all-terms bonus, phrases, exclusions and filters, one result per
 * story. Articles are added, replaced and removed one at a time, without a rebuild.
 *
 * Minisearch maintains the inverted index (and its serialisation); scoring reads its postings
 * directly into typed arrays (see minisearch-internals.ts), so that a query costs one pass over the
 * postings of its terms and no per-document objects.
 */
export class NewsIndex {
  readonly options: NewsIndexOptions;
  readonly #articles = new Map<string, Article>();
  readonly #docs = new DocTable(FIELDS.length);
  readonly #sources = new Interner();
  readonly #stories = new Interner();
  /** Story number → short ids of its live articles. */
  readonly #members: number[][] = [];
  #minisearch: MiniSearch<Article>;
  #internals: MiniSearchInternals;
  /** Field id (minisearch's) → our field position, and its boost. */
  #fieldSlot: number[] = [];
  #fieldBoost: number[] = [];
  /** Article ids newest first (undated last), rebuilt on demand after a change. */
  #newest: string[] | null = null;
  // Scratch space for one search, reused: a stamp tells whether a slot belongs to the current search.
  #epoch = 0;
  #stamp = new Uint32Array(0);
  #kept = new Uint32Array(0);
  #excluded = new Uint32Array(0);
  #score = new Float64Array(0);
  #mask = new Uint32Array(0);
  #storyStamp = new Uint32Array(0);
  #storyScore = new Float64Array(0);
  #storyBest = new Int32Array(0);

  constructor(options: Partial<NewsIndexOptions> = {}, minisearch?: MiniSearch<Article>) {
    this.options = { ...DEFAULT_INDEX_OPTIONS, ...options };
    this.#minisearch = minisearch ?? new MiniSearch<Article>(this.#minisearchOptions());
    this.#internals = this.#bind(this.#minisearch);
  }

  #bind(minisearch: MiniSearch<Article>): MiniSearchInternals {
    const internals = internalsOf(minisearch as MiniSearch<unknown>);
    this.#fieldSlot = [];
    this.#fieldBoost = [];
    FIELDS.forEach((field, slot) => {
      const id = internals.fieldId(field);
      this.#fieldSlot[id] = slot;
      this.#fieldBoost[id] = this.options.boosts[field];
    });
    return internals;
  }

  #minisearchOptions(): Options<Article> {
    let lastArticle: Article | null = null;
    let lastFields: Record<Field, string> = { title: '', lead: '', body: '' };
    return {
      fields: [...FIELDS],
      storeFields: [],
      extractField: (article, field) => {
        if (field === 'id') return article.id;
        // minisearch asks field by field: split the article once.
        if (article !== lastArticle) {
          lastArticle = article;
          lastFields = articleFields(article, this.options);
        }
        return lastFields[field as Field];
      },
      tokenize: analyze,
      processTerm: (term) => term,
    };
  }

  get size(): number {
    return this.#articles.size;
  }

  has(id: string): boolean {
    return this.#articles.has(id);
  }

  article(id: string): Article | undefined {
    return this.#articles.get(id);
  }

  articles(): IterableIterator<Article> {
    return this.#articles.values();
  }

  /** Ids of the live articles of a story, in the order they were added. */
  storyArticles(storyId: string): string[] {
    const story = this.#stories.find(storyId);
    const members = story === undefined ? [] : (this.#members[story] ?? []);
    return members.map((doc) => this.#docs.ids[doc] ?? '').filter(Boolean);
  }

  /** Adds an article, or replaces the one with the same id. */
  add(article: Article): void {
    if (this.#articles.has(article.id)) this.remove(article.id);
    this.#minisearch.add(article);
    this.#register(article);
  }

  /** Records an article minisearch already holds in the per-document arrays. */
  #register(article: Article): void {
    const shortId = this.#internals.shortIdOf(article.id);
    if (shortId === undefined) throw new Error(`article ${article.id} is not in the index`);
    const docs = this.#docs;
    docs.ensure(shortId);
    docs.ids[shortId] = article.id;
    docs.alive[shortId] = 1;
    docs.published[shortId] = publishedTime(article) ?? Number.NaN;
    docs.source[shortId] = this.#sources.idOf(sourceKey(article.source ?? ''));
    const story = this.#stories.idOf(article.storyId);
    docs.story[shortId] = story;
    const members = this.#members[story];
    if (members) members.push(shortId);
    else this.#members[story] = [shortId];
    const lengths = this.#internals.fieldLengths(shortId) ?? [];
    lengths.forEach((length, fieldId) => {
      const slot = this.#fieldSlot[fieldId];
      const column = slot === undefined ? undefined : docs.fieldLength[slot];
      if (column) column[shortId] = length;
    });
    this.#articles.set(article.id, article);
    this.#newest = null;
  }

  remove(id: string): boolean {
    const article = this.#articles.get(id);
    const shortId = this.#internals.shortIdOf(id);
    if (article === undefined || shortId === undefined) return false;
    this.#articles.delete(id);
    this.#docs.alive[shortId] = 0;
    this.#docs.ids[shortId] = undefined;
    const story = this.#docs.story[shortId] ?? 0;
    this.#members[story] = (this.#members[story] ?? []).filter((m) => m !== shortId);
    // discard() removes lazily (vacuumed in the background): no need to re-read the article's text.
    this.#minisearch.discard(id);
    this.#newest = null;
    return true;
  }

  /** Matching stories, best first: the page [offset, offset + limit) and the totals. */
  search(query: IndexQuery, nowMs: number, page: { offset: number; limit: number }): SearchPage {
    if (query.terms.length === 0) return { total: 0, articles: 0, stories: [], fuzzy: false };
    const exact = this.#run(query, nowMs, page, false);
    if (exact.articles >= FEW_HITS || !query.terms.some((t) => fuzzyDistance(t) > 0)) return exact;
    const fuzzy = this.#run(query, nowMs, page, true);
    return fuzzy.articles > exact.articles ? { ...fuzzy, fuzzy: true } : exact;
  }

  #run(
    query: IndexQuery,
    nowMs: number,
    page: { offset: number; limit: number },
    fuzzy: boolean,
  ): SearchPage {
    this.#prepareScratch();
    const epoch = ++this.#epoch;
    const touched: number[] = [];
    const termData = query.terms.map((term) => this.#internals.termData(term));
    const common = this.#commonTerms(termData);
    query.terms.forEach((term, i) => {
      const bit = 1 << i;
      const exact = termData[i];
      if (exact && !common[i]) this.#accumulate(exact, 1, bit, epoch, touched);
      const distance = fuzzy ? fuzzyDistance(term) : 0;
      if (distance === 0) return;
      for (const [close, [data]] of this.#internals.closeTerms(term, distance)) {
        if (close !== term) this.#accumulate(data, FUZZY_WEIGHT, bit, epoch, touched);
      }
    });
    const candidates = touched.length;
    termData.forEach((data, i) => {
      if (data && common[i]) this.#accumulateOnCandidates(data, 1 << i, epoch, touched, candidates);
    });
    for (const term of query.excludedTerms) this.#markExcluded(term, epoch);
    const kept = this.#keep(query, nowMs, epoch, touched);
    return this.#collapse(kept, epoch, page);
  }

  #prepareScratch(): void {
    const capacity = this.#docs.capacity;
    if (this.#stamp.length < capacity) {
      this.#stamp = grow(this.#stamp, capacity);
      this.#kept = grow(this.#kept, capacity);
      this.#excluded = grow(this.#excluded, capacity);
      this.#score = grow(this.#score, capacity);
      this.#mask = grow(this.#mask, capacity);
    }
    if (this.#storyStamp.length < this.#stories.size) {
      const stories = Math.max(1024, this.#stories.size * 2);
      this.#storyStamp = grow(this.#storyStamp, stories);
      this.#storyScore = grow(this.#storyScore, stories);
      this.#storyBest = grow(this.#storyBest, stories);
    }
  }

  /** Adds one term's BM25 contribution, per field, to every live article holding it. */
  #accumulate(data: TermData, weight: number, bit: number, epoch: number, touched: number[]): void {
    const { k, b, d } = this.options.bm25;
    const documents = this.#internals.documentCount;
    const { alive, fieldLength } = this.#docs;
    const stamp = this.#stamp;
    const score = this.#score;
    const mask = this.#mask;
    for (const [fieldId, postings] of data) {
      const boost = this.#fieldBoost[fieldId];
      const lengths = fieldLength[this.#fieldSlot[fieldId] ?? -1];
      if (!boost || lengths === undefined) continue;
      const df = postings.size;
      const idf = Math.log(1 + (documents - df + 0.5) / (df + 0.5));
      const average = this.#internals.averageFieldLength(fieldId) || 1;
      const w = weight * boost * idf;
      for (const [doc, tf] of postings) {
        if (alive[doc] !== 1) continue;
        const norm = k * (1 - b + (b * (lengths[doc] ?? 0)) / average);
        const s = w * (d + (tf * (k + 1)) / (tf + norm));
        if (stamp[doc] !== epoch) {
          stamp[doc] = epoch;
          score[doc] = s;
          mask[doc] = bit;
          touched.push(doc);
        } else {
          score[doc] = (score[doc] ?? 0) + s;
          mask[doc] = (mask[doc] ?? 0) | bit;
        }
      }
    }
  }

  /**
   * Which terms of a longer query are so common (in more than COMMON_SHARE of a large corpus) that they only
   * adjust the scores of articles the rarer terms found, instead of bringing in every article that
   * mentions them: their low IDF barely ranks, but their long postings cost the most time.
   */
  #commonTerms(termData: readonly (TermData | undefined)[]): boolean[] {
    const threshold = Math.max(COMMON_MIN_ARTICLES, COMMON_SHARE * this.#internals.documentCount);
    const common = termData.map((data) => {
      let df = 0;
      for (const postings of data?.values() ?? []) df = Math.max(df, postings.size);
      return df > threshold;
    });
    const rare = common.filter((c, i) => !c && termData[i] !== undefined).length;
    return termData.length >= 3 && rare > 0 ? common : common.map(() => false);
  }

  /** A common term's BM25 contribution, added only to the first `candidates` touched articles. */
  #accumulateOnCandidates(
    data: TermData,
    bit: number,
    epoch: number,
    touched: readonly number[],
    candidates: number,
  ): void {
    const { k, b, d } = this.options.bm25;
    const documents = this.#internals.documentCount;
    const { fieldLength } = this.#docs;
    for (const [fieldId, postings] of data) {
      const boost = this.#fieldBoost[fieldId];
      const lengths = fieldLength[this.#fieldSlot[fieldId] ?? -1];
      if (!boost || lengths === undefined) continue;
      const df = postings.size;
      const w = boost * Math.log(1 + (documents - df + 0.5) / (df + 0.5));
      const average = this.#internals.averageFieldLength(fieldId) || 1;
      for (let c = 0; c < candidates; c++) {
        const doc = touched[c] ?? 0;
        const tf = postings.get(doc);
        if (tf === undefined || this.#stamp[doc] !== epoch) continue;
        const norm = k * (1 - b + (b * (lengths[doc] ?? 0)) / average);
        this.#score[doc] = (this.#score[doc] ?? 0) + w * (d + (tf * (k + 1)) / (tf + norm));
        this.#mask[doc] = (this.#mask[doc] ?? 0) | bit;
      }
    }
  }

  #markExcluded(term: string, epoch: number): void {
    for (const postings of this.#internals.termData(term)?.values() ?? []) {
      for (const doc of postings.keys()) this.#excluded[doc] = epoch;
    }
  }

  /** Applies exclusions, filters and phrases; turns BM25 sums into final scores. */
  #keep(query: IndexQuery, nowMs: number, epoch: number, touched: readonly number[]): number[] {
    const { published, source } = this.#docs;
    const allowedSources = this.#allowedSources(query.sources);
    const phraseMask = this.#phraseMask(query);
    const n = query.terms.length;
    const kept: number[] = [];
    for (const doc of touched) {
      if (this.#excluded[doc] === epoch) continue;
      const time = published[doc] ?? Number.NaN;
      if (query.sinceMs !== null && !(time >= query.sinceMs)) continue;
      if (allowedSources !== null && allowedSources[source[doc] ?? -1] !== 1) continue;
      const mask = this.#mask[doc] ?? 0;
      if ((mask & phraseMask) !== phraseMask) continue;
      const coordination = coordinationFactor(popcount(mask), n, this.options.coordination);
      const recency = recencyFactor(Number.isNaN(time) ? null : time, nowMs, this.options.recency);
      this.#score[doc] = (this.#score[doc] ?? 0) * coordination * recency;
      kept.push(doc);
    }
    if (query.phrases.length === 0) return kept;
    // Adjacency needs the text: check the best candidates only.
    const best = topK(kept, MAX_PHRASE_CHECKS, (doc) => this.#score[doc] ?? 0);
    return best.filter((doc) => this.#hasPhrases(doc, query.phrases));
  }

  #phraseMask(query: IndexQuery): number {
    let mask = 0;
    for (const phrase of query.phrases) {
      for (const term of phrase) {
        const i = query.terms.indexOf(term);
        if (i >= 0) mask |= 1 << i;
      }
    }
    return mask;
  }

  /** For each interned outlet, 1 if a source: filter accepts it; null when there is no filter. */
  #allowedSources(filters: readonly string[]): Uint8Array | null {
    if (filters.length === 0) return null;
    const allowed = new Uint8Array(this.#sources.size);
    this.#sources.values.forEach((key, id) => {
      if (filters.some((f) => ` ${key} `.includes(` ${f} `))) allowed[id] = 1;
    });
    return allowed;
  }

  #hasPhrases(doc: number, phrases: IndexQuery['phrases']): boolean {
    const id = this.#docs.ids[doc];
    const article = id === undefined ? undefined : this.#articles.get(id);
    if (article === undefined) return false;
    const fields = articleFields(article, this.options);
    let pending = phrases;
    // Field by field, title first: most phrase matches are found before the long body is read.
    for (const field of FIELDS) {
      const terms = phraseTerms(fields[field]);
      pending = pending.filter((p) => !containsRun(terms, p));
      if (pending.length === 0) return true;
    }
    return false;
  }

  /** One result per story (its best article), the page of the best stories, and the totals. */
  #collapse(kept: readonly number[], epoch: number, page: { offset: number; limit: number }): SearchPage {
    const { story } = this.#docs;
    const storyStamp = this.#storyStamp;
    const storyScore = this.#storyScore;
    const storyBest = this.#storyBest;
    const stories: number[] = [];
    for (const doc of kept) {
      this.#kept[doc] = epoch;
      const s = story[doc] ?? 0;
      const score = this.#score[doc] ?? 0;
      if (storyStamp[s] !== epoch) {
        storyStamp[s] = epoch;
        storyScore[s] = score;
        storyBest[s] = doc;
        stories.push(s);
      } else if (score > (storyScore[s] ?? 0)) {
        storyScore[s] = score;
        storyBest[s] = doc;
      }
    }
    const top = topK(stories, page.offset + page.limit, (s) => storyScore[s] ?? 0);
    return {
      total: stories.length,
      articles: kept.length,
      stories: top.slice(page.offset).map((s) => this.#storyHit(s, epoch)),
      fuzzy: false,
    };
  }

  #storyHit(story: number, epoch: number): StoryHit {
    const matched = (this.#members[story] ?? []).filter((doc) => this.#kept[doc] === epoch);
    matched.sort((a, b) => (this.#score[b] ?? 0) - (this.#score[a] ?? 0));
    return {
      storyId: this.#stories.values[story] ?? '',
      articleIds: matched.map((doc) => this.#docs.ids[doc] ?? ''),
      score: this.#storyScore[story] ?? 0,
    };
  }

  /** Article ids newest first (undated last); with a query, only those its filters and exclusions let through. */
  newestFirst(query?: IndexQuery): string[] {
    if (this.#newest === null) {
      // Undated articles sort as the oldest possible (a finite floor keeps the comparison a number).
      const dated = [...this.#articles.keys()].map((id) => {
        const time = this.#docs.published[this.#internals.shortIdOf(id) ?? -1] ?? Number.NaN;
        return { id, time: Number.isNaN(time) ? -8.64e15 : time };
      });
      this.#newest = dated.sort((a, b) => b.time - a.time).map((d) => d.id);
    }
    if (query === undefined) return this.#newest;
    const epoch = ++this.#epoch;
    this.#prepareScratch();
    for (const term of query.excludedTerms) this.#markExcluded(term, epoch);
    const allowedSources = this.#allowedSources(query.sources);
    return this.#newest.filter((id) => {
      const doc = this.#internals.shortIdOf(id) ?? -1;
      const time = this.#docs.published[doc] ?? Number.NaN;
      if (this.#excluded[doc] === epoch) return false;
      if (query.sinceMs !== null && !(time >= query.sinceMs)) return false;
      return allowedSources === null || allowedSources[this.#docs.source[doc] ?? -1] === 1;
    });
  }

  /** Number of live articles containing the term (0 when it is not in the vocabulary). */
  articleCount(term: string): number {
    return this.#liveDocs(this.#internals.termData(term)).size;
  }

  #liveDocs(data: TermData | undefined): Set<number> {
    const docs = new Set<number>();
    for (const postings of data?.values() ?? []) {
      for (const doc of postings.keys()) if (this.#docs.alive[doc] === 1) docs.add(doc);
    }
    return docs;
  }

  /** Index terms within typo distance of `term`, most likely first, each with an article holding it. */
  closeTerms(term: string, limit = 3): { term: string; articles: number; exampleId: string }[] {
    const maxDistance = term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0;
    if (maxDistance === 0) return [];
    const found: { term: string; articles: number; exampleId: string; distance: number }[] = [];
    for (const [close, [data]] of this.#internals.closeTerms(term, maxDistance)) {
      if (close === term) continue;
      const docs = this.#liveDocs(data);
      const [first] = docs;
      const exampleId = first === undefined ? undefined : this.#docs.ids[first];
      if (exampleId === undefined) continue;
      found.push({ term: close, articles: docs.size, exampleId, distance: editDistance(term, close) });
    }
    return found
      .sort((a, b) => a.distance - b.distance || b.articles - a.articles || a.term.localeCompare(b.term))
      .slice(0, limit)
      .map(({ term: t, articles, exampleId }) => ({ term: t, articles, exampleId }));
  }

  /** A readable word of `exampleId`'s text whose index term is `term` (index terms are stems). */
  surfaceWord(term: string, exampleId: string): string {
    const article = this.#articles.get(exampleId);
    if (article === undefined) return term;
    for (const text of [article.title, ...article.paragraphs]) {
      for (const token of tokenize(text)) {
        if (termOf(token.word) === term) return foldWord(token.word).replace(/'s$/, '');
      }
    }
    return term;
  }

  toJSON(): NewsIndexSnapshot {
    return { version: SERIAL_VERSION, options: this.options, minisearch: this.#minisearch.toJSON() };
  }

  /**
   * Rebuilds an index from a snapshot and the same articles, without re-analysing any text.
   * Returns null if the snapshot was made by another version or does not match the articles.
   */
  static fromSnapshot(snapshot: NewsIndexSnapshot, articles: Iterable<Article>): NewsIndex | null {
    if (snapshot.version !== SERIAL_VERSION) return null;
    const index = new NewsIndex(snapshot.options);
    index.#minisearch = MiniSearch.loadJS(snapshot.minisearch, index.#minisearchOptions());
    index.#internals = index.#bind(index.#minisearch);
    for (const article of articles) {
      if (index.#internals.shortIdOf(article.id) === undefined) return null;
      index.#register(article);
    }
    if (index.#articles.size !== index.#minisearch.documentCount) return null;
    return index;
  }
}

function popcount(mask: number): number {
  let m = mask - ((mask >>> 1) & 0x55555555);
  m = (m & 0x33333333) + ((m >>> 2) & 0x33333333);
  return (((m + (m >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** The k items with the highest keys, best first, in one pass (k is a page, the items may be many). */
function topK(items: readonly number[], k: number, key: (item: number) => number): number[] {
  const top: number[] = [];
  const keys: number[] = [];
  if (k <= 0) return top;
  for (const item of items) {
    const value = key(item);
    if (top.length === k && value <= (keys[k - 1] ?? Number.NEGATIVE_INFINITY)) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((keys[mid] ?? 0) >= value) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, item);
    keys.splice(lo, 0, value);
    if (top.length > k) {
      top.pop();
      keys.pop();
    }
  }
  return top;
}
