import { describe, expect, it } from 'vitest';
import { ArticleSchema } from '../../src/corpus/article.js';
import {
  cleanLink,
  feedArticleId,
  isFeedArticleId,
  itemKey,
  itemToArticle,
} from '../../src/feeds/item-identity.js';
import type { FeedItem } from '../../src/feeds/parse-feed.js';

const item = (over: Partial<FeedItem>): FeedItem => ({
  rawDigest: 'r',
  guid: null,
  link: null,
  title: 'A title',
  paragraphs: ['Some text.'],
  published: null,
  updated: null,
  author: null,
  ...over,
});

describe('cleanLink', () => {
  it('removes tracking parameters and keeps the rest in order', () => {
    expect(
      cleanLink(
        'https://News.Example/a/b?utm_source=rss&id=7&fbclid=x&gclid=y&mc_cid=1&mc_eid=2&UTM_Campaign=z&page=2#top',
      ),
    ).toBe('https://news.example/a/b?id=7&page=2#top');
    expect(cleanLink('https://news.example/a?utm_medium=feed')).toBe('https://news.example/a');
    expect(cleanLink('http://news.example:80/a?')).toBe('http://news.example/a');
  });

  it('keeps only http(s) links and drops credentials', () => {
    expect(cleanLink('javascript:alert(1)')).toBeNull();
    expect(cleanLink('not a link')).toBeNull();
    expect(cleanLink('https://u:p@news.example/a')).toBe('https://news.example/a');
  });
});

describe('itemKey', () => {
  it('uses the guid, else the cleaned link, else the text; never the date', () => {
    expect(itemKey(item({ guid: 'g-1', link: 'https://x.example/a' }))).toBe('guid:g-1');
    expect(itemKey(item({ link: 'https://x.example/a?utm_source=rss' }))).toBe('link:https://x.example/a');
    expect(itemKey(item({ link: 'https://x.example/a?utm_source=rss', published: '2026-01-01' }))).toBe(
      itemKey(item({ link: 'https://x.example/a', published: '2026-02-02' })),
    );
    expect(itemKey(item({}))).toMatch(/^text:[0-9a-f]{24}$/);
    expect(itemKey(item({ title: null, paragraphs: [] }))).toBeNull();
  });

  it('derives the same article id for the same feed and key, a different one elsewhere', () => {
    expect(feedArticleId('https://f.example/rss', 'guid:1')).toBe(
      feedArticleId('https://f.example/rss', 'guid:1'),
    );
    expect(feedArticleId('https://f.example/rss', 'guid:1')).not.toBe(
      feedArticleId('https://g.example/rss', 'guid:1'),
    );
  });

  it('tells a feed article’s id from a file’s', () => {
    expect(isFeedArticleId(feedArticleId('https://f.example/rss', 'guid:1'))).toBe(true);
    expect(isFeedArticleId('0123456789abcdef')).toBe(false);
    expect(isFeedArticleId('feed-story')).toBe(false);
  });
});

describe('itemToArticle', () => {
  const feed = { url: 'https://f.example/rss', source: 'F News' };
  const now = new Date('2026-11-24T12:00:00Z');

  it('makes a valid article showing the cleaned link', () => {
    const article = itemToArticle(
      item({ guid: 'g', link: 'https://x.example/a?utm_source=rss', published: '2026-11-24T10:00:00.000Z' }),
      'guid:g',
      feed,
      now,
    );
    expect(ArticleSchema.omit({ storyId: true }).parse(article)).toMatchObject({
      id: feedArticleId(feed.url, 'guid:g'),
      url: 'https://x.example/a',
      source: 'F News',
      origin: feed.url,
      published: '2026-11-24T10:00:00.000Z',
    });
  });

  it('drops a date far in the future and titles an untitled item from its text', () => {
    const article = itemToArticle(
      item({ title: null, paragraphs: ['Short text only.'], published: '2027-06-01T00:00:00.000Z' }),
      'k',
      feed,
      now,
    );
    expect(article).toMatchObject({ title: 'Short text only.', published: null });
    expect(itemToArticle(item({ title: null, paragraphs: [] }), 'k', feed, now)).toBeNull();
  });
});
