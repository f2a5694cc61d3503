import type { Article } from '../corpus/article.js';
import { parseHttpUrl } from '../http-url.js';
import { escapeMrkdwn } from './escape.js';

/**
 * Longest URL we put in a link. Longer ones are real but would crowd the passage out of a
 * 3,000-character section, so such an article falls back to the next way of linking it.
 */
export const MAX_LINK_URL = 1000;

/**
 * The URL in the form Slack's `<url|label>` syntax can carry, or null when it is not an http(s)
 * URL (`javascript:`, `file:`, garbage) or is too long. `|` would end the URL part, so it is
 * percent-encoded; `&`, `<` and `>` are escaped as everywhere in mrkdwn.
 */
export function linkableUrl(raw: string): string | null {
  const url = parseHttpUrl(raw);
  if (url === null) return null;
  const safe = escapeMrkdwn(url.href.replace(/\|/g, '%7C'));
  return safe.length <= MAX_LINK_URL ? safe : null;
}

/**
 * Where a story's title links to: the article's own URL when known, else its page under
 * `publicBaseUrl` when newsbot serves one, else nowhere. Never a made-up URL.
 */
export function articleLink(
  article: Pick<Article, 'id' | 'url'>,
  publicBaseUrl: string | null | undefined,
): string | null {
  const own = article.url === null ? null : linkableUrl(article.url);
  if (own !== null) return own;
  if (!publicBaseUrl) return null;
  const base = publicBaseUrl.replace(/\/+$/, '');
  const id = encodedId(article.id);
  return id === null ? null : linkableUrl(`${base}/articles/${id}`);
}

/** The id as a URL path segment; null for an id no URL can carry (a lone surrogate). */
function encodedId(id: string): string | null {
  try {
    return encodeURIComponent(id);
  } catch {
    return null;
  }
}

/** `<url|label>` when there is a URL, otherwise the label alone; `label` comes from {@link linkLabel}. */
export function mrkdwnLink(url: string | null, label: string): string {
  return url === null ? label : `<${url}|${label}>`;
}
