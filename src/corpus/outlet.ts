import { parseUrl } from '../http-url.js';
import type { Article } from './article.js';

/** Who published an article, as a reply names it, and where the name came from. */
export interface Outlet {
  name: string;
  /** `source`: the article's own outlet; `credit`: taken from a credit ("ABC/wires"); `link`: the URL's host. */
  from: 'source' | 'credit' | 'link';
}

// What follows an outlet in a credit and is not an outlet: "ABC/wires", "AAP with staff".
const CREDIT_SEPARATOR = /\s*(?:[/,;|+&]|\bwith\b|\band\b|\bvia\b)\s*/i;
const NOT_AN_OUTLET = /^(?:wires?|agencies|staff|staff writers?|reporters?|newswires?)$/i;

/** The outlet named first in a credit: "ABC/wires" → "ABC", "AAP" → "AAP"; null when none is named. */
export function creditOutlet(credit: string | null): string | null {
  if (credit === null) return null;
  const first = credit
    .split(CREDIT_SEPARATOR)
    .map((part) => part.trim())
    .find((part) => part !== '' && !NOT_AN_OUTLET.test(part));
  return first ?? null;
}

/** "https://www.perthnow.com.au/news/…" → "perthnow.com.au". */
function linkHost(url: string | null): string | null {
  if (url === null) return null;
  return parseUrl(url)?.hostname.replace(/^www\./, '') || null;
}

/**
 * The outlet a reply shows for an article: its own outlet, else the outlet of its credit (marked as
 * such), else the host of its link, else null. Never the file it was read from.
 */
export function outletOf(article: Pick<Article, 'source' | 'credit' | 'url'>): Outlet | null {
  if (article.source) return { name: article.source, from: 'source' };
  const credited = creditOutlet(article.credit);
  if (credited) return { name: credited, from: 'credit' };
  const host = linkHost(article.url);
  return host ? { name: host, from: 'link' } : null;
}

/** The outlet names a `source:` filter matches: the article's outlet and its credit's outlet. */
export function outletNames(article: Pick<Article, 'source' | 'credit'>): string[] {
  const names = [article.source, creditOutlet(article.credit)].filter((n): n is string => Boolean(n));
  return [...new Set(names)];
}
