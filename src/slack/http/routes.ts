import type { ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Newsroom } from '../../newsroom.js';
import { ARTICLE_PAGE_CSP, renderArticlePage, renderNotFoundPage } from './article-page.js';

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
 * `GET /healthz` for load balancers: 200 with the article count and uptime, and the store's state
 * ("up", "down", "opening") when there is one: `/news` answers from memory even when it is down.
 */
export function healthRoute(
  newsroom: Newsroom,
  startedAt = Date.now(),
  storeStatus: () => string | null = () => null,
): CustomRoute {
  return {
    path: '/healthz',
    method: 'GET',
    handler: (_req, res) => {
      const body = JSON.stringify({
        ok: true,
        articles: newsroom.size,
        ...(storeStatus() === null ? {} : { store: storeStatus() }),
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      });
      send(res, 200, 'application/json', body, { 'Cache-Control': 'no-store' });
    },
  };
}

/**
 * `GET {base path of PUBLIC_BASE_URL}/articles/:id`: the page Slack links to for an article
 * without a URL of its own; a 404 page for an unknown id.
 */
export function articleRoute(newsroom: Newsroom, publicBaseUrl: string): CustomRoute {
  const basePath = new URL(publicBaseUrl).pathname.replace(/\/+$/, '');
  return {
    path: `${basePath}/articles/:id`,
    method: 'GET',
    handler: (req, res) => {
      const id = req.params?.id;
      const article = typeof id === 'string' ? newsroom.article(id) : undefined;
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
