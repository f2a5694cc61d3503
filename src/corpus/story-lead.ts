import { type Article, wordCount } from './article.js';

/**
 * How much longer another version of the story must be to lead instead of the best match: versions
 * of about the same length are equally complete and the better match leads; a shortened copy (an
 * aggregator's 41-word cut of a 261-word report) never does.
 */
const MORE_COMPLETE = 1.25;

/**
 * Word counts of the articles asked about before. Every answer weighs each matched article of its
 * stories, and counting a body's words was a fifth of an answer's time in the newsroom worker; an
 * article object never changes once built, and its entry goes when the article does.
 */
const wordsOf = new WeakMap<object, number>();

function wordsIn(article: Pick<Article, 'paragraphs'>): number {
  let words = wordsOf.get(article);
  if (words === undefined) {
    words = wordCount(article);
    wordsOf.set(article, words);
  }
  return words;
}

/**
 * A story's articles with its lead first: the most complete version (most words), unless the best
 * match (the first given) is about as long. The others keep their order. `articles` is best match
 * first; the result is a new array.
 */
export function leadFirst<T extends Pick<Article, 'paragraphs'>>(articles: readonly T[]): T[] {
  const [best] = articles;
  if (best === undefined || articles.length === 1) return [...articles];
  const words = articles.map(wordsIn);
  let lead = 0;
  for (let i = 1; i < articles.length; i++) if ((words[i] ?? 0) > (words[lead] ?? 0)) lead = i;
  if ((words[lead] ?? 0) < (words[0] ?? 0) * MORE_COMPLETE) lead = 0;
  const leader = articles[lead] as T;
  return [leader, ...articles.filter((_, i) => i !== lead)];
}
