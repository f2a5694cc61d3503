import type { ServerResponse } from 'node:http';
import type { NewsDesk } from '../../newsroom/desk.js';
import { ARTICLE_PAGE_CSP, renderArticlePage, renderNotFoundPage } from './article-page.js';
import type { HttpRoute } from './slack-receiver.js';

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  extra: Record<string, string> = {},
) {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'X-Content-Type-Options': 'nosniff',
    ...extra,
  });
  res.end(body);
}

/**
 * `GET {base path of PUBLIC_BASE_URL}/articles/:id`: the page Slack links to for an article
 * without a URL of its own; a 404 page for an unknown id (and while the newsroom cannot answer).
 */
export function articleRoute(desk: Pick<NewsDesk, 'article'>, publicBaseUrl: string): HttpRoute {
  const prefix = `${new URL(publicBaseUrl).pathname.replace(/\/+$/, '')}/articles/`;
  return {
    match: (pathname) => {
      if (!pathname.startsWith(prefix)) return null;
      const id = pathname.slice(prefix.length);
      if (id === '' || id.includes('/')) return null;
      try {
        return { id: decodeURIComponent(id) };
      } catch {
        return { id };
      }
    },
    handle: async (_req, res, { id = '' }) => {
      const article = await desk.article(id).catch(() => undefined);
      const headers = { 'Content-Security-Policy': ARTICLE_PAGE_CSP, 'Referrer-Policy': 'no-referrer' };
      if (article === undefined) {
        send(res, 404, 'text/html; charset=utf-8', renderNotFoundPage(), headers);
        return;
      }
      send(res, 200, 'text/html; charset=utf-8', renderArticlePage(article), {
        ...headers,
        'Cache-Control': 'public, max-age=300',
      });
    },
  };
}
