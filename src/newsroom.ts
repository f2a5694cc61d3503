import MiniSearch from 'minisearch';
import type { Answer, StoryResult } from './answer-types.js';
import { type Article, type ParsedArticle, publishedTime } from './corpus/article.js';
import { StoryGrouper } from './corpus/stories.js';

export interface AnswerOptions {
  /** First story to return (for "More"). Default 0. */
  offset?: number;
  /** Stories per page. Default 5. */
  limit?: number;
  /** Reference time for recency and relative filters. Default: now. */
  now?: Date;
}

/**
 * The live set of articles with their index: what every surface (Slack, console, CLI, digest)
 * asks. Articles can be added and removed while the bot runs.
 *
 * TEMPORARY INTERNALS: a plain MiniSearch and first-sentences passages, replaced by
 * search/ and summarize/ as they land. The public methods are the contract.
 */
export class Newsroom {
  readonly #articles = new Map<string, Article>();
  readonly #grouper = new StoryGrouper();
  readonly #index = new MiniSearch<Article>({
    fields: ['title', 'body'],
    storeFields: [],
    extractField: (a, f) => (f === 'body' ? a.paragraphs.join('\n') : String(a[f as keyof Article] ?? '')),
  });

  static fromArticles(articles: Iterable<ParsedArticle>): Newsroom {
    const room = new Newsroom();
    for (const a of articles) room.add(a);
    return room;
  }

  get size(): number {
    return this.#articles.size;
  }

  article(id: string): Article | undefined {
    return this.#articles.get(id);
  }

  articles(): IterableIterator<Article> {
    return this.#articles.values();
  }

  /** Adds (or replaces, by id) an article; returns it with its storyId, or null for an exact copy. */
  add(parsed: ParsedArticle): Article | null {
    if (this.#articles.has(parsed.id)) this.remove(parsed.id);
    const { storyId, duplicateOf } = this.#grouper.assign(parsed);
    if (duplicateOf !== null) return null;
    const article: Article = { ...parsed, storyId };
    this.#articles.set(article.id, article);
    this.#index.add(article);
    return article;
  }

  remove(id: string): boolean {
    const article = this.#articles.get(id);
    if (!article) return false;
    this.#index.remove(article);
    this.#grouper.remove(id);
    this.#articles.delete(id);
    return true;
  }

  answer(query: string, options: AnswerOptions = {}): Answer {
    const { offset = 0, limit = 5 } = options;
    const words = query.split(/\s+/).filter(Boolean);
    const hits = words.length ? this.#index.search(query) : [];
    const stories: StoryResult[] = [];
    const seen = new Set<string>();
    for (const hit of hits) {
      const article = this.#articles.get(String(hit.id));
      if (!article || seen.has(article.storyId)) continue;
      seen.add(article.storyId);
      stories.push(this.#story(article, hit.score));
    }
    return {
      query,
      understood: { words, phrases: [], excluded: [], since: null, sources: [], warnings: [] },
      total: stories.length,
      offset,
      stories: stories.slice(offset, offset + limit),
      suggestions: [],
    };
  }

  /** The newest stories, one article each, newest first (undated last). */
  latest(n: number): StoryResult[] {
    const byStory = new Map<string, Article>();
    for (const a of this.#articles.values()) {
      const current = byStory.get(a.storyId);
      if (!current || (publishedTime(a) ?? 0) > (publishedTime(current) ?? 0)) byStory.set(a.storyId, a);
    }
    return [...byStory.values()]
      .sort((a, b) => (publishedTime(b) ?? -Infinity) - (publishedTime(a) ?? -Infinity))
      .slice(0, n)
      .map((a) => this.#story(a, 0));
  }

  #story(article: Article, score: number): StoryResult {
    const text = article.paragraphs.slice(0, 1).join(' ').slice(0, 300);
    return {
      storyId: article.storyId,
      article,
      passage: { text, highlights: [] },
      alsoReportedBy: [],
      articleIds: [article.id],
      score,
    };
  }
}
