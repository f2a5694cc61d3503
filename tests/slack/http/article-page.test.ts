import { describe, expect, it } from 'vitest';
import type { Article } from '../../../src/corpus/article.js';
import { renderArticlePage, renderNotFoundPage } from '../../../src/slack/http/article-page.js';

const article: Article = {
  id: 'a1',
  title: 'Rates "held" <again>',
  paragraphs: ['First & foremost.', '<img src=x onerror=alert(1)>'],
  published: '2025-09-09T10:30:00.000Z',
  source: "O'Brien <Daily>",
  url: 'javascript:alert(1)',
  credit: null,
  origin: 'a.txt',
  storyId: 'a1',
};

describe('renderArticlePage', () => {
  it('escapes every field and shows title, outlet, date and paragraphs', () => {
    const html = renderArticlePage(article);
    expect(html).toContain('<title>Rates &quot;held&quot; &lt;again&gt;</title>');
    expect(html).toContain('<h1>Rates &quot;held&quot; &lt;again&gt;</h1>');
    expect(html).toContain('O&apos;Brien &lt;Daily&gt; · 9 September 2025');
    expect(html).toContain('<p>First &amp; foremost.</p>');
    expect(html).toContain('<p>&lt;img src=x onerror=alert(1)&gt;</p>');
    expect(html).not.toContain('<img');
  });

  it('links the original only when it is an http(s) URL', () => {
    expect(renderArticlePage(article)).not.toContain('javascript:');
    const linked = renderArticlePage({ ...article, url: 'https://example.com/a?b=1&c=2' });
    expect(linked).toContain('href="https://example.com/a?b=1&amp;c=2"');
  });

  it('has a not-found page', () => {
    expect(renderNotFoundPage()).toContain('Article not found');
  });
});
