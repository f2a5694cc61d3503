import { type Article, publishedTime } from '../corpus/article.js';
import { outletNames } from '../corpus/outlet.js';
import { foldWord, forEachWord, phraseTerms, termOf, termsOfRaw, tokenize } from './analyzer.js';
import { type Sections, viewAs } from './binary-sections.js';
import { DocTable, grow, Interner } from './doc-table.js';
import { PostingsStore } from './postings.js';
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
import { bm25Idf, DEFAULT_PROXIMITY, type ProximityOptions, proximityBonuses } from './rerank.js';

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
  /** Re-ranking of the best candidates by how close together the query's words occur (rerank.ts). */
  proximity: ProximityOptions;
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
  proximity: DEFAULT_PROXIMITY,
};

/** Distinct words memoised with their term numbers before the memo starts again. */
const WORD_MEMO_LIMIT = 200_000;

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
/** Bits of a posting's frequency word per field: a word seen over 255 times in a title or lead, or 65,535 in a body, counts as that. */
const FIELD_BITS = [8, 8, 16];

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

const SERIAL_VERSION = 3;

/**
 * A saved index: a JSON header (format version, options, the document number of each article) and
 * the postings as binary sections, written and read by snapshot.ts.
 */
export type NewsIndexSnapshot = Sections;

interface SnapshotHeader {
  version: number;
  options: NewsIndexOptions;
  nextDoc: number;
  postings: unknown;
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
 * The inverted index is a PostingsStore (postings.ts): typed arrays per term, with minisearch's
 * SearchableMap as the vocabulary for typo-tolerant lookup. It replaced minisearch's own index, whose
 * Map-per-term-per-field postings cost ~8 KB per article, most of the build time and a slow
 * snapshot; scoring was already reading those postings directly, because minisearch's search()
 * builds an object per matching document. A query costs one pass over the postings of its terms.
 */
export class NewsIndex {
  /** Indexing settings are fixed once articles are in; `setRecency` may change the query-time one. */
  options: NewsIndexOptions;
  readonly #articles = new Map<string, Article>();
  /** Article id → document number. Numbers only grow, so a replaced article gets a new one. */
  readonly #docOf = new Map<string, number>();
  #nextDoc = 0;
  readonly #docs = new DocTable(FIELDS.length);
  #postings: PostingsStore;
  /** Word as written → its term numbers (analysis is most of the cost of adding an article). */
  readonly #wordIds = new Map<string, number | readonly number[]>();
  /** Term numbers of the article being added, per field (reused). */
  readonly #fieldTermIds: number[][] = FIELDS.map(() => []);
  #wordIdsGeneration = 0;
  readonly #sources = new Interner();
  /** Outlet names as written → their number in `#sources`. */
  readonly #sourceIds = new Map<string, number>();
  readonly #stories = new Interner();
  /** Story number → document numbers of its live articles. */
  readonly #members: number[][] = [];
  #fieldBoost: number[];
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

  constructor(options: Partial<NewsIndexOptions> = {}) {
    this.options = { ...DEFAULT_INDEX_OPTIONS, ...options };
    this.#fieldBoost = FIELDS.map((field) => this.options.boosts[field]);
    this.#postings = new PostingsStore(this.#docs, FIELD_BITS);
  }
  /** The recency preference is applied at query time, so it can follow the settings of each start. */
  setRecency(recency: RecencyOptions | null): void {
    this.options = { ...this.options, recency };
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
    const doc = this.#nextDoc++;
    const fields = articleFields(article, this.options);
    if (this.#wordIdsGeneration !== this.#postings.generation || this.#wordIds.size > WORD_MEMO_LIMIT) {
      this.#wordIds.clear();
      this.#wordIdsGeneration = this.#postings.generation;
    }
    FIELDS.forEach((field, f) => {
      this.#termIdsOf(fields[field], this.#fieldTermIds[f] ?? []);
    });
    this.#postings.add(doc, this.#fieldTermIds);
    this.#register(article, doc);
  }

  /**
   * The index terms of a text (as analyze() gives them) as term numbers, into `ids`. Memoised per word
   * as written: a word is mostly one term, stored as its number (no array to follow), -1 for a stopword.
   */
  #termIdsOf(text: string, ids: number[]): void {
    ids.length = 0;
    forEachWord(text, (raw) => {
      let known = this.#wordIds.get(raw);
      if (known === undefined) {
        const terms = termsOfRaw(raw).map((term) => this.#postings.idOf(term));
        known = terms.length === 1 ? (terms[0] ?? -1) : terms.length === 0 ? -1 : terms;
        this.#wordIds.set(raw, known);
      }
      if (typeof known === 'number') {
        if (known >= 0) ids.push(known);
      } else {
        for (const id of known) ids.push(id);
      }
    });
  }

  /**
   * The interned outlet key of an article's outlet names (few outlets, many articles: each set of
   * names is keyed once). Outlet and credit each give their words, kept apart by a separator no
   * filter holds, so `source:abc` finds "ABC/wires" but no filter spans two names.
   */
  #sourceNumber(names: readonly string[]): number {
    const written = names.join('\u0000');
    let id = this.#sourceIds.get(written);
    if (id === undefined) {
      id = this.#sources.idOf(names.map(sourceKey).join(' \u0001 '));
      this.#sourceIds.set(written, id);
    }
    return id;
  }

  /** Records an article the postings already hold in the per-document arrays. */
  #register(article: Article, doc: number): void {
    const docs = this.#docs;
    docs.ensure(doc);
    docs.ids[doc] = article.id;
    docs.published[doc] = publishedTime(article) ?? Number.NaN;
    docs.source[doc] = this.#sourceNumber(outletNames(article));
    const story = this.#stories.idOf(article.storyId);
    docs.story[doc] = story;
    const members = this.#members[story];
    if (members) members.push(doc);
    else this.#members[story] = [doc];
    this.#articles.set(article.id, article);
    this.#docOf.set(article.id, doc);
    this.#newest = null;
  }

  remove(id: string): boolean {
    const doc = this.#docOf.get(id);
    if (doc === undefined) return false;
    this.#articles.delete(id);
    this.#docOf.delete(id);
    this.#postings.remove(doc);
    this.#docs.ids[doc] = undefined;
    const story = this.#docs.story[doc] ?? 0;
    this.#members[story] = (this.#members[story] ?? []).filter((m) => m !== doc);
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
    const termIds = query.terms.map((term) => this.#postings.termId(term));
    const common = this.#commonTerms(termIds);
    query.terms.forEach((term, i) => {
      const bit = 1 << i;
      const exact = termIds[i];
      if (exact !== undefined && !common[i]) this.#accumulate(exact, 1, bit, epoch, touched);
      const distance = fuzzy ? fuzzyDistance(term) : 0;
      if (distance === 0) return;
      for (const [close, [termId]] of this.#postings.closeTerms(term, distance)) {
        if (close !== term) this.#accumulate(termId, FUZZY_WEIGHT, bit, epoch, touched);
      }
    });
    const candidates = touched.length;
    termIds.forEach((termId, i) => {
      if (termId !== undefined && common[i]) {
        this.#accumulateOnCandidates(termId, 1 << i, epoch, touched, candidates);
      }
    });
    for (const term of query.excludedTerms) this.#markExcluded(term, epoch);
    const texts = this.#fieldTexts();
    const kept = this.#keep(query, nowMs, epoch, touched, texts);
    this.#addProximity(query, termIds, kept, texts);
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

  /**
   * Per field of a term: BM25 weight (boost × IDF, times `weight`), where its frequency sits in the
   * packed word, the field's lengths and average length. Fields the term never occurs in are left out.
   */
  #fieldWeights(termId: number, weight: number): FieldWeight[] {
    const store = this.#postings;
    const documents = store.documentCount;
    const weights: FieldWeight[] = [];
    FIELDS.forEach((_, f) => {
      const df = store.fieldDf(termId, f);
      const boost = this.#fieldBoost[f] ?? 0;
      const lengths = this.#docs.fieldLength[f];
      if (df === 0 || boost === 0 || lengths === undefined) return;
      const idf = Math.log(1 + (documents - df + 0.5) / (df + 0.5));
      weights.push({
        w: weight * boost * idf,
        shift: store.shift(f),
        mask: store.mask(f),
        lengths,
        average: store.averageFieldLength(f) || 1,
      });
    });
    return weights;
  }

  /** One posting's BM25 score: the sum over the fields it occurs in. */
  #postingScore(weights: readonly FieldWeight[], doc: number, packed: number): number {
    const { k, b, d } = this.options.bm25;
    let s = 0;
    for (const field of weights) {
      const tf = (packed >>> field.shift) & field.mask;
      if (tf === 0) continue;
      const norm = k * (1 - b + (b * (field.lengths[doc] ?? 0)) / field.average);
      s += field.w * (d + (tf * (k + 1)) / (tf + norm));
    }
    return s;
  }

  /** Adds one term's BM25 contribution to every live article holding it. */
  #accumulate(termId: number, weight: number, bit: number, epoch: number, touched: number[]): void {
    const weights = this.#fieldWeights(termId, weight);
    const end = 2 * this.#postings.count(termId);
    const pairs = this.#postings.pairsOf(termId);
    const alive = this.#docs.alive;
    const stamp = this.#stamp;
    const score = this.#score;
    const mask = this.#mask;
    for (let i = 0; i < end; i += 2) {
      const doc = pairs[i] ?? 0;
      if (alive[doc] !== 1) continue;
      const s = this.#postingScore(weights, doc, pairs[i + 1] ?? 0);
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

  /**
   * Which terms of a longer query are so common (in more than COMMON_SHARE of a large corpus) that they only
   * adjust the scores of articles the rarer terms found, instead of bringing in every article that
   * mentions them: their low IDF barely ranks, but their long postings cost the most time.
   */
  #commonTerms(termIds: readonly (number | undefined)[]): boolean[] {
    const store = this.#postings;
    const threshold = Math.max(COMMON_MIN_ARTICLES, COMMON_SHARE * store.documentCount);
    const common = termIds.map((termId) => {
      let df = 0;
      for (let f = 0; termId !== undefined && f < FIELDS.length; f++)
        df = Math.max(df, store.fieldDf(termId, f));
      return df > threshold;
    });
    const rare = common.filter((c, i) => !c && termIds[i] !== undefined).length;
    return termIds.length >= 3 && rare > 0 ? common : common.map(() => false);
  }

  /**
   * A common term's BM25 contribution, added only to articles already found (the first `candidates`
   * touched): each is looked up in the term's sorted postings when they are few, else the postings
   * are walked once.
   */
  #accumulateOnCandidates(
    termId: number,
    bit: number,
    epoch: number,
    touched: readonly number[],
    candidates: number,
  ): void {
    const weights = this.#fieldWeights(termId, 1);
    const count = this.#postings.count(termId);
    const pairs = this.#postings.pairsOf(termId);
    const add = (doc: number, packed: number): void => {
      this.#score[doc] = (this.#score[doc] ?? 0) + this.#postingScore(weights, doc, packed);
      this.#mask[doc] = (this.#mask[doc] ?? 0) | bit;
    };
    if (candidates * Math.log2(count + 1) < count) {
      for (let c = 0; c < candidates; c++) {
        const doc = touched[c] ?? 0;
        const i = lowerBound(pairs, count, doc);
        if (i < count && pairs[2 * i] === doc) add(doc, pairs[2 * i + 1] ?? 0);
      }
      return;
    }
    const stamp = this.#stamp;
    for (let i = 0; i < 2 * count; i += 2) {
      const doc = pairs[i] ?? 0;
      if (stamp[doc] === epoch) add(doc, pairs[i + 1] ?? 0);
    }
  }

  #markExcluded(term: string, epoch: number): void {
    const termId = this.#postings.termId(term);
    if (termId === undefined) return;
    const pairs = this.#postings.pairsOf(termId);
    const end = 2 * this.#postings.count(termId);
    for (let i = 0; i < end; i += 2) this.#excluded[pairs[i] ?? 0] = epoch;
  }

  /** Applies exclusions, filters and phrases; turns BM25 sums into final scores. */
  #keep(
    query: IndexQuery,
    nowMs: number,
    epoch: number,
    touched: readonly number[],
    texts: FieldTexts,
  ): number[] {
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
    return best.filter((doc) => this.#hasPhrases(doc, query.phrases, texts));
  }

  /**
   * Adds to the best candidates' scores their proximity bonus, read from their indexed text. Only
   * they can gain, so no article outside them could have overtaken one inside.
   */
  #addProximity(
    query: IndexQuery,
    termIds: readonly (number | undefined)[],
    kept: readonly number[],
    texts: FieldTexts,
  ): void {
    const { proximity, bm25 } = this.options;
    if (query.terms.length < 2 || proximity.weight <= 0) return;
    const best = topK(kept, proximity.candidates, (doc) => this.#score[doc] ?? 0);
    const candidateTexts = best.map((doc) => {
      const fields = texts.of(doc);
      return fields === undefined ? '' : `${fields.title}\n${fields.lead}${fields.body}`;
    });
    const weights = termIds.map((termId) => {
      // The field where the term is most common stands for its article count: exact enough, and O(1).
      let df = 0;
      for (let f = 0; termId !== undefined && f < FIELDS.length; f++)
        df = Math.max(df, this.#postings.fieldDf(termId, f));
      return bm25Idf(this.#postings.documentCount, df);
    });
    const bonuses = proximityBonuses(query.terms, weights, candidateTexts, { ...proximity, ...bm25 });
    best.forEach((doc, i) => {
      this.#score[doc] = (this.#score[doc] ?? 0) + (bonuses[i] ?? 0);
    });
  }

  /** The indexed texts of one search's candidates, each built once however often it is read. */
  #fieldTexts(): FieldTexts {
    const built = new Map<number, Record<Field, string> | undefined>();
    return {
      of: (doc) => {
        if (built.has(doc)) return built.get(doc);
        const id = this.#docs.ids[doc];
        const article = id === undefined ? undefined : this.#articles.get(id);
        const fields = article === undefined ? undefined : articleFields(article, this.options);
        built.set(doc, fields);
        return fields;
      },
    };
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

  /**
   * Whether the article's indexed text holds every phrase. A field is read only for the phrases whose
   * terms its postings all hold: a phrase's words are indexed terms of the field it occurs in.
   */
  #hasPhrases(doc: number, phrases: IndexQuery['phrases'], texts: FieldTexts): boolean {
    const possible = phrases.map((phrase) => this.#fieldsHoldingAll(doc, phrase));
    let pending = phrases.map((_, p) => p);
    // Field by field, title first: most phrase matches are found before the long body is read.
    for (let f = 0; f < FIELDS.length && pending.length > 0; f++) {
      const bit = 1 << f;
      if (!pending.some((p) => ((possible[p] ?? 0) & bit) !== 0)) continue;
      const fields = texts.of(doc);
      if (fields === undefined) return false;
      const terms = phraseTerms(fields[FIELDS[f] as Field]);
      pending = pending.filter(
        (p) => ((possible[p] ?? 0) & bit) === 0 || !containsRun(terms, phrases[p] ?? []),
      );
    }
    return pending.length === 0;
  }

  /** Bit f set when field f of the document holds every term of the list (by its postings). */
  #fieldsHoldingAll(doc: number, terms: readonly string[]): number {
    let fields = (1 << FIELDS.length) - 1;
    for (const term of terms) {
      const termId = this.#postings.termId(term);
      if (termId === undefined) return 0;
      const count = this.#postings.count(termId);
      const pairs = this.#postings.pairsOf(termId);
      const i = lowerBound(pairs, count, doc);
      const packed = i < count && pairs[2 * i] === doc ? (pairs[2 * i + 1] ?? 0) : 0;
      FIELDS.forEach((_, f) => {
        if (((packed >>> this.#postings.shift(f)) & this.#postings.mask(f)) === 0) fields &= ~(1 << f);
      });
      if (fields === 0) return 0;
    }
    return fields;
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
        const time = this.#docs.published[this.#docOf.get(id) ?? -1] ?? Number.NaN;
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
      const doc = this.#docOf.get(id) ?? -1;
      const time = this.#docs.published[doc] ?? Number.NaN;
      if (this.#excluded[doc] === epoch) return false;
      if (query.sinceMs !== null && !(time >= query.sinceMs)) return false;
      return allowedSources === null || allowedSources[this.#docs.source[doc] ?? -1] === 1;
    });
  }

  /** Number of live articles containing the term (0 when it is not in the vocabulary). */
  articleCount(term: string): number {
    const termId = this.#postings.termId(term);
    return termId === undefined ? 0 : this.#liveDocs(termId).count;
  }

  /** How many live articles hold a term, and the first of them (-1 for none). */
  #liveDocs(termId: number): { count: number; first: number } {
    const pairs = this.#postings.pairsOf(termId);
    const alive = this.#docs.alive;
    let count = 0;
    let first = -1;
    for (let i = 0; i < 2 * this.#postings.count(termId); i += 2) {
      const doc = pairs[i] ?? 0;
      if (alive[doc] !== 1) continue;
      if (count === 0) first = doc;
      count++;
    }
    return { count, first };
  }

  /** Index terms within typo distance of `term`, most likely first, each with an article holding it. */
  closeTerms(term: string, limit = 3): { term: string; articles: number; exampleId: string }[] {
    const maxDistance = term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0;
    if (maxDistance === 0) return [];
    const found: { term: string; articles: number; exampleId: string; distance: number }[] = [];
    for (const [close, [termId]] of this.#postings.closeTerms(term, maxDistance)) {
      if (close === term) continue;
      const { count, first } = this.#liveDocs(termId);
      const exampleId = this.#docs.ids[first];
      if (exampleId === undefined) continue;
      found.push({ term: close, articles: count, exampleId, distance: editDistance(term, close) });
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

  /** The index as binary sections: the postings, and the document number of each article in order. */
  toSnapshot(): NewsIndexSnapshot {
    const postings = this.#postings.toSections();
    const header: SnapshotHeader = {
      version: SERIAL_VERSION,
      options: this.options,
      nextDoc: this.#nextDoc,
      postings: postings.header,
    };
    const docNumbers = Uint32Array.from(this.#articles.keys(), (id) => this.#docOf.get(id) ?? 0);
    return { header, sections: [docNumbers, ...postings.sections] };
  }

  /**
   * Rebuilds an index from a snapshot and the same articles (in the same order), without analysing
   * any text. Returns null if the snapshot was made by another version or does not match the articles.
   */
  static fromSnapshot(snapshot: NewsIndexSnapshot, articles: Iterable<Article>): NewsIndex | null {
    const header = snapshot.header as SnapshotHeader;
    if (header?.version !== SERIAL_VERSION) return null;
    try {
      const index = new NewsIndex(header.options);
      const [docSection, ...postings] = snapshot.sections;
      index.#postings = PostingsStore.fromSections(index.#docs, {
        header: header.postings,
        sections: postings,
      });
      index.#nextDoc = header.nextDoc;
      const docNumbers = viewAs(docSection, Uint32Array);
      let i = 0;
      for (const article of articles) {
        const doc = docNumbers[i++];
        if (doc === undefined || index.#docs.alive[doc] !== 1 || index.#docOf.has(article.id)) return null;
        index.#register(article, doc);
      }
      const complete = i === docNumbers.length && i === index.#postings.documentCount;
      return complete ? index : null;
    } catch {
      return null;
    }
  }
}

/** An article's indexed text by document number, for one search. */
interface FieldTexts {
  of(doc: number): Record<Field, string> | undefined;
}

/** Per field of one query term, what scoring a posting needs (see #fieldWeights). */
interface FieldWeight {
  w: number;
  shift: number;
  mask: number;
  lengths: Float32Array;
  average: number;
}

/** First pair of the (document, frequencies) pairs [0, count), sorted by document, whose document is ≥ `doc`. */
function lowerBound(pairs: Uint32Array, count: number, doc: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((pairs[2 * mid] ?? 0) < doc) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
