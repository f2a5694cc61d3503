import type { Answer, StoryResult } from '../answer-types.js';
import type { Article, ParsedArticle } from '../corpus/article.js';
import { type ArticleFingerprint, fingerprints } from '../store/articles.js';
import type { DigestQuery, DigestSelection } from './digest-selection.js';
import { selectDigest } from './digest-selection.js';
import type { AnswerOptions, DocumentFrequencies, Newsroom } from './newsroom.js';

/** Where the newsroom is: still reading its articles, answering, or coming back after a crash. */
export type DeskState = 'loading' | 'ready' | 'restarting';

export interface DeskStats {
  state: DeskState;
  /** Progress of the load under way: files read of files in all (both 0 when ready). */
  loaded: number;
  total: number;
  /** Articles and stories in the newsroom (0 until it is ready). */
  articles: number;
  stories: number;
}

/**
 * What every surface (Slack listeners, console mode, CLI, digests, feeds, watches) asks the
 * newsroom. Always async: in `serve` the newsroom runs in a worker thread (see worker-desk.ts);
 * in tests and one-shot CLI commands it runs in this thread ({@link InProcessDesk}).
 *
 * While the newsroom loads, every method but `stats` rejects with {@link NewsroomLoadingError};
 * while a crashed worker restarts, with {@link NewsroomRestartingError}.
 */
export interface NewsDesk {
  /** One page of stories for a query (the /news query language). */
  answer(query: string, options?: AnswerOptions): Promise<Answer>;
  /** The newest stories, one article each, newest first. */
  latest(n: number): Promise<StoryResult[]>;
  /** Adds (or replaces, by id) articles; each comes back with its storyId, or null for an exact copy. */
  add(articles: ParsedArticle[]): Promise<Array<Article | null>>;
  /** Removes articles by id; returns how many were there. */
  remove(ids: string[]): Promise<number>;
  article(id: string): Promise<Article | undefined>;
  stats(): Promise<DeskStats>;
  /** The stories of a digest: new in the window, matching the topics, ranked (see digest-selection.ts). */
  digest(query: DigestQuery): Promise<DigestSelection>;
  /** Every article's id and content hash, for syncing the data folder with the store. */
  fingerprints(): Promise<ArticleFingerprint[]>;
  /** How many live articles hold each index term (watches weigh their words by rarity). */
  documentFrequencies(terms: string[]): Promise<DocumentFrequencies>;
}

/** The methods of {@link NewsDesk}: the names the worker protocol carries. */
export type DeskMethod = keyof NewsDesk;

/** The newsroom is still reading its articles; try again in a moment. */
export class NewsroomLoadingError extends Error {
  override name = 'NewsroomLoadingError';
  constructor(
    readonly loaded: number,
    readonly total: number,
  ) {
    super(`the newsroom is still loading (${loaded} of ${total})`);
  }
}

/** The newsroom worker stopped and is being started again. */
export class NewsroomRestartingError extends Error {
  override name = 'NewsroomRestartingError';
  constructor() {
    super('the newsroom is restarting');
  }
}

/** The desk over a newsroom in this thread: for unit tests, one-shot CLI commands, and inside the worker. */
export class InProcessDesk implements NewsDesk {
  constructor(readonly newsroom: Newsroom) {}

  async answer(query: string, options?: AnswerOptions): Promise<Answer> {
    return this.newsroom.answer(query, options);
  }

  async latest(n: number): Promise<StoryResult[]> {
    return this.newsroom.latest(n);
  }

  async add(articles: ParsedArticle[]): Promise<Array<Article | null>> {
    return articles.map((a) => this.newsroom.add(a));
  }

  async remove(ids: string[]): Promise<number> {
    return ids.filter((id) => this.newsroom.remove(id)).length;
  }

  async article(id: string): Promise<Article | undefined> {
    return this.newsroom.article(id);
  }

  async stats(): Promise<DeskStats> {
    const { size: articles, storyCount: stories } = this.newsroom;
    return { state: 'ready', loaded: 0, total: 0, articles, stories };
  }

  async digest(query: DigestQuery): Promise<DigestSelection> {
    return selectDigest(this.newsroom, query);
  }

  async fingerprints(): Promise<ArticleFingerprint[]> {
    return fingerprints(this.newsroom.articles());
  }

  async documentFrequencies(terms: string[]): Promise<DocumentFrequencies> {
    return this.newsroom.documentFrequencies(terms);
  }
}
