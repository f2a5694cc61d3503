import { escapeUTF8 as escapeHtml } from 'entities';
import type { Article } from '../../corpus/article.js';

/**
 * No scripts, no frames, no outside resources: the page is text and one inline style sheet.
 * Sent as a header with every article page and its 404.
 */
export const ARTICLE_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const STYLE = `
body{margin:0;background:#fafaf7;color:#1d1c1d;font:18px/1.6 Georgia,'Times New Roman',serif}
main{max-width:40rem;margin:0 auto;padding:2.5rem 1.25rem 4rem}
h1{font-size:2rem;line-height:1.25;margin:0 0 .5rem}
.meta{color:#616061;font:15px/1.4 system-ui,sans-serif;margin:0 0 2rem}
a{color:#1264a3}
footer{margin-top:3rem;color:#616061;font:14px system-ui,sans-serif}
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body><main>
${body}
</main></body>
</html>
`;
}

const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const DATE_AND_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
  timeZone: 'UTC',
});

/** "9 September 2025", with the time in UTC when the source gave one. */
function formatPublished(published: string): string {
  const date = new Date(published);
  if (Number.isNaN(date.getTime())) return published;
  return (published.length === 10 ? DATE : DATE_AND_TIME).format(date);
}

/** A readable page for one article: title, outlet, date, paragraphs. Every field is escaped. */
export function renderArticlePage(article: Article): string {
  const meta = [article.source, article.published && formatPublished(article.published), article.credit]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .map(escapeHtml)
    .join(' · ');
  const original =
    article.url !== null && /^https?:\/\//i.test(article.url)
      ? `<footer><a href="${escapeHtml(article.url)}" rel="noopener noreferrer nofollow">Read the original</a></footer>`
      : '';
  const paragraphs = article.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  return page(
    article.title,
    `<article>
<h1>${escapeHtml(article.title)}</h1>
${meta === '' ? '' : `<p class="meta">${meta}</p>`}
${paragraphs}
</article>
${original}`,
  );
}

export function renderNotFoundPage(): string {
  return page(
    'Article not found',
    '<h1>Article not found</h1>\n<p>newsbot has no article with this id. It may have been removed from the collection.</p>',
  );
}
