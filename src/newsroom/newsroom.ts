import type { Answer, StoryResult } from '../answer-types.js';
import type { Article, ParsedArticle } from '../corpus/article.js';
import { type LoadTotals, loadArticles } from '../corpus/load.js';
import { outletOf } from '../corpus/outlet.js';
import type { ProgressMode } from '../corpus/progress.js';
import { StoryGrouper } from '../corpus/stories.js';
import { leadFirst } from '../corpus/story-lead.js';
import type { Logger } from '../logger.js';
import { termsOfRaw } from '../search/analyzer.js';
import { NewsIndex, type NewsIndexOptions } from '../search/news-index.js';
import { type ParsedQuery, parseQuery } from '../search/query.js';
import { collapseToStories, type RecencyOptions, type StoryHit } from '../search/ranking.js';
import { loadSnapshot, saveSnapshot } from '../search/snapshot.js';
import { corpusFingerprint } from '../storage/corpus-fingerprint.js';
import { leadPassage, type PassageQuery, queryPassage } from '../summarize/passage.js';

/** The live articles, and for each term asked how many of them hold it. */
export interface DocumentFrequencies {
  articles: number;
  frequencies: number[];
}

export interface AnswerOptions {
  /** First story to return (for "More"). Default 0. */
  offset?: number;
  /** Stories per page. Default 5. */
  limit?: number;
  /** Reference time for recency and relative filters. Default: the newsroom's clock. */
  now?: Date;
}

export interface NewsroomOptions {
  /** Ranking and indexing settings (see search/news-index.ts). */
  index?: Partial<NewsIndexOptions>;
  /** The clock for recency and `since:7d`. Default: the system clock. */
  now?: () => Date;
  /** Preference for fresh stories (null: none); applies to restored snapshots too. Default: the index's. */
  recency?: RecencyOptions | null;
}

export interface OpenOptions {
  dataDir: string;
  stateDir: string;
  logger: Logger;
  progress?: ProgressMode;
  now?: () => Date;
  recency?: RecencyOptions | null;
  /** Called as the folder loads: files read, files in all (not called for a snapshot). */
  onProgress?: (files: number, totalFiles: number) => void;
}

const MAX_SUGGESTIONS = 5;
const MAX_PAGE = 50;

/**
 * The live set of articles with their index: what every surface (Slack, console, CLI, digest)
 * asks. Articles can be added and removed while the bot runs.
 */
export class Newsroom {
  readonly #index: NewsIndex;
  readonly #grouper: StoryGrouper;
  readonly #now: () => Date;
  /** Articles per story, to count stories as articles come and go. */
  readonly #storySizes = new Map<string, number>();

  constructor(options: NewsroomOptions = {}, restored?: { index: NewsIndex; grouper: StoryGrouper }) {
    this.#index = restored?.index ?? new NewsIndex(options.index);
    this.#grouper = restored?.grouper ?? new StoryGrouper();
    this.#now = options.now ?? (() => new Date());
    if (options.recency !== undefined) this.#index.setRecency(options.recency);
    for (const article of this.#index.articles()) this.#countStory(article.storyId, 1);
  }

  #countStory(storyId: string, change: 1 | -1): void {
    const size = (this.#storySizes.get(storyId) ?? 0) + change;
    if (size > 0) this.#storySizes.set(storyId, size);
    else this.#storySizes.delete(storyId);
  }

  static fromArticles(articles: Iterable<ParsedArticle>, options: NewsroomOptions = {}): Newsroom {
    const room = new Newsroom(options);
    for (const a of articles) room.add(a);
    return room;
  }

  /**
   * Loads the corpus folder, or the snapshot under `stateDir` when the folder has not changed since
   * it was saved (a changed folder is detected by its fingerprint and loaded again, then saved).
   */
  static async open(
    options: OpenOptions,
  ): Promise<{ newsroom: Newsroom; totals: LoadTotals; fromSnapshot: boolean }> {
    const { dataDir, stateDir, logger, progress, now, recency, onProgress } = options;
    const log = logger.child({ component: 'newsroom' });
    const fingerprint = await corpusFingerprint(dataDir).catch(() => null);
    if (fingerprint !== null) {
      const started = performance.now();
      const restored = await Newsroom.restore(stateDir, fingerprint, { now, recency });
      if (restored !== null) {
        const seconds = Math.round(performance.now() - started) / 1000;
        log.info({ articles: restored.newsroom.size, seconds }, `loaded the index snapshot from ${stateDir}`);
        return { ...restored, fromSnapshot: true };
      }
    }
    const newsroom = new Newsroom({ now, recency });
    const totals = await loadArticles(dataDir, (a) => newsroom.add(a), {
      logger,
      progress,
      onProgress: onProgress && ((files, totalFiles) => onProgress(files, totalFiles)),
    });
    if (fingerprint !== null) {
      try {
        await newsroom.save(stateDir, fingerprint, totals);
        log.info(`saved the index snapshot in ${stateDir}`);
      } catch (err) {
        log.warn({ err }, `could not save the index snapshot in ${stateDir}; the next start rebuilds it`);
      }
    }
    return { newsroom, totals, fromSnapshot: false };
  }

  /**
   * Saves articles, index and story grouping under `stateDir`, labelled with the corpus fingerprint
   * they came from.
   */
  async save(stateDir: string, fingerprint: string, totals: LoadTotals): Promise<void> {
    await saveSnapshot(stateDir, {
      fingerprint,
      totals,
      articles: this.articles(),
      index: this.#index.toSnapshot(),
      stories: this.#grouper.toSections(),
    });
  }

  /** The newsroom saved under `stateDir` for exactly this fingerprint, or null (none, stale or damaged). */
  static async restore(
    stateDir: string,
    fingerprint: string,
    options: NewsroomOptions = {},
  ): Promise<{ newsroom: Newsroom; totals: LoadTotals } | null> {
    const snapshot = await loadSnapshot(stateDir, fingerprint);
    const index = snapshot && NewsIndex.fromSnapshot(snapshot.index, snapshot.articles);
    if (!snapshot || !index) return null;
    let grouper: StoryGrouper;
    try {
      grouper = StoryGrouper.fromSections(snapshot.stories);
    } catch {
      return null;
    }
    if (grouper.size !== index.size) return null;
    return { newsroom: new Newsroom(options, { index, grouper }), totals: snapshot.totals };
  }

  get size(): number {
    return this.#index.size;
  }

  /** Distinct stories among the articles. */
  get storyCount(): number {
    return this.#storySizes.size;
  }

  article(id: string): Article | undefined {
    return this.#index.article(id);
  }

  /** How many of the live articles hold each index term: how rare a watch's words are. */
  documentFrequencies(terms: readonly string[]): DocumentFrequencies {
    return { articles: this.size, frequencies: terms.map((t) => this.#index.documentFrequency(t)) };
  }

  articles(): IterableIterator<Article> {
    return this.#index.articles();
  }

  /** Adds (or replaces, by id) an article; returns it with its storyId, or null for an exact copy. */
  add(parsed: ParsedArticle): Article | null {
    if (this.#index.has(parsed.id)) this.remove(parsed.id);
    const article = this.#grouper.admit(parsed);
    if (article === null) return null;
    this.#index.add(article);
    this.#countStory(article.storyId, 1);
    return article;
  }

  remove(id: string): boolean {
    const storyId = this.#index.article(id)?.storyId;
    if (storyId === undefined || !this.#index.remove(id)) return false;
    this.#grouper.remove(id);
    this.#countStory(storyId, -1);
    return true;
  }

  answer(query: string, options: AnswerOptions = {}): Answer {
    const offset = Math.max(0, Math.floor(options.offset ?? 0));
    const limit = Math.min(MAX_PAGE, Math.max(0, Math.floor(options.limit ?? 5)));
    const now = options.now ?? this.#now();
    const parsed = parseQuery(query, now);
    const { total, stories } = this.#search(parsed, now, offset, limit);
    const suggestions = this.#index.suggestions(parsed).slice(0, MAX_SUGGESTIONS);
    // A story found through a corrected word shows that word in its passage, so the reader sees why.
    const corrected = suggestions.flatMap((word) => termsOfRaw(word));
    const passageQuery = corrected.length ? { ...parsed, terms: [...parsed.terms, ...corrected] } : parsed;
    return {
      query,
      understood: parsed.understood,
      total,
      offset,
      stories: stories.map((hit) => this.#storyResult(hit, passageQuery)),
      suggestions,
    };
  }

  #search(
    parsed: ParsedQuery,
    now: Date,
    offset: number,
    limit: number,
  ): { total: number; stories: StoryHit[]; fuzzy: boolean } {
    if (parsed.terms.length > 0) return this.#index.search(parsed, now.getTime(), { offset, limit });
    if (parsed.sinceMs === null && parsed.sources.length === 0)
      return { total: 0, stories: [], fuzzy: false };
    // Only filters (e.g. "source:abc since:3d"): the newest matching stories.
    const hits = this.#index.newestFirst(parsed).map((id) => ({ id, score: 0 }));
    const stories = collapseToStories(hits, (id) => this.#index.article(id)?.storyId ?? id);
    return { total: stories.length, stories: stories.slice(offset, offset + limit), fuzzy: false };
  }

  /** The newest stories, one article each, newest first (undated last). */
  latest(n: number): StoryResult[] {
    const storyOf = (id: string): string => this.#index.article(id)?.storyId ?? id;
    const newest: StoryHit[] = [];
    const seen = new Set<string>();
    for (const id of this.#index.newestFirst()) {
      if (newest.length >= n) break;
      const storyId = storyOf(id);
      if (seen.has(storyId)) continue;
      seen.add(storyId);
      // Newest first, then the story's other articles: any of them may be its most complete version.
      const others = this.#index.storyArticles(storyId).filter((other) => other !== id);
      newest.push({ storyId, articleIds: [id, ...others], score: 0 });
    }
    return newest.map((hit) => this.#storyResult(hit, null));
  }

  /** The page's story as shown: passages are computed here, for the page only. */
  #storyResult(hit: StoryHit, query: PassageQuery | null): StoryResult {
    // The story's most complete version leads, not a shortened copy that happened to score higher.
    const matched = leadFirst(hit.articleIds.flatMap((id) => this.#index.article(id) ?? []));
    const article = matched[0] ?? (this.#index.article(hit.storyId) as Article);
    const outlets = new Set<string>();
    const leadOutlet = outletOf(article)?.name;
    for (const id of this.#index.storyArticles(hit.storyId)) {
      const other = this.#index.article(id);
      const name = other && outletOf(other)?.name;
      if (name && name !== leadOutlet) outlets.add(name);
    }
    return {
      storyId: hit.storyId,
      article,
      passage:
        query === null || query.terms.length === 0 ? leadPassage(article) : queryPassage(article, query),
      alsoReportedBy: [...outlets],
      articleIds: matched.map((a) => a.id),
      score: hit.score,
    };
  }
}
