/** How much a fresh article is preferred over an old one. */
export interface RecencyOptions {
  /** Extra weight of an article published right now: its score is multiplied by up to 1 + weight. */
  weight: number;
  /** Age, in days, at which the extra weight has halved. */
  halfLifeDays: number;
}

export const DEFAULT_RECENCY: RecencyOptions = { weight: 0.2, halfLifeDays: 3 };

const DAY_MS = 86_400_000;

/**
 * Score multiplier for an article's age: between 1 (old or undated) and 1 + weight (just out).
 * Gentle on purpose: it breaks near-ties, but a clearly better old match still wins.
 */
export function recencyFactor(
  publishedMs: number | null,
  nowMs: number,
  recency: RecencyOptions | null,
): number {
  if (recency === null || publishedMs === null || recency.weight === 0) return 1;
  const ageDays = Math.max(0, nowMs - publishedMs) / DAY_MS;
  return 1 + recency.weight * 0.5 ** (ageDays / recency.halfLifeDays);
}

/**
 * Bonus for matching more of the query's terms: all terms are preferred, partial matches still count.
 * `strength` 0 turns it off; 1 scales the score by the share of terms matched.
 */
export function coordinationFactor(matched: number, queryTerms: number, strength: number): number {
  if (queryTerms <= 1) return 1;
  return (matched / queryTerms) ** strength;
}

/** One ranked article. */
export interface ArticleHit {
  id: string;
  score: number;
}

/** One story of a ranking: its best article first, and the others that matched, best first. */
export interface StoryHit {
  storyId: string;
  articleIds: string[];
  score: number;
}

/** One result per story, in ranking order, scored by the story's best article. */
export function collapseToStories(hits: readonly ArticleHit[], storyOf: (id: string) => string): StoryHit[] {
  const stories = new Map<string, StoryHit>();
  for (const hit of hits) {
    const storyId = storyOf(hit.id);
    const story = stories.get(storyId);
    if (story) story.articleIds.push(hit.id);
    else stories.set(storyId, { storyId, articleIds: [hit.id], score: hit.score });
  }
  return [...stories.values()];
}

/** True if `needle` occurs as a contiguous run in `haystack`. */
export function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0) return true;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
