import { type Article, publishedTime } from './article.js';

/** How far ahead of the clock a date may be (time zones, a clock a little fast) before it is not believed. */
const TOLERANCE_MS = 86_400_000;

/**
 * Why the article's date cannot be right (more than a day ahead of `nowMs`), or null. Such a date
 * would put the article first in every recency ranking; the loader treats it as unknown instead.
 */
export function futureDateProblem(article: Pick<Article, 'published'>, nowMs: number): string | null {
  const published = publishedTime(article);
  if (published === null || published - nowMs <= TOLERANCE_MS) return null;
  return `published ${article.published} is more than a day ahead of the clock: date treated as unknown`;
}
