import type { Article } from './corpus/article.js';

/** A span of a passage to show in bold: [start, end) offsets into `Passage.text`. */
export interface Highlight {
  start: number;
  end: number;
}

/** The few sentences of an article shown under its title. */
export interface Passage {
  /** 1–3 sentences in article order, "…" where text was skipped, never cut mid-word. */
  text: string;
  /** Matched query words, in order, non-overlapping. */
  highlights: Highlight[];
}

/** One story in an answer: the best article of the story plus who else reported it. */
export interface StoryResult {
  storyId: string;
  /** The story's best-matching article. */
  article: Article;
  passage: Passage;
  /** Other outlets that reported the same story (names, unique, without `article.source`). */
  alsoReportedBy: string[];
  /** Ids of the story's articles that matched, best first (`article.id` first). */
  articleIds: string[];
  score: number;
}

/** The query as newsbot understood it, for the footer ("filters applied") and for scripts. */
export interface QueryUnderstanding {
  /** Plain words searched for (as typed, lower-cased; stopwords dropped). */
  words: string[];
  /** "exact phrases". */
  phrases: string[];
  /** -excluded words. */
  excluded: string[];
  /** since: filter as an ISO date, or null. */
  since: string | null;
  /** source: filters (outlet names as typed). */
  sources: string[];
  /** Parts of the query that were ignored, with the reason, e.g. `since:banana is not a date`. */
  warnings: string[];
}

export interface Answer {
  /** The query exactly as received. */
  query: string;
  understood: QueryUnderstanding;
  /** Number of matching stories in all (not just this page). */
  total: number;
  /** Index of the first story of this page in the full ranking. */
  offset: number;
  stories: StoryResult[];
  /** Close terms from the index vocabulary when there are no hits ("did you mean …"). */
  suggestions: string[];
}
