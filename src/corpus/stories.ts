import type { ParsedArticle } from './article.js';

/** What grouping decided for one article. */
export interface StoryAssignment {
  /** The story the article belongs to (an existing one, or a new one named after this article). */
  storyId: string;
  /** Set when the article is an exact copy of one already seen: it collapses into that one. */
  duplicateOf: string | null;
}

/**
 * Groups articles that report the same event into stories, one article at a time, so that
 * articles can arrive while the bot runs.
 *
 * PLACEHOLDER (being replaced by the MinHash/LSH implementation): every article is its own story.
 */
export class StoryGrouper {
  assign(article: ParsedArticle): StoryAssignment {
    return { storyId: article.id, duplicateOf: null };
  }

  /** Forget an article (it was removed or replaced). */
  remove(_articleId: string): void {}
}
