import { describe, expect, it } from 'vitest';
import { articleLink, linkableUrl, MAX_LINK_URL } from '../../src/block-kit/links.js';

describe('linkableUrl', () => {
  it('keeps http and https URLs, escaping & for mrkdwn', () => {
    expect(linkableUrl('https://example.com/a?b=1&c=2')).toBe('https://example.com/a?b=1&amp;c=2');
    expect(linkableUrl('http://example.com/')).toBe('http://example.com/');
  });

  it('refuses anything that is not http(s)', () => {
    expect(linkableUrl('javascript:alert(1)')).toBeNull();
    expect(linkableUrl('JAVASCRIPT:alert(1)')).toBeNull();
    expect(linkableUrl('file:///etc/passwd')).toBeNull();
    expect(linkableUrl('data:text/html,hi')).toBeNull();
    expect(linkableUrl('not a url')).toBeNull();
  });

  it('encodes what would break the <url|label> syntax', () => {
    const url = linkableUrl('https://example.com/a|b?x=<y>');
    expect(url).not.toBeNull();
    expect(url).not.toMatch(/[|<>]/);
  });

  it('refuses URLs too long to leave room for the story', () => {
    expect(linkableUrl(`https://example.com/${'a'.repeat(MAX_LINK_URL)}`)).toBeNull();
  });
});

describe('articleLink', () => {
  const base = 'https://news.example.org/';

  it("prefers the article's own URL", () => {
    expect(articleLink({ id: 'x', url: 'https://abc.net.au/1' }, base)).toBe('https://abc.net.au/1');
  });

  it('falls back to the public base URL with the id encoded', () => {
    expect(articleLink({ id: 'data/a b#2', url: null }, base)).toBe(
      'https://news.example.org/articles/data%2Fa%20b%232',
    );
  });

  it('uses the public base URL when the own URL is not linkable', () => {
    expect(articleLink({ id: 'x', url: 'javascript:alert(1)' }, base)).toBe(
      'https://news.example.org/articles/x',
    );
  });

  it('links nowhere rather than invent a URL', () => {
    expect(articleLink({ id: 'x', url: null }, null)).toBeNull();
    expect(articleLink({ id: 'x', url: null }, undefined)).toBeNull();
    expect(articleLink({ id: 'x', url: 'javascript:alert(1)' }, 'javascript:alert(2)')).toBeNull();
  });
});
